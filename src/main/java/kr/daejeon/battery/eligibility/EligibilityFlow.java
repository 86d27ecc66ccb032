package kr.daejeon.battery.eligibility;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * The guided eligibility pre-check: asks the questions of {@link EligibilityRules} one by one with
 * quick replies, understands free answers too ("유성구에 공장 있어요", "we are a 12-person startup",
 * "founded in 2019"), and ends with which track may fit, clause by clause, always as guidance.
 * Pure: the state travels in {@link EligibilityCheck}.
 */
public final class EligibilityFlow {

    public static final String INTENT = "eligibility";

    /** @param check the new state (null when cancelled); {@code understood} false when the answer was not recognised */
    public record Step(EligibilityCheck check, List<Message> replies, boolean understood) {
    }

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(19[5-9]\\d|20\\d\\d)(?!\\d)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])(\\d{1,6})(?![\\d.])");
    private static final List<String> CANCEL_WORDS = List.of("그만", "취소", "중단", "cancel", "stop", "quit");
    private static final List<String> RESTART_WORDS = List.of("처음부터", "다시 시작", "다시 확인", "restart", "start over");

    private final EligibilityRules rules;
    private final FaqCatalog faq;
    private final ZoneId zone;

    public EligibilityFlow(EligibilityRules rules, FaqCatalog faq, ZoneId zone) {
        this.rules = rules;
        this.faq = faq;
        this.zone = zone;
    }

    public String startLabel(Language language) {
        return rules.startLabel().in(language);
    }

    public boolean isStart(String text) {
        String t = TextNormalizer.normalize(text);
        return t.equals(TextNormalizer.normalize(rules.startLabel().ko())) || t.equals(TextNormalizer.normalize(rules.startLabel().en()));
    }

    /** The "start over" quick reply, also after the check has finished. */
    public boolean isRestart(String text) {
        return matchesLabel(text, rules.restartLabel());
    }

    /** True while questions remain. */
    public boolean inProgress(EligibilityCheck check) {
        return check != null && check.step() < rules.questions().size();
    }

    public Step start(Language language, Instant now) {
        EligibilityCheck check = EligibilityCheck.begin();
        List<Message> replies = new ArrayList<>();
        replies.add(bot(rules.message("intro", language), List.of(), now));
        replies.add(ask(check, language, now));
        return new Step(check, replies, true);
    }

    public Step answer(EligibilityCheck check, String text, Language language, Instant now) {
        String t = " " + TextNormalizer.normalize(text) + " ";
        if (matchesLabel(text, rules.cancelLabel()) || CANCEL_WORDS.stream().anyMatch(t::contains)) {
            return new Step(null, List.of(bot(rules.message("cancelled", language), List.of(), now)), true);
        }
        if (matchesLabel(text, rules.restartLabel()) || RESTART_WORDS.stream().anyMatch(t::contains)) {
            return start(language, now);
        }
        EligibilityRules.Question q = rules.questions().get(check.step());
        String value = understand(q, text, now);
        if (value == null) {
            return new Step(check, List.of(bot(rules.message("not_understood", language), List.of(), now),
                    ask(check, language, now)), false);
        }
        EligibilityCheck next = check.answered(q.id(), value);
        if (inProgress(next)) {
            return new Step(next, List.of(ask(next, language, now)), true);
        }
        return new Step(next, List.of(result(next, language, now)), true);
    }

    /** The answers in words, for the staff ticket; null when there are none. */
    public String summary(EligibilityCheck check, Language language) {
        if (check == null || check.answers().isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(language == Language.KO ? "자격 사전 확인 답변: " : "Eligibility check answers: ");
        boolean first = true;
        for (EligibilityRules.Question q : rules.questions()) {
            String v = check.answers().get(q.id());
            if (v != null) {
                b.append(first ? "" : " · ").append(q.id()).append('=').append(describe(q, v, language));
                first = false;
            }
        }
        return b.toString();
    }

    String understand(EligibilityRules.Question q, String text, Instant now) {
        String t = TextNormalizer.normalize(text);
        for (EligibilityRules.Option o : q.options()) {
            if (matchesLabel(text, o.label())) {
                return o.value();
            }
        }
        if (q.numeric()) {
            return number(q, t, now);
        }
        String padded = " " + t + " ";
        List<EligibilityRules.Option> hits = new ArrayList<>();
        for (EligibilityRules.Option o : q.options()) {
            if (o.match().stream().anyMatch(padded::contains)) {
                hits.add(o);
            }
        }
        // "본사는 서울, 공장은 유성구" names a site and a non-site: the site is the answer.
        if (hits.size() > 1) {
            hits.removeIf(o -> o.value().equals("none") || o.value().equals("other"));
        }
        return hits.isEmpty() ? null : hits.get(0).value();
    }

    private String number(EligibilityRules.Question q, String t, Instant now) {
        if (q.foundingYear()) {
            Matcher year = YEAR.matcher(t);
            if (year.find()) {
                int founded = Integer.parseInt(year.group(1));
                int thisYear = now.atZone(zone).getYear();
                return founded <= thisYear ? Integer.toString(thisYear - founded) : null;
            }
        }
        Matcher m = NUMBER.matcher(t);
        return m.find() ? Integer.toString(Integer.parseInt(m.group(1))) : null;
    }

    private static boolean matchesLabel(String text, kr.daejeon.battery.faq.LocalizedText label) {
        String t = TextNormalizer.normalize(text);
        return t.equals(TextNormalizer.normalize(label.ko())) || t.equals(TextNormalizer.normalize(label.en()));
    }

    private Message ask(EligibilityCheck check, Language language, Instant now) {
        EligibilityRules.Question q = rules.questions().get(check.step());
        List<String> replies = new ArrayList<>();
        q.options().forEach(o -> replies.add(o.label().in(language)));
        replies.add(rules.cancelLabel().in(language));
        return bot(q.ask().in(language), replies, now);
    }

    private Message result(EligibilityCheck check, Language language, Instant now) {
        StringBuilder b = new StringBuilder(rules.message("result_title", language)).append('\n');
        boolean anyFits = false;
        for (EligibilityRules.Track track : rules.tracks()) {
            boolean fits = track.clauses().stream().allMatch(c -> c.passes(check.answers().get(c.question())));
            anyFits |= fits;
            b.append("• ").append(track.name().in(language)).append(": ")
                    .append(rules.message(fits ? "fits" : "does_not_fit", language)).append('\n');
            for (EligibilityRules.Clause c : track.clauses()) {
                b.append("   ").append(c.passes(check.answers().get(c.question())) ? "✓ " : "✗ ").append(c.text().in(language))
                        .append('\n');
            }
        }
        if (!anyFits) {
            b.append(rules.message("neither", language)).append('\n');
        }
        b.append(rules.message("disclaimer", language));
        List<String> replies = List.of(faq.handoffLabel(language), rules.restartLabel().in(language),
                faq.title("application_process", language));
        return bot(b.toString(), replies, now);
    }

    private String describe(EligibilityRules.Question q, String value, Language language) {
        if (q.numeric()) {
            return value;
        }
        return q.options().stream().filter(o -> o.value().equals(value)).findFirst().map(o -> o.label().in(language)).orElse(value);
    }

    private static Message bot(String text, List<String> quickReplies, Instant now) {
        return Message.bot(text, quickReplies, List.of(), now, INTENT);
    }
}
