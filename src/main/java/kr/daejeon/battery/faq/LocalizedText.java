package kr.daejeon.battery.faq;

import kr.daejeon.battery.nlu.Language;

/** A text in Korean and English. */
public record LocalizedText(String ko, String en) {

    public String in(Language language) {
        return language == Language.KO ? ko : en;
    }
}
