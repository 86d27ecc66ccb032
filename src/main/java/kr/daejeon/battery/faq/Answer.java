package kr.daejeon.battery.faq;

import java.util.List;

/**
 * One question-level answer under a topic: the ways companies ask it, and what to answer.
 * {@link #entry()} carries the text, links, dates and follow-ups in the shape the renderer and the
 * engine already use for a topic's overview, so an answer is rendered exactly like an overview.
 *
 * @param id        unique in the catalog; reported to clients as {@code answerId}
 * @param sources   where its public facts come from (outlet and date); empty for example data
 * @param questions the question variants, Korean and English, that retrieval matches against
 */
public record Answer(String id, String topic, List<String> sources, List<String> questionsKo, List<String> questionsEn,
                     FaqEntry entry) {

    public Answer {
        sources = List.copyOf(sources);
        questionsKo = List.copyOf(questionsKo);
        questionsEn = List.copyOf(questionsEn);
    }

    public String source() {
        return entry.source();
    }

    /** True for a topic's overview (its general answer), whose id is the topic's intent id. */
    public boolean isOverview() {
        return id.equals(topic);
    }
}
