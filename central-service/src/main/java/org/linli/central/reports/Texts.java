package org.linli.central.reports;

import java.util.Locale;
import java.util.ResourceBundle;
import org.linli.central.catalogue.Name;

/** The report's words in one language, from {@code ReportText_zh} / {@code ReportText_en}. */
public final class Texts {
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private final ResourceBundle bundle;
    private final String lang;

    private Texts(String lang) {
        this.lang = lang;
        this.bundle = ResourceBundle.getBundle("org.linli.central.reports.ReportText", Locale.of(lang), NO_FALLBACK);
    }

    /** Chinese unless English is asked for. */
    public static Texts of(String lang) {
        return new Texts("en".equals(lang) ? "en" : "zh");
    }

    public String lang() {
        return lang;
    }

    public String get(String key) {
        return bundle.containsKey(key) ? bundle.getString(key) : key;
    }

    public String name(Name name) {
        return lang.equals("en") ? name.en() : name.zh();
    }
}
