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
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's people in the rooms against the hub's capacity (its fire certificate's), in Debian's Chromium
 * against the real service and a real Mosquitto, as {@link PagesIT} does: "N / capacity" and its share, grey below
 * 90 %, the warning colour from 90 %, red over it with the hub_over_capacity alert named in Chinese and English; colour
 * only on those exceptions, and every text readable (WCAG 2.1 AA) in both languages. The catalogue page sets the
 * capacity and says beside the field what is wrong with it.
 */
class HubCapacityPagesIT {
    static final String HUB = TestServer.HUB;
    static final Duration WAIT = Duration.ofSeconds(15);

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
        server = site.central(Map.of("mqtt.url", broker.url()), clock);
        chrome = site.chrome(1600, 1000);
    }

    @Test
    void theDashboardShowsPeopleAgainstTheHubsCapacityAndItsAlertInBothLanguages() throws Exception {
        assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", "reading-counter", "hub", HUB, "rooms", List.of("reading-room"))).status());
        Pages.signIn(chrome, server, "admin");
        setCapacityOnTheCataloguePage();
        try (TestPublisher counter = new TestPublisher(broker.url(), "reading-counter")) {
            counter.publish(Topics.deviceStatus("reading-counter"), codec.encode(
                    new org.linli.protocol.payload.StatusPayload("online", clock.millis(), "test")), true);
            await().atMost(WAIT).until(() -> server.components().mqttConnected());
            chrome.get(url("/"));
            chrome.executeScript("Linli.setLanguage('zh');");
            count(counter, 5);
            awaitPeople("5 / 10", "50%", "ok");
            assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome), "below 90 %: grey");

            count(counter, 9);
            awaitPeople("9 / 10", "90%", "warn");
            assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome));
            assertTrue(!Pages.colour(chrome, "#kpi-people-share").equals(Pages.colour(chrome, "#kpi-people-note")),
                    "the share is in the warning colour at 90 %");
            Contrast.assertReadable(chrome, "at 90 %");

            count(counter, 12);
            awaitPeople("12 / 10", "120%", "over");
            await().atMost(WAIT).until(() -> text("alerts").contains("邻里汇超员"));
            assertTrue(text("alerts").contains("计数到 12 人，超过消防核定的 10 人"), text("alerts"));
            assertEquals("超过消防限额 10 人", text("kpi-people-warn"));
            assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome));
            Contrast.assertReadable(chrome, "over");
            HeadlessChromium.screenshot(chrome, Path.of("target/screenshots/dashboard-hub-over-capacity.png"));

            chrome.executeScript("Linli.setLanguage('en');");
            await().atMost(WAIT).until(() -> text("alerts").contains("Hub over capacity"));
            assertTrue(text("alerts").contains("12 people counted in the rooms of "), text("alerts"));
            assertEquals("12 / 10", text("kpi-people"));
            assertEquals("Over the fire limit of 10", text("kpi-people-warn"));
        }
    }

    /**
     * An open dashboard follows the hub without a reload: a capacity an administrator changes on the catalogue page
     * (in another browser) shows at once in the people figure, and an alert that closed by itself (the count back
     * within the capacity, or the capacity raised) says "已解除" / "Resolved" in grey, not "acknowledged".
     */
    @Test
    void anOpenDashboardFollowsTheCapacityAndSaysWhenTheAlertResolvedItself() throws Exception {
        assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", "reading-counter", "hub", HUB, "rooms", List.of("reading-room"))).status());
        Pages.signIn(chrome, server, "operator");
        ChromeDriver admin = HeadlessChromium.start(dir.resolve("chrome-admin"), 1600, 1000);
        try (TestPublisher counter = new TestPublisher(broker.url(), "reading-counter")) {
            Pages.signIn(admin, server, "admin");
            counter.publish(Topics.deviceStatus("reading-counter"), codec.encode(
                    new org.linli.protocol.payload.StatusPayload("online", clock.millis(), "test")), true);
            await().atMost(WAIT).until(() -> server.components().mqttConnected());
            chrome.get(url("/"));
            chrome.executeScript("Linli.setLanguage('zh');");
            count(counter, 12);
            // the demo hub's fire certificate: 200 people
            awaitPeople("12 / 200", "6%", "ok");
            chrome.executeScript("window.linliNotReloaded = true;");

            setCapacityOnTheCataloguePage(admin, 10);
            awaitPeople("12 / 10", "120%", "over");
            await().atMost(WAIT).until(() -> hubAlerts().size() == 1);
            assertEquals("知道了", Pages.text(chrome, ".alert[data-kind='hub_over_capacity'] button"));

            count(counter, 8);
            awaitPeople("8 / 10", "80%", "ok");
            await().atMost(WAIT).until(() -> Pages.text(chrome, ".alert[data-kind='hub_over_capacity']").contains("已解除"));
            assertTrue(!Pages.text(chrome, ".alert[data-kind='hub_over_capacity']").contains("已确认"),
                    Pages.text(chrome, ".alert[data-kind='hub_over_capacity']"));
            assertEquals(0, chrome.findElements(By.cssSelector(".alert[data-kind='hub_over_capacity'] button")).size());
            assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome), "resolved is grey, like acknowledged");
            Contrast.assertReadable(chrome, "resolved");
            chrome.executeScript("Linli.setLanguage('en');");
            await().atMost(WAIT).until(() -> Pages.text(chrome, ".alert.resolved").contains("Resolved"));
            chrome.executeScript("Linli.setLanguage('zh');");

            // a capacity lowered below the people in opens the alert again (minutes after it resolved: the same one, not
            // a second line), raised again it resolves it
            setCapacityOnTheCataloguePage(admin, 6);
            awaitPeople("8 / 6", "133%", "over");
            await().atMost(WAIT).until(() -> chrome.findElements(
                    By.cssSelector(".alert[data-kind='hub_over_capacity'][data-state='open'] button")).size() == 1);
            setCapacityOnTheCataloguePage(admin, 20);
            awaitPeople("8 / 20", "40%", "ok");
            await().atMost(WAIT).until(() -> hubAlerts().size() == 1
                    && hubAlerts().stream().allMatch(a -> a.contains("已解除")));
            assertEquals(Boolean.TRUE, chrome.executeScript("return window.linliNotReloaded === true;"),
                    "all of it without a reload");
        } finally {
            admin.quit();
        }
    }

    /** The texts of the dashboard's hub_over_capacity alerts. */
    @SuppressWarnings("unchecked")
    private List<String> hubAlerts() {
        return (List<String>) chrome.executeScript("return [...document.querySelectorAll("
                + "\".alert[data-kind='hub_over_capacity']\")].map(e => e.innerText.trim());");
    }

    /** As an administrator does, in their own browser. */
    private void setCapacityOnTheCataloguePage(ChromeDriver admin, int capacity) {
        admin.get(url("/catalogue"));
        await().atMost(WAIT).until(() -> admin.findElement(By.id("hub-id")).getAttribute("value").equals(HUB));
        var field = admin.findElement(By.id("hub-capacity"));
        field.clear();
        field.sendKeys(Integer.toString(capacity));
        admin.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> admin.findElement(By.id("hub-done")).isDisplayed());
        assertEquals(capacity, server.get("/api/v1/hubs/" + HUB, null).json().get("capacity").asInt());
    }

    /** Through the hub form as an administrator does: a wrong number is named beside the field, in their language. */
    private void setCapacityOnTheCataloguePage() {
        // chosen before the page opens: chosen on it, the form is filled again, maybe over what is typed in it
        chrome.executeScript("Linli.setLanguage('zh');");
        chrome.get(url("/catalogue"));
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-id")).getAttribute("value").equals(HUB));
        var field = chrome.findElement(By.id("hub-capacity"));
        field.clear();
        field.sendKeys("0");
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> !Pages.text(chrome, ".field-error[data-for='capacity']").isEmpty());
        assertEquals("请填写整数人数（1 以上），或者不填。", Pages.text(chrome, ".field-error[data-for='capacity']"));
        assertEquals("true", field.getAttribute("aria-invalid"));
        field.clear();
        field.sendKeys("10");
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-done")).isDisplayed());
        assertEquals(10, server.get("/api/v1/hubs/" + HUB, null).json().get("capacity").asInt());
        chrome.navigate().refresh();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-capacity")).getAttribute("value")
                .equals("10"));
    }

    private void awaitPeople(String value, String share, String level) {
        await().atMost(WAIT).until(() -> text("kpi-people").equals(value));
        assertEquals(share, text("kpi-people-share"));
        assertEquals(level, chrome.findElement(By.id("kpi-people-tile")).getAttribute("data-level"));
    }

    private String text(String id) {
        return Pages.text(chrome, "#" + id);
    }

    /** Read in one script: the dashboard redraws what it shows, which a found element would not survive. */

    private void count(TestPublisher counter, int people) {
        counter.publish(Topics.deviceOccupancy("reading-counter"), codec.encode(new OccupancyPayload(clock.millis(),
                seq.incrementAndGet(), "reading-room", people > 0, people, "beam")), false);
    }

    private String url(String path) {
        return server.uri(path).toString();
    }


}
