package kr.daejeon.battery.nlu;

import java.util.Locale;

/** The two languages the assistant answers in. */
public enum Language {
    KO("ko"), EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses "ko"/"en" (also "ko-KR", "en_US"); anything else is null. */
    public static Language fromCode(String code) {
        if (code == null) {
            return null;
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        if (c.startsWith("ko")) {
            return KO;
        }
        if (c.startsWith("en")) {
            return EN;
        }
        return null;
    }
}
