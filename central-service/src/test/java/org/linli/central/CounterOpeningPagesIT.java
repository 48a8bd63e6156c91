package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The counter console's open/close button in Debian's Chromium against the real service, as {@link PagesIT} drives
 * the console: closed, the counter calls nobody, its services say when no counter is open, and the board drops it
 * from "now serving"; opened again, it calls. Readable (WCAG 2.1 AA, {@code contrast.js}) in both languages.
 */
class CounterOpeningPagesIT {
    static final String HUB = TestServer.HUB;
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

    private com.fasterxml.jackson.databind.JsonNode draw(String service) {
        TestServer.Response r = server.post("/api/v1/services/" + service + "/tickets", server.kioskKey(), Map.of());
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    private String text(String id) {
        return chrome.findElement(By.id(id)).getText();
    }

    @Test
    void theClerkClosesTheCounterForLunchAndOpensItAgain() {
        String first = draw("affairs").path("number").asText();
        String second = draw("affairs").path("number").asText();
        com.fasterxml.jackson.databind.JsonNode thirdTicket = draw("affairs");
        assertEquals(200, server.post("/api/v1/counters/counter-1/call-next", server.token("counter"), null).status());
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.token("counter"), "zh");
        chrome.manage().window().setSize(new Dimension(1920, 1080));
        chrome.get(server.uri("/board/" + HUB).toString());
        String board = chrome.getWindowHandle();
        By onTheBoard = By.cssSelector(".serving-row[data-counter='counter-1'] .ticket");
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElements(onTheBoard).stream()
                .anyMatch(e -> e.getText().equals(first)));

        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.manage().window().setSize(new Dimension(1600, 1000));
        chrome.get(server.uri("/counter/counter-1").toString());
        await().atMost(WAIT).ignoreExceptions().until(() -> text("open-status").equals("窗口开放中"));
        assertEquals("关闭窗口", text("open-toggle"));
        By affairs = By.cssSelector("#queues [data-service='affairs']");
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElement(affairs).getText().endsWith("2 人等候 · 约 8 分钟"));

        chrome.findElement(By.id("open-toggle")).click(); // lunch
        await().atMost(WAIT).ignoreExceptions().until(() -> text("open-status").equals("窗口已关闭"));
        assertEquals("窗口已关闭，等候的人不会叫到这里", text("message"));
        assertEquals("打开窗口", text("open-toggle"));
        assertTrue(!chrome.findElement(By.id("call-next")).isEnabled(), "a closed counter calls nobody");
        // counter-2 still serves affairs: two ahead, 8 minutes each, one counter
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElement(affairs).getText().endsWith("2 人等候 · 约 16 分钟"));
        assertEquals(200, server.post("/api/v1/counters/counter-2/close", server.token("counter"), null).status());
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElement(affairs).getText()
                .endsWith("2 人等候 · 现在没有开放的窗口"));
        Contrast.assertReadable(chrome, "a closed counter");
        HeadlessChromium.screenshot(chrome, Path.of("target/screenshots/counter-closed.png"));
        chrome.executeScript("Linli.setLanguage('en')");
        assertEquals("Counter closed", text("open-status"));
        assertEquals("Open counter", text("open-toggle"));
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElement(affairs).getText()
                .endsWith("2 waiting · no counter open now"));
        chrome.executeScript("Linli.setLanguage('zh')");
        String console = chrome.getWindowHandle();
        // the resident's phone (the third number: one ahead of it): with no counter open there is no wait to tell
        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.get(server.uri("/ticket/" + thirdTicket.path("id").asText()).toString());
        await().atMost(WAIT).ignoreExceptions().until(() -> text("state"),
                org.hamcrest.Matchers.endsWith("\n现在没有开放的窗口，开了就按顺序叫号"));
        chrome.close();
        chrome.switchTo().window(console);

        chrome.switchTo().window(board);
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElements(onTheBoard).isEmpty());
        chrome.navigate().refresh(); // a board opened while it is closed leaves it out too
        await().atMost(WAIT).ignoreExceptions().until(() -> !text("hub-name").isBlank());
        assertTrue(chrome.findElements(onTheBoard).isEmpty(), "the closed counter is on a board opened later");

        chrome.switchTo().window(console);
        chrome.findElement(By.id("open-toggle")).click(); // back from lunch
        await().atMost(WAIT).ignoreExceptions().until(() -> text("open-status").equals("窗口开放中"));
        assertEquals("窗口已打开，可以叫号了", text("message"));
        Contrast.assertReadable(chrome, "an open counter");
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElement(By.id("call-next")).isEnabled());
        chrome.findElement(By.id("call-next")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> text("current").equals(second));

        chrome.switchTo().window(board);
        await().atMost(WAIT).ignoreExceptions().until(() -> chrome.findElements(onTheBoard).stream()
                .anyMatch(e -> e.getText().equals(second)));
    }
}
