package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The staff and phone pages' contrast check (contrast.js: WCAG 2.1 AA, 4.5:1 for text and 3:1 for large text) run in
 * the page Chromium shows, for the page tests.
 */
public final class Contrast {
    private static final String SCRIPT = resource("/contrast.js") + "\nreturn window.linliContrast();";
    /**
     * Counts the page's requests and the reading of their answers, and notes when its document last changed:
     * {@code window.linliSettled()} is true once nothing is pending and nothing has changed for 200 ms.
     */
    private static final String WATCH = """
            if (!window.linliSettled) {
              let pending = 0, changed = performance.now();
              const counted = promise => {
                pending++;
                return promise.finally(() => { pending--; changed = performance.now(); });
              };
              const fetch = window.fetch;
              window.fetch = (...args) => counted(fetch.apply(window, args));
              for (const read of ["text", "json", "blob"]) {
                const original = Response.prototype[read];
                Response.prototype[read] = function () { return counted(original.call(this)); };
              }
              new MutationObserver(() => { changed = performance.now(); }).observe(document,
                { subtree: true, childList: true, characterData: true, attributes: true });
              window.linliSettled = () => pending === 0 && performance.now() - changed >= 200;
            }
            """;

    private Contrast() {
    }

    /** The visible texts of the page as it is now that fail; some text must have been checked. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> failures(ChromeDriver chrome) {
        Map<String, Object> result = (Map<String, Object>) chrome.executeScript(SCRIPT);
        assertTrue(((Number) result.get("checked")).intValue() > 0, "no text was checked on " + chrome.getCurrentUrl());
        return (List<Map<String, Object>>) result.get("failures");
    }

    /**
     * Every visible text passes in both languages, each measured once the page has drawn itself anew in it (what it
     * asked the server for answered and shown); the page is left settled in the language it was in.
     */
    public static void assertReadable(ChromeDriver chrome, String what) {
        List<String> problems = new ArrayList<>();
        boolean english = "en".equals(chrome.executeScript("return Linli.lang;"));
        for (String lang : english ? List.of("zh", "en") : List.of("en", "zh")) {
            chrome.executeScript(WATCH + "Linli.setLanguage(arguments[0]);", lang);
            await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(chrome.executeScript(
                    "return window.linliSettled();")));
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
