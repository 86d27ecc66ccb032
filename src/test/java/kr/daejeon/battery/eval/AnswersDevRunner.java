package kr.daejeon.battery.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Answer choice on the development set ({@code eval-dev/}, tuned on): prints the accuracy per language
 * and every miss. A local tool for changes to entries and retrieval, not a gate: it runs only with
 * {@code -Ddev.answers=true}, so the build does not train the classifier once more for it.
 */
class AnswersDevRunner {

    static final Path DEV = Path.of("src/test/resources/eval-dev");

    @Test
    void printAnswerAccuracyOnTheDevelopmentSet() throws java.io.IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("dev.answers"), "set -Ddev.answers=true to run");
        IntentClassifier classifier = IntentClassifier.train(IntentCorpus.load(Path.of("intents")).utterances(),
                AppConfig.load(List.of(), Map.of()).classifierSettings());
        EngineEvaluation eval = EngineEvaluation.of(classifier, Path.of(System.getProperty("dev.faq", "faq")));
        String ask = System.getProperty("dev.ask", "");
        if (!ask.isBlank()) {
            // -Ddev.ask="질문 하나|another question": the reply to each, for looking at single cases.
            for (String q : ask.split("\\|")) {
                var r = eval.askInTurns(q, q.chars().anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3) ? Language.KO : Language.EN);
                r.replies().stream().filter(m -> m.answerId() != null).findFirst().ifPresentOrElse(
                        m -> System.out.println("ASK " + q + " -> " + m.answerId() + "/" + m.match() + " " + r.ranking().stream()
                                .limit(3).map(s -> s.intent() + String.format(Locale.ROOT, "=%.2f", s.probability())).toList()),
                        () -> System.out.println("ASK " + q + " -> " + r.intent()));
                System.out.println("    all replies: " + r.replies().stream().map(m -> m.answerId() + "/" + m.match()).toList());
            }
            return;
        }
        // -Ddev.set=cold / fresh: answers-<set>.tsv with answer-labels-<set>.tsv (the cold tester's set, the fresh round)
        // instead of answers-dev.tsv; -Ddev.set=dev,fresh,cold measures several with one trained classifier.
        String[] sets = System.getProperty("dev.set", "dev").split(",");
        for (String set : sets) {
            printSet(eval, classifier, set.strip());
        }
    }

    private static void printSet(EngineEvaluation eval, IntentClassifier classifier, String set) throws java.io.IOException {
        List<String> misses = new ArrayList<>();
        Map<Language, int[]> r = eval.answers(DEV.resolve("answers-" + set + ".tsv"), DEV.resolve("answer-labels-" + set + ".tsv"),
                misses);
        misses.forEach(m -> System.out.println("MISS " + m));
        if (Boolean.getBoolean("dev.explain")) {
            kr.daejeon.battery.faq.FaqCatalog faq = kr.daejeon.battery.content.Content.load(Path.of("faq"),
                    java.time.ZoneId.of("Asia/Seoul"), classifier.intents()).faq();
            List<String> topics = faq.entries().stream().map(kr.daejeon.battery.faq.FaqEntry::intent).toList();
            for (String m : misses) {
                String q = m.substring(m.indexOf(": ", m.lastIndexOf(" (")) + 2, m.length() - 1);
                System.out.println("WHY " + q + " :: " + classifier.classify(q).ranking().stream().limit(3)
                        .map(s -> s.intent() + String.format(Locale.ROOT, "=%.2f", s.probability())).toList());
                faq.index().rank(q, topics, 4).forEach(x -> System.out.printf(Locale.ROOT, "     %.3f %s/%s via %s%n",
                        x.similarity(), x.answer().topic(), x.answer().id(), x.variant()));
            }
        }
        if (Boolean.getBoolean("dev.oos")) {
            // Out of scope must stay out of scope when answers are found more widely: the development set's
            // fallback lines, and the in-scope lines that are answered as fallback.
            for (String lang : List.of("ko", "en")) {
                int oos = 0;
                int kept = 0;
                int inScope = 0;
                int lost = 0;
                int intentRight = 0;
                for (String line : java.nio.file.Files.readAllLines(DEV.resolve("questions-" + lang + ".tsv"))) {
                    if (line.startsWith("#") || line.isBlank() || line.contains("|")) {
                        continue;
                    }
                    String[] p = line.split("\t");
                    String got = eval.ask(p[1], Language.fromCode(lang)).intent();
                    if (p[0].equals("fallback")) {
                        oos++;
                        kept += got.equals("fallback") ? 1 : 0;
                        if (!got.equals("fallback")) {
                            System.out.println("OOS-ANSWERED " + lang + " -> " + got + ": " + p[1]);
                        }
                    } else {
                        inScope++;
                        lost += got.equals("fallback") ? 1 : 0;
                        intentRight += got.equals(p[0]) ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "DEV oos %s: %d of %d kept out of scope; in scope answered as fallback: %d of %d;"
                        + " in scope with the right intent: %d%n", lang, kept, oos, lost, inScope, intentRight);
            }
        }
        if (Boolean.getBoolean("dev.calibrate")) {
            calibrate(classifier, eval);
        }
        System.out.printf(Locale.ROOT, "DEV reply intent = labelled topic: %d of %d%n", intentsRight(eval, set),
                r.values().stream().mapToInt(c -> c[1]).sum());
        r.forEach((l, c) -> System.out.printf(Locale.ROOT, "DEV %s answers %s: %d of %d right (%.1f%%)%n", set, l.code(), c[0], c[1],
                100.0 * c[0] / c[1]));
    }

    /**
     * One line per sub-question for choosing thresholds: the reply's framing, whether the best entry under the
     * classifier's topics (top 3 at 0.15 or more) is an accepted one, its score, the margin to the runner-up and
     * how much of the question's content the entry covers.
     */
    static void calibrate(IntentClassifier classifier, EngineEvaluation eval) throws java.io.IOException {
        kr.daejeon.battery.faq.FaqCatalog faq = kr.daejeon.battery.content.Content.load(Path.of("faq"),
                java.time.ZoneId.of("Asia/Seoul"), classifier.intents()).faq();
        Map<String, java.util.Set<String>> accepted = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(DEV.resolve("answer-labels-dev.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] p = line.split("\t");
                accepted.put(p[0].strip(), java.util.Set.of(p[1].strip().split("\\s*,\\s*")));
            }
        }
        for (String line : java.nio.file.Files.readAllLines(DEV.resolve("answers-dev.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] p = line.split("\t");
            java.util.Set<String> ok = accepted.getOrDefault(p[2], java.util.Set.of());
            var c = classifier.classify(p[3]);
            List<String> topics = c.ranking().stream().filter(x -> x.probability() >= 0.15).limit(3)
                    .map(kr.daejeon.battery.nlu.ScoredIntent::intent).filter(t -> faq.entry(t).isPresent()).toList();
            var ranked = faq.index().rank(p[3], topics, 2);
            var reply = eval.ask(p[3], Language.fromCode(p[1]));
            var first = reply.replies().stream().filter(m -> m.answerId() != null).findFirst().orElse(null);
            String top = ranked.isEmpty() ? "-" : ranked.get(0).answer().id();
            double s1 = ranked.isEmpty() ? 0 : ranked.get(0).similarity();
            double s2 = ranked.size() > 1 ? ranked.get(1).similarity() : 0;
            double cov = ranked.isEmpty() ? 0 : faq.index().coverage(p[3], ranked.get(0).answer());
            String chosenSim = "-";
            String chosenCov = "-";
            if (first != null && faq.index() != null) {
                var a = faq.answers().get(first.answerId());
                if (a != null) {
                    var mine = faq.index().rank(p[3], List.of(a.topic()), 50).stream().filter(x -> x.answer().id().equals(a.id()))
                            .findFirst();
                    chosenSim = mine.map(x -> String.format(Locale.ROOT, "%.3f", x.similarity())).orElse("0");
                    chosenCov = String.format(Locale.ROOT, "%.2f", faq.index().coverage(p[3], a));
                }
            }
            boolean right = ok.contains("none") ? first != null && "partial".equals(first.match())
                    : first != null && !"partial".equals(first.match()) && ok.contains(first.answerId());
            System.out.printf(Locale.ROOT, "CHO\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n", p[1], p[2], first == null ? reply.intent() : first.match(),
                    first == null ? "-" : first.answerId(), right ? "RIGHT" : "WRONG", chosenSim, chosenCov, p[3]);
            System.out.printf(Locale.ROOT, "CAL\t%s\t%s\t%s\t%s\t%.2f\t%s\t%.3f\t%.3f\t%.2f\t%s\t%s%n", p[1], p[2],
                    first == null ? reply.intent() : first.match(), first == null ? "-" : first.answerId(),
                    c.confidence(), ok.contains(top) ? "TOPOK" : ok.contains("none") ? "NONE" : "TOPBAD", s1, s1 - s2, cov, top,
                    p[3]);
        }
    }

    static int intentsRight(EngineEvaluation eval, String set) throws java.io.IOException {
        int right = 0;
        for (String line : java.nio.file.Files.readAllLines(DEV.resolve("answers-" + set + ".tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] p = line.split("\t");
                right += eval.askInTurns(p[3], Language.fromCode(p[1])).intent().equals(p[0]) ? 1 : 0;
            }
        }
        return right;
    }
}
