package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The catalogue page's kiosk keys show what each kiosk last reported of its outbox (features review §4.15): how
 * many entries wait and which were refused for good, in plain words, in Debian's Chromium; readable (WCAG 2.1 AA) in
 * both languages.
 */
class KioskOutboxPagesIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    final HubClock clock = PageSite.heldAt(10, 24, HubTime.SHANGHAI);
    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);
    TestServer server;
    ChromeDriver chrome;

    @BeforeEach
    void start() {
        server = site.central(Map.of(), clock);
        chrome = site.chrome(1600, 1000);
    }

    @Test
    void aKiosksRefusedEntriesAreShownBesideItsKey() {
        String at = server.today() + "T09:15:00+08:00";
        assertEquals(204, server.post("/api/v1/kiosks/status", server.kioskKey(), Map.of("waiting", 1,
                "refused", List.of(Map.of("path", "/api/v1/checkins", "reason", "consent-required", "at", at))))
                .status());
        CataloguePagesIT.open(chrome, path -> server.uri(path).toString(), server.adminToken(), "zh");
        CataloguePagesIT.set(chrome, "#hub-select", TestServer.HUB);
        By report = By.cssSelector("#kiosks td.outbox[data-refused='1']");
        String expected = "待发 1 条 · 被拒 1 条\n签到 · 新号码，居民没有同意隐私说明 · " + at.substring(5, 16).replace("T", " ");
        // found and read in one step: the page may draw the table again in between (a stale element)
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            String shown = chrome.findElement(report).getText();
            assertTrue(shown.startsWith(expected), shown);
        });
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "zh")) {
            chrome.executeScript("Linli.setLanguage(arguments[0])", lang);
            problems.addAll(Contrast.failures(chrome).stream().map(f -> lang + ": " + f).toList());
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        chrome.executeScript("Linli.setLanguage('en')");
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElement(report).getText()
                .startsWith("1 waiting to send · 1 refused\nCheck-in · a new number whose resident did not agree"));
    }

}
