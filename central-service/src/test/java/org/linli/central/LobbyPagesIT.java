package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The lobby screen ({@code /lobby/{hub}}) in Debian's Chromium on a 1920×1080 TV, against the real service and a
 * real Mosquitto: set up with a screen display key at {@code /display}, it shows how busy the hub is (honestly: "at
 * least" while a room in use is not counted, a meter only for an exact figure), each room free, in use or booked, the
 * queues with their waits ("no wait", "no counter open"), and today's activities still to come; it follows tickets,
 * sensors and an activity called off without a reload, on the hub's clock (10:35 in Shanghai, whatever the machine's).
 * One screen without scrolling, readable from a few metres and by WCAG 2.1 AA in both languages, and its key writes
 * nothing. Photographed in Chinese for docs/screenshots ({@code target/screenshots/lobby.png}).
 */
class LobbyPagesIT {
    static final String HUB = TestServer.HUB;
    static final ZoneId ZONE = HubTime.SHANGHAI;
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    final HubClock clock = PageSite.heldAt(10, 24, ZONE);
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
        chrome = site.chrome(1920, 1080);
        // the TV's whole screen, as Chromium in kiosk mode has it (a headless window keeps room for its own bars)
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1920, "height", 1080,
                "deviceScaleFactor", 1, "mobile", false));
    }

    @Test
    void aScreenKeyShowsTheLobbyWhatIsOnAndHowBusyAndFollowsItLive() throws Exception {
        // the morning so far: the council hall booked from 10:30, two more activities this afternoon and evening,
        // two residents waiting for community affairs, counter 3 (legal advice, repairs) closed with one waiting
        String phone = "13700000001";
        assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "council-hall",
                "start", today(10, 30), "end", today(11, 30), "phone", phone, "attendees", 6, "purpose", "meeting"))
                .status());
        activity("lobby-taichi", "太极拳", "Tai chi", "activity-room", 14, 0, 15, 0);
        activity("lobby-film", "邻里电影夜", "Neighbours' film night", "activity-room", 19, 0, 20, 30);
        drawTicket("affairs");
        drawTicket("affairs");
        assertEquals(200, server.post("/api/v1/counters/counter-3/close", server.counterToken(), null).status());
        drawTicket("legal");
        clock.set(clock.today().atTime(10, 35).atZone(ZONE).toInstant());

        register("reading-counter", "reading-room");
        register("activity-pir", "activity-room");
        try (TestPublisher counter = new TestPublisher(broker.url(), "reading-counter");
                TestPublisher pir = new TestPublisher(broker.url(), "activity-pir")) {
            status(counter, "reading-counter");
            status(pir, "activity-pir");
            await().atMost(WAIT).until(() -> server.components().mqttConnected());
            occupancy(counter, "reading-counter", "reading-room", true, 6, "beam");
            occupancy(pir, "activity-pir", "activity-room", true, null, "pir");
            await().atMost(WAIT).until(() -> server.get("/api/v1/hubs/" + HUB + "/live", server.operatorToken())
                    .json().path("uncountedOccupiedRooms").asInt() == 1);

            String key = server.post("/api/v1/hubs/" + HUB + "/display-keys", server.adminToken(),
                    Map.of("label", "大厅电视", "scope", "screen")).json().get("key").asText();
            // not signed in and no key: the lobby is not shown
            chrome.get(url("/lobby/" + HUB));
            assertTrue(chrome.getCurrentUrl().contains("/login?next="), chrome.getCurrentUrl());

            // the screen is set up as a board is: the key, then which of the two read-only screens it is
            chrome.get(url("/display"));
            chrome.findElement(By.id("display-key")).sendKeys(key);
            chrome.findElement(By.id("display-submit")).click();
            await().atMost(WAIT).until(() -> chrome.findElements(By.cssSelector("button[data-screen]")).size() == 2);
            assertEquals("叫号屏\nNow-serving board", screenButton("board").getText());
            assertEquals("大厅信息屏\nLobby screen (what's on, how busy)", screenButton("lobby").getText());
            HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("display-screen-choice.png"));
            screenButton("lobby").click();
            await().atMost(WAIT).until(() -> chrome.getCurrentUrl().endsWith("/lobby/" + HUB));

            // rooms: in use, booked now, free
            await().atMost(WAIT).until(() -> chrome.findElements(By.cssSelector("#rooms li[data-room]")).size() == 6);
            assertEquals("使用中\nIn use", Pages.text(chrome, "#rooms li[data-room='reading-room'] .state"));
            assertEquals("使用中\nIn use", Pages.text(chrome, "#rooms li[data-room='activity-room'] .state"));
            assertEquals("已预约\nBooked", Pages.text(chrome, "#rooms li[data-room='council-hall'] .state"));
            assertEquals("空闲\nFree", Pages.text(chrome, "#rooms li[data-room='classroom'] .state"));
            assertEquals("阅览室\nReading room", Pages.text(chrome, "#rooms li[data-room='reading-room'] .name"));

            // how busy: a room in use that nobody counts makes the figure a lower bound, without a meter
            assertEquals("至少 6 人\nat least 6 in the rooms", Pages.text(chrome, "#busy-figure"));
            assertFalse(chrome.findElement(By.id("busy-level")).isDisplayed(), "no meter for a lower bound");
            assertEquals("最多可以容纳 200 人；另有 1 间功能室有人，没有数进去\n"
                    + "Room for up to 200. Rooms in use but not counted: 1", Pages.text(chrome, "#busy-note"));

            // queues: how many wait and for about how long; nobody waiting; no counter open (with and without people)
            int minutes = queue("affairs").path("estimatedWaitMinutes").asInt();
            assertEquals("2 人\n2", Pages.text(chrome, "li[data-service='affairs'] .waiting"));
            assertEquals(minutes + " 分钟\n" + minutes + " min", Pages.text(chrome, "li[data-service='affairs'] .wait"));
            assertEquals("社区事务受理\nCommunity affairs", Pages.text(chrome, "li[data-service='affairs'] .name"));
            assertEquals("A", Pages.text(chrome, "li[data-service='affairs'] .letter"));
            assertEquals("现在无需等候\nNo wait now", Pages.text(chrome, "li[data-service='health'] .status"));
            assertEquals("1 人\n1", Pages.text(chrome, "li[data-service='legal'] .waiting"));
            assertEquals("窗口未开\nClosed", Pages.text(chrome, "li[data-service='legal'] .wait"));
            assertEquals("窗口未开\nClosed", Pages.text(chrome, "li[data-service='repairs'] .status"));
            assertEquals(7, chrome.findElements(By.cssSelector("#queues li[data-service]")).size());

            // today's activities still to come, the one on now first, in the hub's time
            List<String> shown = activitiesShown();
            assertEquals(List.of("demo-classics-0", "lobby-taichi", "lobby-film"), shown);
            assertEquals("09:30\n–11:00\n国学经典课进行中\nChinese classics class\n教室 Classroom",
                    Pages.text(chrome, "li[data-activity='demo-classics-0']"));
            assertEquals("14:00\n–15:00\n太极拳\nTai chi\n多功能活动室 Activity room",
                    Pages.text(chrome, "li[data-activity='lobby-taichi']"));
            await().atMost(WAIT).until(() -> chrome.findElement(By.id("clock")).getText().endsWith("10:35"));

            // live, without a reload: a ticket drawn at the kiosk, the activity room emptying, an activity called off
            chrome.executeScript("window.linliNotReloaded = true;");
            drawTicket("affairs");
            await().atMost(WAIT).until(() -> Pages.text(chrome, "li[data-service='affairs'] .waiting").startsWith("3 人"));
            int later = queue("affairs").path("estimatedWaitMinutes").asInt();
            await().atMost(WAIT).until(() -> Pages.text(chrome, "li[data-service='affairs'] .wait").startsWith(later + " 分钟"));
            occupancy(pir, "activity-pir", "activity-room", false, null, "pir");
            await().atMost(WAIT).until(() -> Pages.text(chrome, "#busy-figure").startsWith("6 人"));
            assertTrue(chrome.findElement(By.id("busy-meter")).isDisplayed(), "an exact figure against the capacity");
            assertEquals("人不多 Quiet", Pages.text(chrome, "#busy-word"));
            assertEquals("最多可以容纳 200 人；只数功能室里的人，大厅不算\n"
                    + "Room for up to 200. Counted in the rooms, not the lobby", Pages.text(chrome, "#busy-note"));
            assertEquals("空闲\nFree", Pages.text(chrome, "#rooms li[data-room='activity-room'] .state"));
            assertEquals(200, server.post("/api/v1/activities/lobby-taichi/cancel", server.adminToken(),
                    Map.of("reason", "老师生病")).status());
            await().atMost(WAIT).until(() -> activitiesShown().equals(List.of("demo-classics-0", "lobby-film")));
            assertEquals(Boolean.TRUE, chrome.executeScript("return window.linliNotReloaded === true;"),
                    "all of it without a reload");

            // one screen, read from a few metres, in both languages
            assertFitsTheScreen();
            assertEquals("0", chrome.executeScript("return document.body.dataset.rows;"),
                    "the demo hub's seven services and six rooms fit at full size");
            assertReadableFromAFewMetres();
            Contrast.assertReadable(chrome, "the lobby screen");
            chrome.executeScript("Linli.setLanguage('en');");
            assertEquals("Community affairs\n社区事务受理", Pages.text(chrome, "li[data-service='affairs'] .name"));
            assertFitsTheScreen();
            HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("lobby-en.png"));
            chrome.executeScript("Linli.setLanguage('zh');");
            assertFitsTheScreen();
            HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("lobby.png"));
        }

        // the screen's key, as the page holds it, reads and writes nothing
        for (String[] write : new String[][] {{"POST", "/api/v1/services/affairs/tickets", "{}"},
                {"POST", "/api/v1/bookings", "{\"room\":\"classroom\"}"}, {"POST", "/api/v1/checkins", "{}"},
                {"POST", "/api/v1/counters/counter-1/call-next", "{}"},
                {"PUT", "/api/v1/activities/lobby-x", "{}"}, {"PUT", "/api/v1/hubs/" + HUB, "{}"},
                {"POST", "/api/v1/hubs/" + HUB + "/display-keys", "{\"label\":\"x\",\"scope\":\"screen\"}"},
                {"POST", "/api/v1/activities/lobby-film/cancel", "{\"reason\":\"x\"}"}}) {
            assertEquals(403L, fromThePage(write[0], write[1], write[2]), write[0] + " " + write[1]);
        }
        assertEquals(1, server.get("/api/v1/hubs/" + HUB + "/activities?from=" + clock.today() + "&to="
                + clock.today().plusDays(1), null).json().findValues("id").stream()
                .filter(id -> id.asText().equals("lobby-film")).count(), "still on");

        // the server gone: the screen says that what it shows may be old, and still fits
        await().atMost(WAIT).until(() -> !chrome.findElement(By.id("offline")).isDisplayed());
        server.close();
        WebElement banner = chrome.findElement(By.id("offline"));
        await().atMost(Duration.ofSeconds(20)).until(banner::isDisplayed);
        assertEquals("网络暂时断了：这里的信息可能不是最新的。\nConnection lost: what is shown here may be out of date.",
                banner.getText());
        assertFitsTheScreenAsItIs();
        assertEquals(List.of(), Contrast.failures(chrome));
    }

    // ---------------------------------------------------------------- helpers

    private String url(String path) {
        return server.uri(path).toString();
    }

    private String today(int hour, int minute) {
        return clock.today().atTime(hour, minute).atZone(ZONE).toOffsetDateTime().toString();
    }

    private void activity(String id, String zh, String en, String room, int fromHour, int fromMinute, int toHour,
            int toMinute) {
        TestServer.Response put = server.put("/api/v1/activities/" + id, server.adminToken(), Map.of("room", room,
                "titleZh", zh, "titleEn", en, "start", today(fromHour, fromMinute), "end", today(toHour, toMinute),
                "capacity", 20));
        assertTrue(put.status() == 200 || put.status() == 201, put.text());
    }

    private void drawTicket(String service) {
        assertEquals(201, server.post("/api/v1/services/" + service + "/tickets", server.kioskKey(), Map.of())
                .status());
    }

    private JsonNode queue(String service) {
        for (JsonNode q : server.get("/api/v1/hubs/" + HUB + "/queues", server.operatorToken()).json()) {
            if (q.path("service").asText().equals(service)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + service);
    }

    private void register(String device, String room) {
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(),
                Map.of("id", device, "hub", HUB, "rooms", List.of(room))).status());
    }

    private void status(TestPublisher publisher, String device) {
        publisher.publish(Topics.deviceStatus(device), codec.encode(new StatusPayload(StatusPayload.ONLINE,
                clock.millis(), "test")), true);
    }

    private void occupancy(TestPublisher publisher, String device, String room, boolean occupied, Integer count,
            String source) {
        publisher.publish(Topics.deviceOccupancy(device), codec.encode(new OccupancyPayload(clock.millis(),
                seq.incrementAndGet(), room, occupied, count, source)), false);
    }

    private WebElement screenButton(String screen) {
        return chrome.findElement(By.cssSelector("button[data-screen='" + screen + "']"));
    }

    /** Read in one script: the screen draws its lists anew on each reading, which a found element would not survive. */

    @SuppressWarnings("unchecked")
    private List<String> activitiesShown() {
        return (List<String>) chrome.executeScript("return [...document.querySelectorAll('#today li[data-activity]')]"
                + ".map(li => li.dataset.activity);");
    }

    /** The HTTP status of a request the page's script could send with the key it holds. */
    private long fromThePage(String method, String path, String body) {
        Object status = chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[1], {method: arguments[0], body: arguments[2], headers: {"
                + " 'Content-Type': 'application/json', 'Idempotency-Key': Linli.newKey(),"
                + " 'Authorization': 'Bearer ' + Linli.token()}})"
                + ".then(r => done(r.status), e => done(String(e)));", method, path, body);
        return status instanceof Number n ? n.longValue() : -1;
    }

    private void assertFitsTheScreen() {
        // measured connected: a live stream reconnecting under load shows the offline banner for a moment
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(chrome.executeScript(
                "return document.body.classList.contains('disconnected');")));
        assertFitsTheScreenAsItIs();
    }

    /** Nothing below the fold or off to the side, and no list cut short inside its column. */
    private void assertFitsTheScreenAsItIs() {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) chrome.executeScript("""
                const d = document.documentElement;
                const cut = [...document.querySelectorAll('.lobby-main > section')]
                  .filter(s => s.scrollHeight > s.clientHeight + 1).map(s => s.firstElementChild.id);
                return {height: d.scrollHeight, width: d.scrollWidth, innerHeight: innerHeight, innerWidth: innerWidth,
                  cut: cut.join(',')};""");
        assertTrue(((Number) size.get("height")).longValue() <= ((Number) size.get("innerHeight")).longValue()
                && ((Number) size.get("width")).longValue() <= ((Number) size.get("innerWidth")).longValue()
                && "".equals(size.get("cut")), "the lobby screen needs scrolling: " + size);
        assertEquals(List.of(1920L, 1080L), List.of(((Number) size.get("innerWidth")).longValue(),
                ((Number) size.get("innerHeight")).longValue()));
    }

    /**
     * From a few metres, as the board from across a waiting room (PagesIT): every text in the screen's language at
     * least 4 % of the screen's height (25 mm on a 55-inch TV); the English beneath may be smaller.
     */
    private void assertReadableFromAFewMetres() {
        Map<String, Object> smallest = Pages.smallestText(chrome);
        assertTrue(((Number) smallest.get("size")).doubleValue() >= 0.04 - 1e-6, "too small from a few metres: "
                + smallest);
    }
}
