package kr.daejeon.battery.support;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import kr.daejeon.battery.learning.UnansweredQuestion;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.ScoredIntent;

/**
 * A realistic backlog of distinct unanswered questions for grouping tests and benchmarks: the
 * training utterances reworded the way customers write (spacing, endings, a greeting, a company or
 * a number, punctuation), so many near-duplicates and many questions of their own. Newest first.
 */
public final class UnansweredQuestionSet {

    private static final String[] OPENERS = {"", "", "", "안녕하세요 ", "문의드립니다 ", "Hi, ", "질문이요 ", "궁금한데요 "};
    private static final String[] ENDINGS = {"", "?", "??", " 알려주세요", " 궁금합니다", " please", "요", "!"};
    private static final String[] EXTRAS = {"", "", "저희 회사 ", "유성구 소재 ", "배터리 소재 기업 ", "our startup ", "올해 ", "2027년 "};

    private UnansweredQuestionSet() {
    }

    public static List<UnansweredQuestion> distinct(int count, long seed) {
        List<LabeledUtterance> utterances = IntentCorpus.load(Path.of("intents")).utterances();
        Random random = new Random(seed);
        Set<String> texts = new LinkedHashSet<>();
        List<UnansweredQuestion> out = new ArrayList<>(count);
        Instant newest = Instant.parse("2026-11-30T09:00:00Z");
        while (out.size() < count) {
            LabeledUtterance u = utterances.get(random.nextInt(utterances.size()));
            String body = u.text();
            if (random.nextInt(4) == 0) {
                body = body.replace(" ", "");
            }
            String text = OPENERS[random.nextInt(OPENERS.length)] + EXTRAS[random.nextInt(EXTRAS.length)] + body
                    + ENDINGS[random.nextInt(ENDINGS.length)];
            if (random.nextInt(3) == 0) {
                // A detail of the customer's own (a company number, an amount) makes the wording unique.
                text = text + " " + (random.nextInt(900) + 100) + (random.nextBoolean() ? "번" : "");
            }
            if (texts.add(text)) {
                out.add(new UnansweredQuestion(text, text.codePoints().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3) ? "ko" : "en",
                        "fallback", 0.2, List.of(new ScoredIntent(u.intent(), 0.3)), "c" + out.size(), "web",
                        newest.minusSeconds(37L * out.size())));
            }
        }
        return out;
    }
}
