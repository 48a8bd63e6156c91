package org.linli.kiosk.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The two languages of the kiosk. Texts come from {@code messages_zh.properties} and {@code messages_en.properties};
 * bindings follow the current language, so the 中文/English switch changes every screen at once.
 */
public final class I18n {
    public static final Locale CHINESE = Locale.of("zh");
    public static final Locale ENGLISH = Locale.of("en");
    private static final String BUNDLE = "org.linli.kiosk.ui.messages";

    private final ObjectProperty<Locale> locale;
    private final Locale initial;
    private final ResourceBundle zh = load(CHINESE);
    private final ResourceBundle en = load(ENGLISH);
    // kept: a binding only its listeners refer to would be collected, and they would hear no more
    private final BooleanBinding switched;

    public I18n(Locale initial) {
        this.initial = ENGLISH.getLanguage().equals(initial.getLanguage()) ? ENGLISH : CHINESE;
        locale = new SimpleObjectProperty<>(this.initial);
        switched = locale.isNotEqualTo(this.initial);
    }

    private static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale locale() {
        return locale.get();
    }

    public boolean english() {
        return locale.get() == ENGLISH;
    }

    /** Whether a resident switched away from the kiosk's own language (which {@link #reset()} brings back). */
    public BooleanBinding switched() {
        return switched;
    }

    public void toggle() {
        locale.set(english() ? CHINESE : ENGLISH);
    }

    /** Back to the kiosk's own language: the next resident should not find the last one's choice. */
    public void reset() {
        locale.set(initial);
    }

    /** The text for a key in the current language, with {0}-style arguments filled in. */
    public String get(String key, Object... args) {
        ResourceBundle bundle = english() ? en : zh;
        String pattern = bundle.containsKey(key) ? bundle.getString(key) : key;
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale.get()).format(args);
    }

    /** A text that follows the language switch. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), locale);
    }

    /** Keys of both bundles, for the test that keeps them in step. */
    public ResourceBundle bundle(Locale which) {
        return ENGLISH.equals(which) ? en : zh;
    }
}
