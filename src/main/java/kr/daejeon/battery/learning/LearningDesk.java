package kr.daejeon.battery.learning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.Refusal.Reason;
import kr.daejeon.battery.content.ContentVersion;
import kr.daejeon.battery.content.StaleVersionException;
import kr.daejeon.battery.content.VersionedContent;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.nlu.Language;

/**
 * Staff teaching the assistant: anyone proposes "this wording means that intent" or "this reply
 * should be the FAQ answer"; an admin approves (a new content version, which every node serves
 * without a restart) or rejects. Blocking: run on worker threads.
 */
public final class LearningDesk {

    /** The action needs another role, or the proposal is not in a state that allows it. */
    public static final class Refused extends kr.daejeon.battery.Refusal {
        Refused(Reason reason, String code, String message) {
            super(reason, code, message);
        }
    }

    /**
     * @param version the content version that carries an approved change (null otherwise)
     * @param state what the node does about it, e.g. "training version 7" (the model is trained off the request)
     */
    public record Decision(TrainingProposal proposal, Long version, String state) {
    }

    private static final int MAX_TEXT = 300;

    private static final int MAX_ANSWER = 2000;

    private final TrainingProposals proposals;
    private final VersionedContent versions;
    private final Clock clock;

    public LearningDesk(TrainingProposals proposals, VersionedContent versions, Clock clock) {
        this.proposals = proposals;
        this.versions = versions;
        this.clock = clock;
    }

    /** @param kind {@link TrainingProposal#UTTERANCE} (or null) or {@link TrainingProposal#ANSWER} */
    public TrainingProposal propose(String staff, String kind, String intent, String language, String text) {
        String k = kind == null || kind.isEmpty() ? TrainingProposal.UTTERANCE : kind;
        if (!k.equals(TrainingProposal.UTTERANCE) && !k.equals(TrainingProposal.ANSWER)) {
            throw new Refused(Reason.INVALID, "invalid_kind", "'kind' must be \"utterance\" or \"answer\".");
        }
        boolean answer = k.equals(TrainingProposal.ANSWER);
        if (answer ? versions.content().get().faq().entry(intent).isEmpty() : !versions.classifier().current().intents().contains(intent)) {
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
                TrainingProposal.PENDING, null, null, k, null);
        proposals.add(p);
        return p;
    }

    public List<TrainingProposal> list() {
        return proposals.all();
    }

    /** The intents a wording can be taught to (the classifier's own, fallback included). */
    public List<String> intents() {
        return versions.classifier().current().intents().stream().sorted().toList();
    }

    /**
     * Claims the proposal (only one admin can), then makes the change as one new content version on top
     * of the current one ({@code baseVersion}, when given, must still be current). If the version cannot
     * be made (stale, or the content would not load), the proposal goes back to pending: a change is never
     * recorded as approved without the version that carries it. The model is trained afterwards, off this call.
     */
    public Decision approve(String id, String admin, boolean isAdmin, Long baseVersion) {
        TrainingProposal p = pending(id, isAdmin);
        Instant now = clock.instant();
        TrainingProposal approved = p.decided(TrainingProposal.APPROVED, admin, now);
        if (proposals.decide(approved) != 1) {
            throw new Refused(Reason.CONFLICT, "already_decided", "This proposal was decided meanwhile.");
        }
        String note = "approved by " + admin + " " + now.toString().substring(0, 10) + " (proposed by " + p.proposedBy() + ")";
        boolean answer = TrainingProposal.ANSWER.equals(p.kind());
        String summary = (answer ? "answer of " : "wording for ") + p.intent() + " (" + p.language() + "), proposal " + p.id()
                + " by " + p.proposedBy();
        ContentVersion v;
        try {
            v = versions.edit(baseVersion, admin, summary, root -> {
                if (answer) {
                    new FaqFiles(root.resolve("faq")).replaceAnswer(p.intent(), Language.fromCode(p.language()), p.text(), note);
                } else {
                    new IntentFiles(root.resolve("intents")).append(p.intent(), Language.fromCode(p.language()), p.text(), note);
                }
            });
        } catch (StaleVersionException e) {
            proposals.replace(approved, p);
            throw new Refused(Reason.CONFLICT, "content_changed", "The content changed meanwhile (now version " + e.current
                    + "); nothing was changed and the proposal is still pending.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            proposals.replace(approved, p);
            throw new Refused(Reason.UNPROCESSABLE, "content_invalid", (answer ? "The FAQ" : "The intents")
                    + " would not load with this change; nothing was changed: " + e.getMessage());
        } catch (RuntimeException e) {
            proposals.replace(approved, p);
            throw e;
        }
        TrainingProposal recorded = approved.inVersion(v.number());
        proposals.replace(approved, recorded);
        return new Decision(recorded, v.number(), versions.status().state());
    }

    public Decision reject(String id, String admin, boolean isAdmin) {
        TrainingProposal rejected = pending(id, isAdmin).decided(TrainingProposal.REJECTED, admin, clock.instant());
        if (proposals.decide(rejected) != 1) {
            throw new Refused(Reason.CONFLICT, "already_decided", "This proposal was decided meanwhile.");
        }
        return new Decision(rejected, null, null);
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
