package org.linli.kiosk.central;

import java.util.Locale;

/** A name shown to people, in both languages, as the central service sends it. */
public record Names(String zh, String en) {
    public String in(Locale locale) {
        String wanted = "en".equals(locale.getLanguage()) ? en : zh;
        return wanted == null || wanted.isBlank() ? (zh == null ? en : zh) : wanted;
    }
}
