package kr.daejeon.battery.learning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.Refusal.Reason;
import kr.daejeon.battery.content.LiveContent;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LiveClassifier;

/**
 * Staff teaching the assistant: anyone proposes "this wording means that intent" or "this reply
 * should be the FAQ answer"; an admin approves (written to {@code intents/} or {@code faq/}, model
 * retrained or content reloaded, without a restart) or rejects. Blocking: run on worker threads.
 */
public final class LearningDesk {

    /** The action needs another role, or the proposal is not in a state that allows it. */
    public static final class Refused extends kr.daejeon.battery.Refusal {
        Refused(Reason reason, String code, String message) {
            super(reason, code, message);
        }
    }

    public record Decision(TrainingProposal proposal, Long trainingMillis) {
    }

    private static final int MAX_TEXT = 300;

    private static final int MAX_ANSWER = 2000;

    private final TrainingProposals proposals;
    private final IntentFiles files;
    private final FaqFiles faqFiles;
    private final LiveContent content;
    private final Retrainer retrainer;
    private final LiveClassifier live;
    private final Clock clock;

    public LearningDesk(TrainingProposals proposals, IntentFiles files, FaqFiles faqFiles, LiveContent content,
                        Retrainer retrainer, LiveClassifier live, Clock clock) {
        this.proposals = proposals;
        this.files = files;
        this.faqFiles = faqFiles;
        this.content = content;
        this.retrainer = retrainer;
        this.live = live;
        this.clock = clock;
    }

    /** @param kind {@link TrainingProposal#UTTERANCE} (or null) or {@link TrainingProposal#ANSWER} */
    public TrainingProposal propose(String staff, String kind, String intent, String language, String text) {
        String k = kind == null || kind.isEmpty() ? TrainingProposal.UTTERANCE : kind;
        if (!k.equals(TrainingProposal.UTTERANCE) && !k.equals(TrainingProposal.ANSWER)) {
            throw new Refused(Reason.INVALID, "invalid_kind", "'kind' must be \"utterance\" or \"answer\".");
        }
        boolean answer = k.equals(TrainingProposal.ANSWER);
        if (answer ? content.get().faq().entry(intent).isEmpty() : !live.current().intents().contains(intent)) {
            throw new Refused(Reason.INVALID, "unknown_intent", "No " + (answer ? "FAQ entry" : "intent") + " '" + intent + "'.");
        }
        if (Language.fromCode(language) == null) {
            throw new Refused(Reason.INVALID, "invalid_locale", "'language' must be \"ko\" or \"en\".");
        }
        String t = text == null ? "" : text.strip();
        int max = answer ? MAX_ANSWER : MAX_TEXT;
        if (t.isEmpty() || t.codePointCount(0, t.length()) > max) {
            throw new Refused(Reason.INVALID, "invalid_text", "'text' must be 1 to " + max + " characters.");
        }
        TrainingProposal p = new TrainingProposal(Tokens.random(9), intent, language, t, staff, clock.instant(),
                TrainingProposal.PENDING, null, null, k);
        proposals.add(p);
        return p;
    }

    public List<TrainingProposal> list() {
        return proposals.all();
    }

    /** The intents a wording can be taught to (the classifier's own, fallback included). */
    public List<String> intents() {
        return live.current().intents().stream().sorted().toList();
    }

    public Decision approve(String id, String admin, boolean isAdmin) {
        TrainingProposal p = pending(id, isAdmin);
        Instant now = clock.instant();
        TrainingProposal approved = p.decided(TrainingProposal.APPROVED, admin, now);
        String note = "approved by " + admin + " " + now.toString().substring(0, 10) + " (proposed by " + p.proposedBy() + ")";
        if (TrainingProposal.ANSWER.equals(p.kind())) {
            // Applied and checked before it is recorded as approved: a refused draft stays pending.
            FaqFiles.Edit edit = faqFiles.replaceAnswer(p.intent(), Language.fromCode(p.language()), p.text(), note);
            if (!content.reload()) {
                undo(edit);
                throw new Refused(Reason.UNPROCESSABLE, "content_invalid", "The FAQ would not load with this answer; nothing was changed.");
            }
            if (proposals.decide(approved) != 1) {
                undo(edit);
                throw new Refused(Reason.CONFLICT, "already_decided", "This proposal was decided meanwhile.");
            }
            return new Decision(approved, null);
        }
        if (proposals.decide(approved) != 1) {
            throw new Refused(Reason.CONFLICT, "already_decided", "This proposal was decided meanwhile.");
        }
        files.append(p.intent(), Language.fromCode(p.language()), p.text(), note);
        return new Decision(approved, retrainer.retrain());
    }

    private void undo(FaqFiles.Edit edit) {
        edit.undo();
        content.reload();
    }

    public Decision reject(String id, String admin, boolean isAdmin) {
        TrainingProposal rejected = pending(id, isAdmin).decided(TrainingProposal.REJECTED, admin, clock.instant());
        if (proposals.decide(rejected) != 1) {
            throw new Refused(Reason.CONFLICT, "already_decided", "This proposal was decided meanwhile.");
        }
        return new Decision(rejected, null);
    }

    private TrainingProposal pending(String id, boolean isAdmin) {
        if (!isAdmin) {
            throw new Refused(Reason.NOT_ALLOWED, "admin_only", "Only an admin can approve or reject training changes.");
        }
        TrainingProposal p = proposals.find(id).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "proposal_not_found", "No such proposal."));
        if (!TrainingProposal.PENDING.equals(p.status())) {
            throw new Refused(Reason.CONFLICT, "already_decided", "This proposal is already " + p.status() + ".");
        }
        return p;
    }
}
