package kr.daejeon.battery.faq;

import java.util.Map;

/**
 * English contractions written out, so "what's", "whats", "we're" and "can't" are read as the words the curated
 * question variants use ("what is", "we are", "can not"). Works on normalised text, where the apostrophe has
 * already become a space ("what s"): a tester typing "whats the deadline" or "we're in busan" must not lose the
 * question word or the negation to a stray "s" or "t".
 */
final class EnglishContractions {

    /** The second half of an apostrophe contraction after normalisation ("we re" → "we are"); "s" is handled apart. */
    private static final Map<String, String> SUFFIXES = Map.of("re", "are", "ve", "have", "ll", "will", "m", "am", "d", "would");

    /** The same words typed without the apostrophe; only forms that are not words of their own ("were", "well" are). */
    private static final Map<String, String> JOINED = Map.ofEntries(Map.entry("whats", "what is"), Map.entry("wheres", "where is"),
            Map.entry("whens", "when is"), Map.entry("hows", "how is"), Map.entry("whos", "who is"), Map.entry("thats", "that is"),
            Map.entry("theres", "there is"), Map.entry("cant", "can not"), Map.entry("dont", "do not"),
            Map.entry("doesnt", "does not"), Map.entry("didnt", "did not"), Map.entry("isnt", "is not"), Map.entry("arent", "are not"),
            Map.entry("wont", "will not"), Map.entry("havent", "have not"), Map.entry("im", "i am"), Map.entry("ive", "i have"),
            Map.entry("youre", "you are"), Map.entry("theyre", "they are"));

    private EnglishContractions() {
    }

    /** {@code normalized} (lower case, apostrophes as spaces) with every contraction written out. */
    static String expand(String normalized) {
        String[] words = normalized.split(" ");
        StringBuilder out = new StringBuilder(normalized.length() + 16);
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String next = i + 1 < words.length ? words[i + 1] : "";
            if (next.equals("t") && w.endsWith("n") && w.length() > 1) {
                // can't → can not, don't → do not, won't → will not (the "n" belongs to "not")
                String base = w.equals("can") ? "can" : w.equals("won") ? "will" : w.substring(0, w.length() - 1);
                append(out, base + " not");
                i++;
            } else if (next.equals("s") && !w.isEmpty() && isLatinWord(w)) {
                // what's → what is; a possessive ("company's") reads the same to the analyser without the s
                append(out, JOINED.containsKey(w + "s") ? JOINED.get(w + "s") : w);
                i++;
            } else if (SUFFIXES.containsKey(next) && isLatinWord(w) && !w.isEmpty()) {
                append(out, w + " " + SUFFIXES.get(next));
                i++;
            } else {
                append(out, JOINED.getOrDefault(w, w));
            }
        }
        return out.toString();
    }

    private static boolean isLatinWord(String w) {
        return !w.isEmpty() && w.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }

    private static void append(StringBuilder out, String words) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(words);
    }
}
