package org.linli.kiosk.central;

import java.util.Locale;

/** A name shown to people, in both languages, as the central service sends it. */
public record Names(String zh, String en) {
    public String in(Locale locale) {
        String wanted = "en".equals(locale.getLanguage()) ? en : zh;
        return wanted == null || wanted.isBlank() ? (zh == null ? en : zh) : wanted;
    }

    /** As the API writes it: {@code {"zh": …, "en": …}}, leaving out a language that has no name. */
    public java.util.Map<String, String> asMap() {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        if (zh != null) {
            names.put("zh", zh);
        }
        if (en != null) {
            names.put("en", en);
        }
        return names;
    }
}
