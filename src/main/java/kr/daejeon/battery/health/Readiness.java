package kr.daejeon.battery.health;

/** Whether this node can take traffic now: what {@code /ready} answers. Cheap to ask (no I/O per request). */
public interface Readiness {

    /**
     * @param reason a stable code when not ready ({@code readonly}, {@code oom}, {@code cluster_down},
     *               {@code unreachable}, {@code replicas_missing}, {@code probe_stale}, {@code starting}, {@code error})
     * @param detail a sentence for operators (Redis's own error text, no customer data)
     */
    record Verdict(boolean ready, String reason, String detail) {
        public static final Verdict READY = new Verdict(true, null, null);

        public static Verdict notReady(String reason, String detail) {
            return new Verdict(false, reason, detail);
        }
    }

    Verdict check();

    /** Memory mode: the store is this process, always writable. */
    Readiness ALWAYS = () -> Verdict.READY;
}
