package kr.daejeon.battery.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.TurnResult;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Questions and dialogues asked through the real conversation engine (trained on intents/, answers
 * from faq/). The fixture's quick-reply labels are mapped by the engine without the classifier, so
 * those outcomes are fixed whatever the classifier learns.
 */
class EngineEvaluationTest {

    static IntentClassifier classifier;
    static EngineEvaluation eval;
    static FrozenEvalSet fixture;

    @TempDir
    Path temp;

    @BeforeAll
    static void train() {
        classifier = IntentClassifier.train(IntentCorpus.load(Path.of("intents")).utterances(), ClassifierSettings.defaults());
        eval = EngineEvaluation.of(classifier, Path.of("faq"));
        fixture = FrozenEvalSet.load(Path.of(FrozenEvalSetTest.FIXTURE));
    }

    @Test
    void everyQuestionIsScoredInEveryVariantOfItsLanguage() {
        QuestionReport r = eval.questions(fixture.questions(), List.of(Perturbation.values()), 42);
        for (Perturbation p : Perturbation.values()) {
            assertEquals(8, r.get(Language.KO, p).report().total(), p.toString());
            assertEquals(2, r.get(Language.KO, p).report().outOfScopeCount(), p.toString());
            assertEquals(1, r.get(Language.KO, p).twoQuestionLines(), p.toString());
        }
        assertEquals(6, r.get(Language.EN, Perturbation.OPENER).report().total());
        assertThrows(IllegalArgumentException.class, () -> r.get(Language.EN, Perturbation.NO_SPACES),
                "English without spaces is not measured");
        List<String> plainMisses = r.get(Language.KO, Perturbation.PLAIN).misses();
        for (String label : List.of("제출 서류", "신청 방법", "문의처", "교육 일정")) {
            assertTrue(plainMisses.stream().noneMatch(m -> m.endsWith(": " + label)), "a tapped label is answered: " + plainMisses);
        }
        double plain = r.accuracy(Language.KO, Perturbation.PLAIN);
        assertTrue(plain >= 100.0 * 4 / 6, "at least the four labels of six in-scope lines: " + plain);
        assertEquals(plain - r.accuracy(Language.KO, Perturbation.TYPO), r.drop(Language.KO, Perturbation.TYPO), 1e-9);
        assertEquals(0.0, r.drop(Language.KO, Perturbation.PLAIN), 1e-9);
        String table = r.table();
        assertTrue(table.contains("jamo slip") && table.contains("letter slip") && table.contains("no spaces"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+ko\\s+plain\\s+8\\s.*/ 1")), table);
    }

    @Test
    void theOpenerDropIsMeasuredOnTheQuestionsThatHadNone() {
        List<EvalQuestion> questions = new java.util.ArrayList<>(fixture.questions(Language.KO));
        questions.add(new EvalQuestion("안녕하세요, 저희는 음극재 업체인데요, 제출 서류가 뭐예요?", Language.KO,
                List.of("contact"), "q:1")); // wrong on purpose: it must not count in the opener's baseline
        QuestionReport r = eval.questions(questions, List.of(Perturbation.OPENER), 42);
        assertEquals(9, r.get(Language.KO, Perturbation.PLAIN).report().total());
        QuestionReport.Variant opener = r.get(Language.KO, Perturbation.OPENER);
        assertEquals(8, opener.report().total());
        assertEquals(8, opener.baseline().total());
        assertEquals(100 * (opener.baseline().inScopeAccuracy() - opener.report().inScopeAccuracy()),
                r.drop(Language.KO, Perturbation.OPENER), 1e-9);
        assertTrue(opener.baseline().inScopeAccuracy() > r.get(Language.KO, Perturbation.PLAIN).report().inScopeAccuracy(),
                "the baseline leaves out the question that already had an opener");
    }

    @Test
    void onlyTheVariantsAskedForAreScoredAndAlwaysThePlainOne() {
        QuestionReport r = eval.questions(fixture.questions(Language.EN), List.of(Perturbation.TYPO), 1);
        assertEquals(6, r.get(Language.EN, Perturbation.PLAIN).report().total());
        assertEquals(6, r.get(Language.EN, Perturbation.TYPO).report().total());
        assertThrows(IllegalArgumentException.class, () -> r.get(Language.EN, Perturbation.OPENER));
        assertFalse(r.results().containsKey(Language.KO));
    }

    @Test
    void aMissNamesWhereItIsAndWhatWasAnswered() {
        EvalQuestion wrongGold = new EvalQuestion("제출 서류", Language.KO, List.of("contact"), "x.tsv:3");
        QuestionReport r = eval.questions(List.of(wrongGold), List.of(), 1);
        assertEquals(List.of("[ko plain] x.tsv:3 contact -> required_documents: 제출 서류"), r.misses());
    }

    @Test
    void theSecondTurnIsAnsweredInTheConversationTheFirstLeft() {
        DialogueReport r = eval.dialogues(fixture.dialogues());
        // After a training answer "마감은요?" asks for the training sign-up deadline: only the state the first turn
        // left explains training_enrollment. Alone, the same message is about the program's deadline.
        for (Language language : Language.values()) {
            assertEquals(2, r.results().get(language).total());
            assertEquals(100.0, r.accuracy(language), 1e-9, r.misses().toString());
            assertEquals(0.5, r.results().get(language).aloneAccuracy(), 1e-9);
        }
        assertTrue(r.table().contains("second-turn acc"), r.table());
        DialogueReport wrong = eval.dialogues(List.of(new EvalDialogue("교육 일정", "제출 서류", "contact", Language.KO, "d.tsv:4")));
        assertEquals(0.0, wrong.accuracy(Language.KO));
        assertEquals(List.of("[ko dialogue] d.tsv:4 contact -> required_documents (first: training_schedule): 교육 일정 / 제출 서류"),
                wrong.misses());
    }

    @Test
    void twoQuestionsCountAsAnsweredWhenTheRepliesCarryBothIntents() {
        EvalQuestion two = new EvalQuestion("신청은 어떻게 하고 서류는 뭐가 필요한가요?", Language.KO,
                List.of("application_process", "required_documents"), "q:1");
        Instant now = EngineEvaluation.NOW;
        TurnResult one = reply("application_process", List.of(Message.bot("a", List.of(), List.of(), now, "application_process")));
        TurnResult both = reply("application_process", List.of(Message.bot("a", List.of(), List.of(), now, "application_process"),
                Message.bot("b", List.of(), List.of(), now, "required_documents")));
        TurnResult choice = reply("fallback", List.of(Message.bot("?", List.of("신청 방법", "제출 서류"), List.of(), now, "fallback")));
        assertFalse(EngineEvaluation.answersBoth(two, one));
        assertTrue(EngineEvaluation.answersBoth(two, both));
        assertFalse(EngineEvaluation.answersBoth(two, choice));
        assertTrue(eval.offersBoth(two, choice));
        assertFalse(eval.offersBoth(two, one), "an answer's follow-up buttons are not a choice");
    }

    @Test
    void theEvalCommandPrintsTheTablesAndWarnsAboutAnEditedSet() throws Exception {
        String out = runEval("--no-cv", "--set", FrozenEvalSetTest.FIXTURE, "--perturb", "--show-errors");
        assertTrue(out.contains(FrozenEvalSetTest.FIXTURE + ": checksums match SHA256SUMS"), out);
        assertTrue(out.contains("-- questions of " + FrozenEvalSetTest.FIXTURE + " (plain and perturbed"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+ko\\s+jamo slip\\s+8\\s.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+en\\s+letter slip\\s+6\\s.*")), out);
        assertTrue(out.contains("-- two-turn dialogues"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+ko\\s+2\\s+100\\.0%\\s+50\\.0%")), out);
        assertFalse(out.contains("WARNING"), out);

        Path copy = temp.resolve("set");
        Files.createDirectories(copy);
        for (String f : List.of("questions-ko.tsv", "questions-en.tsv", "SHA256SUMS")) {
            Files.copy(Path.of(FrozenEvalSetTest.FIXTURE, f), copy.resolve(f));
        }
        Files.writeString(copy.resolve("questions-en.tsv"), "made_up_intent\tWho are you?\n");
        Path dialogues = temp.resolve("d.tsv");
        Files.writeString(dialogues, "교육 일정\t제출 서류\trequired_documents\n");
        out = runEval("--no-cv", "--set", copy.toString(), "--dialogues", dialogues.toString());
        assertTrue(out.contains("WARNING: " + copy.resolve("questions-en.tsv") + " changed"), out);
        assertTrue(out.contains("listed in SHA256SUMS but missing"), out);
        assertTrue(out.contains("plain; --perturb adds"), out);
        assertFalse(out.contains("jamo slip"), out);
        assertTrue(out.contains("-- two-turn dialogues (" + dialogues), out);
        assertTrue(out.contains("WARNING: intents in the set the classifier does not know (always counted wrong): [made_up_intent]"),
                out);
    }

    private static TurnResult reply(String intent, List<Message> replies) {
        return new TurnResult(null, intent, 1.0, intent, replies, List.of(), null, null);
    }

    /** The eval command over a few of the real intents (quicker to train twice; every one has an answer). */
    private String runEval(String... args) throws Exception {
        Path intents = temp.resolve("intents");
        if (!Files.isDirectory(intents)) {
            Files.createDirectories(intents);
            for (String i : List.of("application_process", "required_documents", "contact", "training_schedule",
                    "application_deadline", "training_enrollment", "human_handoff", "fallback")) {
                Files.copy(Path.of("intents", i + ".yaml"), intents.resolve(i + ".yaml"));
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertEquals(0, EvalCommand.run(List.of(args), ClassifierSettings.defaults(), intents,
                new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
