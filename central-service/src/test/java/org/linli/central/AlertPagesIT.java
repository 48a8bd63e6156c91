package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.live.TestPublisher;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.StatusPayload;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's alerts of the day in Debian's Chromium, against the real service and a real Mosquitto driven by the
 * devices' messages: an open alert in red with "知道了"; acknowledged, "已处理" with who and when; ended by itself
 * (the room emptied, the device back online), "已解除" with when, greyed and without a button. After a reload the list
 * is the same, in Chinese and English, every text readable and colour only on what is open.
 */
class AlertPagesIT {
    static final String HUB = TestServer.HUB;
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String OVER = ".alert[data-kind='over_capacity']";
    static final String OFFLINE = ".alert[data-kind='device_offline']";

    @TempDir
    Path dir;
    final HubClock clock = PageSite.heldAt(10, 24, HubTime.SHANGHAI);
    final PayloadCodec codec = new PayloadCodec();
    final AtomicLong seq = new AtomicLong();
    MosquittoBroker broker;
    TestServer server;
    ChromeDriver chrome;

    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);

    @BeforeEach
    void start() {
        broker = site.broker();
        server = site.central(Map.of("mqtt.url", broker.url(), "live.offline-after-seconds", "1"), clock);
        chrome = site.chrome(1600, 1000);
    }

    @Test
    void alertsThatEndedStayListedAsResolvedAndHandledOnesSayWhoAlsoAfterAReload() throws Exception {
        for (String[] device : List.of(new String[] {"studio-counter", "studio"},
                new String[] {"studio-door", "studio"})) {
            assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                    Map.of("id", device[0], "hub", HUB, "rooms", List.of(device[1]))).status());
        }
        Pages.signIn(chrome, server, "operator");
        try (TestPublisher counter = new TestPublisher(broker.url(), "studio-counter");
                TestPublisher door = new TestPublisher(broker.url(), "studio-door")) {
            await().atMost(WAIT).until(() -> server.components().mqttConnected());
            status(counter, "studio-counter", "online");
            status(door, "studio-door", "online");
            chrome.executeScript("localStorage.setItem('linli.lang', 'zh');");
            chrome.get(url("/"));
            await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector(".room[data-room='studio']"))
                    .isEmpty());

            // the studio holds 8: 9 in it is an open alert, red, with its button
            count(counter, 9);
            await().atMost(WAIT).until(() -> Pages.text(chrome, OVER + " button").equals("知道了"));
            assertEquals("open", attribute(OVER, "data-state"));
            assertTrue(!Pages.colour(chrome, OVER + " .kind").equals(Pages.colour(chrome, OVER + " .small")), "an open alert is coloured");

            // acknowledged at 10:26: who and when, no button
            clock.advance(Duration.ofMinutes(2));
            chrome.findElement(By.cssSelector(OVER + " button")).click();
            await().atMost(WAIT).until(() -> Pages.text(chrome, OVER + " .status").equals("已处理（operator，10:26）"));
            assertEquals(0, chrome.findElements(By.cssSelector(OVER + " button")).size());

            // the door's device offline, then back at 10:30: resolved by itself
            status(door, "studio-door", "offline");
            await().atMost(WAIT).until(() -> Pages.text(chrome, OFFLINE + " button").equals("知道了"));
            clock.advance(Duration.ofMinutes(4));
            status(door, "studio-door", "online");
            await().atMost(WAIT).until(() -> Pages.text(chrome, OFFLINE + " .status").equals("已解除（10:30）"));
            assertEquals(0, chrome.findElements(By.cssSelector(OFFLINE + " button")).size());

            // the studio emptied at 10:31: resolved, and who had handled it before
            clock.advance(Duration.ofMinutes(1));
            count(counter, 2);
            await().atMost(WAIT).until(() -> Pages.text(chrome, OVER + " .status")
                    .equals("已解除（10:31） · 已处理（operator，10:26）"));
            List<String> before = alerts();
            assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome), "what ended or was handled is grey");

            // a reload shows the same list
            chrome.navigate().refresh();
            await().atMost(WAIT).until(() -> alerts().equals(before));
            assertEquals("resolved", attribute(OVER, "data-state"));
            assertEquals("resolved", attribute(OFFLINE, "data-state"));
            assertEquals(0, chrome.findElements(By.cssSelector(".alert button")).size());
            assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome), "after a reload");
            Contrast.assertReadable(chrome, "after a reload");
            chrome.executeScript("Linli.setLanguage('en');");
            await().atMost(WAIT).until(() -> Pages.text(chrome, OVER + " .status")
                    .equals("Resolved at 10:31 · Handled by operator at 10:26"));
            assertEquals("Resolved at 10:30", Pages.text(chrome, OFFLINE + " .status"));
            assertTrue(Pages.text(chrome, OVER).contains("Room over capacity"), Pages.text(chrome, OVER));
            HeadlessChromium.screenshot(chrome, Path.of("target/screenshots/dashboard-alerts-resolved.png"));
        }
    }

    /** The texts of the dashboard's alerts, in the order listed. */
    @SuppressWarnings("unchecked")
    private List<String> alerts() {
        return (List<String>) chrome.executeScript(
                "return [...document.querySelectorAll('#alerts .alert')].map(e => e.innerText.trim());");
    }

    private void status(TestPublisher device, String id, String state) {
        device.publish(Topics.deviceStatus(id), codec.encode(new StatusPayload(state, clock.millis(), "test")), true);
    }

    private void count(TestPublisher counter, int people) {
        counter.publish(Topics.deviceOccupancy("studio-counter"), codec.encode(new OccupancyPayload(clock.millis(),
                seq.incrementAndGet(), "studio", people > 0, people, "beam")), false);
    }

    private String url(String path) {
        return server.uri(path).toString();
    }

    /** Read in one script: the dashboard redraws what it shows, which a found element would not survive. */

    private String attribute(String selector, String name) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute(arguments[1]) : null;", selector, name);
    }

}
