package kr.daejeon.battery.faq;

import java.util.List;
import java.util.Map;

/**
 * One curated answer.
 *
 * @param exampleFacts the facts in this entry that are example data, to be verified by the program office
 */
public record FaqEntry(String intent, String source, LocalizedText title, LocalizedText answer, List<String> followUps,
                       List<Link> links, Map<String, DateWindow> dates, boolean escalate, List<String> exampleFacts) {
}
