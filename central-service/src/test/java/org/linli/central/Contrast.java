package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The staff and phone pages' contrast check (contrast.js: WCAG 2.1 AA, 4.5:1 for text and 3:1 for large text) run in
 * the page Chromium shows, for the page tests.
 */
final class Contrast {
    private static final String SCRIPT = resource("/contrast.js") + "\nreturn window.linliContrast();";

    private Contrast() {
    }

    /** The visible texts of the page as it is now that fail; some text must have been checked. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> failures(ChromeDriver chrome) {
        Map<String, Object> result = (Map<String, Object>) chrome.executeScript(SCRIPT);
        assertTrue(((Number) result.get("checked")).intValue() > 0, "no text was checked on " + chrome.getCurrentUrl());
        return (List<Map<String, Object>>) result.get("failures");
    }

    /** Every visible text passes, in English and then in Chinese (the page is left in Chinese). */
    static void assertReadable(ChromeDriver chrome, String what) {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "zh")) {
            chrome.executeScript("Linli.setLanguage(arguments[0])", lang);
            failures(chrome).forEach(f -> problems.add(what + " (" + lang + "): " + f));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String resource(String name) {
        try (InputStream in = Contrast.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
