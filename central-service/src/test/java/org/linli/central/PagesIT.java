package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.linli.protocol.payload.TelemetryPayload;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The web pages in Debian's Chromium against the real service and a real Mosquitto. The service runs on a test
 * clock set to 10:24 in the hub (Shanghai) today, so every time a page shows must be the hub's, whatever the hour
 * and zone of the machine. Every page it opens is checked for contrast (WCAG 2.1 AA, {@code contrast.js}) in Chinese
 * and English (the other pages in their own tests: docs/api.md lists them), and photographed in Chinese for
 * docs/screenshots ({@code target/screenshots}).
 */
class PagesIT {
    static final String HUB = TestServer.HUB;
    static final ZoneId ZONE = HubTime.SHANGHAI;
    static final Path SHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;
    MosquittoBroker broker;
    // the hub opens at 08:00; a test that needs the morning behind it lives it, the others start at 10:24
    final HubClock clock = PageSite.heldAt(8, 5, ZONE);
    TestServer server;
    ChromeDriver chrome;
    final PayloadCodec codec = new PayloadCodec();
    final AtomicLong seq = new AtomicLong();

    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);

    @BeforeEach
    void start() {
        broker = site.broker();
        server = site.central(Map.of("mqtt.url", broker.url()), clock);
        chrome = site.chrome(1600, 1000);
    }

    private String url(String path) {
        return server.uri(path).toString();
    }

    /** Through the login form, as staff do: the server sets the HttpOnly session cookie the pages need. */

    /**
     * Finding L1: after signing in, the login page goes back to the page that sent the visitor there, and never to
     * another site ({@code /\evil.example} is {@code //evil.example} to a browser, and so is the path of
     * {@code /.//evil.example}).
     */
    @Test
    void signingInLeadsBackToAPageOfThisSiteOnly() {
        String origin = url("/").replaceAll("/$", "");
        // "/.//example.org" is of this origin, but its path "//example.org" alone would be another site's address
        for (String next : List.of("/%5Cexample.org", "/%09/example.org", "//example.org", "https://example.org/x",
                "/.//example.org", "/x/..//example.org")) {
            Pages.signIn(chrome, server, "operator", "/login?next=" + next);
            assertTrue(chrome.getCurrentUrl().startsWith(origin + "/"), next + " led to " + chrome.getCurrentUrl());
        }
        Pages.signIn(chrome, server, "operator", "/login?next=%2Fcounter%2Fcounter-1");
        assertEquals(origin + "/counter/counter-1", chrome.getCurrentUrl());
        // the session cookie is the server's, out of every script's reach
        assertEquals("", chrome.executeScript("return document.cookie"));
        assertEquals(1, chrome.manage().getCookies().stream().filter(c -> c.getName().equals("linli_token")
                && c.isHttpOnly()).count());
    }

    /** Moves the test clock on to a time of the hub's day today. */
    private void at(int hour, int minute) {
        clock.set(clock.today().atTime(hour, minute).atZone(ZONE).toInstant());
    }

    @Test
    void staffPagesSendAVisitorWhoIsNotSignedInToTheLoginPage() {
        for (String page : List.of("/", "/counter/counter-1", "/board/" + HUB, "/evacuation/" + HUB)) {
            chrome.get(url(page));
            assertTrue(chrome.getCurrentUrl().contains("/login?next="), page + " went to " + chrome.getCurrentUrl());
            assertEquals(1, chrome.findElements(By.id("login-form")).size());
            assertTrue(chrome.findElements(By.cssSelector(".room, .serving-row, #current")).isEmpty());
        }
        assertEquals(401, server.get("/api/v1/hubs/" + HUB + "/live", null).status());
        assertEquals(401, server.get("/api/v1/hubs/" + HUB + "/today", null).status());
        assertEquals(401, server.get("/api/v1/events", null).status());
        assertEquals("工作人员登录", chrome.findElement(By.cssSelector(".login h2")).getText());
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("login.png"));
    }

    @Test
    void aWrongPasswordKeepsTheVisitorOnTheLoginPage() {
        chrome.get(url("/login?next=/"));
        chrome.findElement(By.id("username")).sendKeys("operator");
        chrome.findElement(By.id("password")).sendKeys("not the password");
        chrome.findElement(By.id("submit")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !chrome.findElement(By.id("error")).getText().isBlank());
        assertTrue(chrome.getCurrentUrl().contains("/login"));
        assertReadable("login with an error");
    }

    /**
     * A Chinese browser gets Chinese staff pages, an English one English, with nothing to press first. A resident's
     * ticket page opens in Chinese even on a phone set to English (the kiosk it came from spoke Chinese), unless the
     * address asks for English.
     */
    @Test
    void pagesOpenInTheBrowsersLanguageAndTheResidentsPageInChinese() {
        chrome.get(url("/login"));
        assertEquals("zh-CN", chrome.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertEquals("登录", chrome.findElement(By.id("submit")).getText());
        String ticket = server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of()).json()
                .get("id").asText();
        ChromeDriver english = HeadlessChromium.start(dir.resolve("chrome-en"), 1000, 800, "en-GB,en");
        try {
            english.get(url("/login"));
            assertEquals("en", english.findElement(By.tagName("html")).getDomAttribute("lang"));
            assertEquals("Sign in", english.findElement(By.id("submit")).getText());
            english.get(url("/ticket/" + ticket));
            await().atMost(Duration.ofSeconds(10)).until(() -> english.findElement(By.id("service")).getText()
                    .equals("法律咨询"));
            assertEquals("zh-CN", english.findElement(By.tagName("html")).getDomAttribute("lang"));
            assertEquals("English", english.findElement(By.id("lang")).getText());
            english.get(url("/ticket/" + ticket + "?lang=en"));
            await().atMost(Duration.ofSeconds(10)).until(() -> english.findElement(By.id("service")).getText()
                    .equals("Legal advice"));
        } finally {
            english.quit();
        }
    }

    /**
     * An administrator of a district picks among its hubs: in English at 1400 px the header still holds "Sign out"
     * (the hub picker's long names pushed it out of the window). An overfull room's alert names the room as its card
     * does, in both languages (it said "9 people in studio", "studio 内有 9 人").
     */
    @Test
    void theDashboardsHeaderFitsWithItsHubPickerAndAnAlertNamesTheRoom() throws Exception {
        server.components().catalogue().put(new org.linli.central.catalogue.Hub("wutong-1", "residential", HUB,
                new org.linli.central.catalogue.Name("梧桐一居民区邻里小汇", "Wutong 1 Residents' Neighbourhood Hub"),
                ZONE, java.time.LocalTime.of(8, 0), java.time.LocalTime.of(21, 0)));
        at(10, 24);
        register("studio-counter", "studio");
        try (TestPublisher counter = new TestPublisher(broker.url(), "studio-counter")) {
            status(counter, "studio-counter", "online");
            chrome.manage().window().setSize(new Dimension(1400, 900));
            Pages.signIn(chrome, server, "admin");
            chrome.executeScript("localStorage.setItem('linli.lang', 'en');");
            chrome.get(url("/"));
            await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("hub-picker")).isDisplayed()
                    && !chrome.findElements(By.cssSelector(".room[data-room='studio']")).isEmpty());
            StaffBrowser.assertHeaderOnOneRow(chrome, "the dashboard");

            occupancy(counter, "studio-counter", "studio", 9, "beam");
            await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("alerts")).getText()
                    .contains("people in"));
            String english = chrome.findElement(By.id("alerts")).getText();
            assertTrue(english.contains("9 people in Studio, more than its capacity of 8"), english);
            chrome.executeScript("Linli.setLanguage('zh');");
            await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("alerts")).getText()
                    .contains("人，超过容量"));
            String chinese = chrome.findElement(By.id("alerts")).getText();
            assertTrue(chinese.contains("创意工作室内有 9 人，超过容量 8 人"), chinese);
            assertFalse(chinese.matches("(?s).*[A-Za-z].*"), "no English in the Chinese alert: " + chinese);

            // a device hot enough to slow down: its alert says so in the staff's words, its row says how hot
            counter.publish(Topics.deviceTelemetry("studio-counter"), codec.encode(new TelemetryPayload(clock.millis(),
                    seq.incrementAndGet(), 60, 1, 50_000_000, 84.2, 0, 0, "test")), false);
            await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("alerts")).getText()
                    .contains("设备过热"));
            await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.cssSelector(
                    "[data-device='studio-counter']")).getText().contains("84°C"));

            // the motion sensor sees someone while the counter says 0 (it missed one coming in): not "0 people",
            // and on the evacuation list a room to check, not an empty one
            occupancy(counter, "studio-counter", "studio", 0, "pir");
            await().atMost(Duration.ofSeconds(15)).until(() -> room("studio").findElement(By.className("count"))
                    .getText().equals("有人（计数器显示 0，漏计了）"));
            assertTrue(room("studio").findElements(By.className("meter")).isEmpty(), "no bar for a count missed");
            await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("kpi-people")).getText()
                    .startsWith("至少"));
            chrome.get(url("/evacuation/" + HUB));
            await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(
                    By.cssSelector("tr[data-room='studio'][data-people='true']")).isEmpty());
            assertTrue(chrome.findElement(By.id("total")).getText().contains("至少"),
                    chrome.findElement(By.id("total")).getText());
            assertFalse(chrome.findElement(By.id("empty-rooms")).getText().contains("创意工作室"),
                    chrome.findElement(By.id("empty-rooms")).getText());
        }
    }

    /** The check itself can fail: white on the brand orange, as the pages had it, is 2.6:1. */
    @Test
    void theContrastCheckFindsWhiteTextOnTheBrandOrange() {
        chrome.get("data:text/html;charset=utf-8,<body><p style='background:%23F18700;color:%23fff;font-size:18px'>"
                + "Counter 3</p><p style='background:%23F18700;color:%231A1A1A;font-size:18px'>Counter 3</p></body>");
        List<Map<String, Object>> failures = Contrast.failures(chrome);
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("#ffffff", failures.getFirst().get("fg"));
        assertTrue(((Number) failures.getFirst().get("ratio")).doubleValue() < 2.7, failures.toString());
    }

    /**
     * The QR code on a printed ticket leads a resident's phone to /ticket/{id}, without signing in: the number, the
     * service, the people ahead, when it was taken and when the page last heard from the server; when a counter
     * calls it, the whole page turns orange with the counter in large dark type.
     */
    @Test
    void aTicketsPageShowsAPhoneItsPlaceAndThenTheCounter() {
        at(10, 24);
        server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of());
        JsonNode mine = server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of()).json();
        assertEquals(clock.today() + "T10:24:00+08:00", mine.path("queued").asText(), mine.toString());
        chrome.manage().window().setSize(new Dimension(412, 860));
        chrome.get(url("/ticket/" + mine.get("id").asText()));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> chrome.findElement(By.id("number")).getText().equals(mine.get("number").asText()));
        WebElement state = chrome.findElement(By.id("state"));
        assertEquals("waiting", state.getDomAttribute("data-state"));
        assertEquals("前面还有 1 人\n大约等 " + mine.path("estimatedWaitMinutes").asInt() + " 分钟", state.getText());
        assertEquals("法律咨询", chrome.findElement(By.id("service")).getText());
        assertEquals("10:24 取号", chrome.findElement(By.id("taken")).getText());
        String hubLines = linesOf("hub-name");
        assertFalse(hubLines.replaceAll("(区|街道)\\|", "").contains("|"),
                "the hub's name wraps only between its place names: " + hubLines);
        assertTrue(chrome.findElement(By.id("updated")).getText().matches("更新于 10:2\\d"),
                chrome.findElement(By.id("updated")).getText());
        assertFitsTheScreen();
        assertReadable("ticket, waiting");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("ticket-waiting.png"));

        assertEquals(200, server.post("/api/v1/counters/counter-3/call-next", server.token("counter"), null).status());
        await().atMost(Duration.ofSeconds(20)).until(() -> chrome.findElement(By.id("state")).getText()
                .equals("前面没有人了，马上就叫到您，请留意屏幕"));
        assertEquals(200, server.post("/api/v1/counters/counter-3/call-next", server.token("counter"), null).status());
        await().atMost(Duration.ofSeconds(20)).until(() -> "called".equals(chrome.findElement(By.id("state"))
                .getDomAttribute("data-state")));
        assertEquals("轮到您了，请到\n3号窗口", chrome.findElement(By.id("state")).getText());
        assertTrue(chrome.findElement(By.tagName("body")).getDomAttribute("class").contains("called"));
        assertFitsTheScreen();
        assertReadable("ticket, called");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("ticket-called.png"));
        assertEquals(404, server.get("/api/v1/tickets/no-such-ticket", null).status());

        // after the service the page asks for a rating (a rating at the kiosk came before the service, finding K5)
        String rating = "/api/v1/tickets/" + mine.get("id").asText() + "/rating";
        assertEquals(422, server.post(rating, null, Map.of("rating", 5)).status(), "not before the service");
        assertFalse(chrome.findElement(By.id("rating")).isDisplayed());
        assertEquals(200, server.post("/api/v1/counters/counter-3/complete", server.token("counter"), null).status());
        await().atMost(Duration.ofSeconds(20)).until(() -> chrome.findElement(By.id("rating")).isDisplayed());
        assertEquals("这次办得怎么样？点一下打个分：", chrome.findElement(By.id("rating-ask")).getText());
        assertEquals(5, chrome.findElements(By.cssSelector("#rating-choices button")).size());
        for (WebElement choice : chrome.findElements(By.cssSelector("#rating-choices button"))) {
            // the words of the kiosk's faces, each on one line (很不满意 broke as 很不满/意)
            assertEquals(1L, chrome.executeScript("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                    + " return new Set([...r.getClientRects()].map(c => Math.round(c.top))).size;", choice),
                    choice.getText());
        }
        assertEquals("很不满意 不满意 一般 满意 非常满意", chrome.findElements(By.cssSelector("#rating-choices button"))
                .stream().map(WebElement::getText).collect(java.util.stream.Collectors.joining(" ")));
        assertFitsTheScreen();
        assertReadable("ticket, rating");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("ticket-rating.png"));
        chrome.findElement(By.cssSelector("[data-rating='4']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("rating-said")).getText()
                .equals("谢谢您的评价！"));
        assertTrue(chrome.findElements(By.cssSelector("#rating-choices button")).isEmpty(), "rated once");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("ticket-rated.png"));
        assertEquals(1, server.count("SELECT count(*) FROM feedback WHERE item_kind = 'ticket' AND item_id = '"
                + mine.get("id").asText() + "' AND rating = 4"));
        assertEquals(409, server.post(rating, null, Map.of("rating", 1)).status(), "once per ticket");
        TestServer.Response wrong = server.post(rating, null, Map.of("rating", 9));
        assertEquals(400, wrong.status(), wrong.text());
        assertEquals("rating", wrong.json().get("errors").get(0).get("field").asText(), wrong.text());
        assertEquals(404, server.post("/api/v1/tickets/no-such-ticket/rating", null, Map.of("rating", 5)).status());
        // a day after its service a ticket is no longer rated
        String later = server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of()).json().get("id")
                .asText();
        assertEquals(200, server.post("/api/v1/counters/counter-3/call-next", server.token("counter"), null).status());
        assertEquals(200, server.post("/api/v1/counters/counter-3/complete", server.token("counter"), null).status());
        clock.advance(Duration.ofHours(25));
        TestServer.Response late = server.post("/api/v1/tickets/" + later + "/rating", null, Map.of("rating", 5));
        assertEquals(422, late.status(), late.text());
        assertTrue(late.json().get("type").asText().endsWith("/rating-closed"), late.text());
    }

    /**
     * The dashboard is one screen; its figures do not contradict each other: a counted room gives a number and a
     * bar, a room with only a motion sensor says "someone in" without a bar and makes the people figure "at least";
     * when that sensor's device goes offline, the room and the evacuation list say the figure may be stale. The
     * clock and every time are the hub's, from the server's clock.
     */
    @Test
    void theDashboardAndTheEvacuationListSayWhatTheyKnowAndWhatTheyDoNot() throws Exception {
        // the same weekday a week ago: four residents checked in between 09:00 and 10:00 (before any device speaks,
        // whose messages the service stamps with its clock)
        clock.set(clock.today().minusWeeks(1).atTime(9, 30).atZone(ZONE).toInstant());
        for (int i = 0; i < 4; i++) {
            assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", "1390013000" + i))
                    .status());
        }
        clock.set(clock.today().plusWeeks(1).atTime(8, 5).atZone(ZONE).toInstant());
        // a booking of the council hall for 09:00-09:30 that nobody uses
        assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "council-hall",
                "start", clock.today().atTime(9, 0).atZone(ZONE).toOffsetDateTime().toString(),
                "end", clock.today().atTime(9, 30).atZone(ZONE).toOffsetDateTime().toString(),
                "phone", "13700000001", "attendees", 3, "purpose", "meeting")).status());
        register("reading-counter", "reading-room");
        register("activity-pir", "activity-room");
        try (TestPublisher counter = new TestPublisher(broker.url(), "reading-counter");
                TestPublisher pir = new TestPublisher(broker.url(), "activity-pir")) {
            status(counter, "reading-counter", "online");
            status(pir, "activity-pir", "online");
            // the morning: residents check in, draw tickets and rate; the reading room fills and empties a little
            int[][] morning = {{8, 20, 3}, {8, 50, 5}, {9, 15, 11}, {9, 40, 9}, {10, 5, 7}};
            for (int[] moment : morning) {
                at(moment[0], moment[1]);
                occupancy(counter, "reading-counter", "reading-room", moment[2], "beam");
                for (int i = 0; i < moment[2] / 3; i++) {
                    assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(),
                            Map.of("phone", "1380013" + String.format("%04d", moment[1] * 10 + i))).status());
                    drawTicket(i % 2 == 0 ? "affairs" : "health");
                }
            }
            for (int rating : new int[] {5, 5, 4, 2, 5}) {
                assertEquals(201, server.post("/api/v1/feedback", server.kioskKey(), Map.of("rating", rating)).status());
            }
            at(10, 24);
            Pages.signIn(chrome, server, "operator");
            chrome.get(url("/"));
            await().atMost(Duration.ofSeconds(15)).until(() -> status("reading-room").equals("occupied"));
            await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("clock")).getText().endsWith("10:24"));
            occupancy(counter, "reading-counter", "reading-room", 6, "beam");
            occupancy(pir, "activity-pir", "activity-room", null, "pir");
            await().atMost(Duration.ofSeconds(10)).until(() -> status("reading-room").equals("occupied")
                    && status("activity-room").equals("occupied"));
            assertEquals("6 / 20 人", room("reading-room").findElement(By.className("count")).getText());
            assertEquals(1, room("reading-room").findElements(By.className("meter")).size());
            assertEquals("有人（未计数）", room("activity-room").findElement(By.className("count")).getText());
            assertTrue(room("activity-room").findElements(By.className("meter")).isEmpty(), "no bar for an unknown count");
            await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("kpi-people")).getText()
                    .equals("至少 6 / 200"));
            // the demo hub's fire certificate allows 200: far from it, grey
            assertEquals("≥3%", chrome.findElement(By.id("kpi-people-share")).getText());
            assertEquals("ok", chrome.findElement(By.id("kpi-people-tile")).getDomAttribute("data-level"));
            assertEquals("4.2", chrome.findElement(By.id("kpi-rating")).getText());
            assertEquals("5 条评价", chrome.findElement(By.id("kpi-rating-note")).getText());
            assertEquals("另有 1 间有人，人数不明", chrome.findElement(By.id("kpi-people-warn")).getText());

            JsonNode day = server.get("/api/v1/hubs/" + HUB + "/today", server.token("operator")).json();
            JsonNode hours = day.path("hours");
            assertEquals(clock.today() + "T10:00:00+08:00", hours.get(2).path("start").asText(), day.toString());
            // 10:00 starts with the 9 of 09:40, before 7 came in
            assertEquals(List.of(5, 11, 9), List.of(hours.get(0).path("peakPeople").asInt(),
                    hours.get(1).path("peakPeople").asInt(), hours.get(2).path("peakPeople").asInt()), day.toString());
            assertEquals(List.of(2, 6, 2), List.of(hours.get(0).path("visits").asInt(), hours.get(1).path("visits").asInt(),
                    hours.get(2).path("visits").asInt()), day.toString());
            assertEquals("[0,1,0,1,3]", day.path("ratings").toString());
            assertFalse(day.path("hours").get(3).has("peakPeople"), "hours to come are empty: " + day);
            assertEquals(clock.today().minusWeeks(1).toString(), day.path("lastWeek").path("date").asText());
            assertEquals("[0,4,0,0,0,0,0,0,0,0,0,0,0]", day.path("lastWeek").path("visits").toString());
            // each room's day: the reading room in use since its first count, the council hall booked and unused
            for (JsonNode room : day.path("rooms")) {
                String id = room.path("room").asText();
                if (id.equals("reading-room")) {
                    assertEquals("[{\"from\":\"" + clock.today() + "T08:20:00+08:00\",\"to\":\"" + clock.today()
                            + "T10:24:00+08:00\"}]", room.path("used").toString());
                }
                assertEquals(id.equals("council-hall") ? 1 : 0, room.path("booked").size(), room.toString());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !room("council-hall")
                    .findElements(By.cssSelector(".daybar .booked")).isEmpty());
            assertTrue(room("council-hall").findElements(By.cssSelector(".daybar .used")).isEmpty());
            assertEquals(1, room("reading-room").findElements(By.cssSelector(".daybar .used")).size());
            // the strips made the rooms taller and the chart's card shorter: the chart follows, nothing cut off
            await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean) chrome.executeScript("""
                    const box = document.getElementById('day-chart'), svg = box.querySelector('svg');
                    return !!svg && Math.abs(svg.getBoundingClientRect().height - box.clientHeight) <= 2;"""));
            // the chart draws itself again as counts come: a text found may be gone when read
            await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> chrome.findElements(By.cssSelector("#day-chart svg text"))
                    .stream().anyMatch(t -> t.getText().equals("上周同一天到访")));
            // the chart has taken the last count: its people axis reaches the 11 of 09:00
            await().atMost(Duration.ofSeconds(15)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> chrome.findElements(By.cssSelector("#day-chart svg text"))
                    .stream().anyMatch(t -> t.getText().equals("12") || t.getText().equals("11")));
            chrome.manage().window().setSize(new Dimension(1920, 1080));
            assertFitsTheScreen();
            chrome.manage().window().setSize(new Dimension(1600, 1000));
            assertFitsTheScreen();
            assertReadable("dashboard");
            StaffBrowser.assertHeaderOnOneRow(chrome, "the dashboard in Chinese");
            HeadlessChromium.screenshot(chrome, SHOTS.resolve("dashboard.png"));
            assertOnlyExceptionsInColour();

            status(pir, "activity-pir", "offline");
            await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(room("activity-room")
                    .getDomAttribute("data-stale")));
            assertEquals("传感器离线", room("activity-room").findElement(By.className("status")).getText());
        }

        JsonNode evacuation = server.get("/api/v1/hubs/" + HUB + "/evacuation", server.token("operator")).json();
        assertEquals("徐汇区湖南路街道梧桐66邻里汇", evacuation.path("name").path("zh").asText());
        assertEquals(6, evacuation.path("total").asInt());
        assertEquals(1, evacuation.path("uncountedOccupiedRooms").asInt());
        assertEquals(1, evacuation.path("staleRooms").asInt());
        for (JsonNode row : evacuation.path("rooms")) {
            String id = row.path("room").asText();
            assertEquals(id.equals("activity-room"), row.path("stale").asBoolean(), row.toString());
            if (id.equals("reading-room")) {
                assertEquals(clock.today() + "T10:24:00+08:00", row.path("updated").asText(), row.toString());
                assertEquals("reading-counter", row.path("device").asText());
            }
        }
        chrome.get(url("/evacuation/" + HUB));
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("total")).getText().equals("至少 6 人"));
        assertEquals("徐汇区湖南路街道梧桐66邻里汇", chrome.findElement(By.id("hub-name")).getText());
        assertEquals("true", chrome.findElement(By.cssSelector("tr[data-room='activity-room']")).getDomAttribute("data-stale"));
        assertEquals("另有 1 间有人，人数不知道，请逐间查看", chrome.findElement(By.id("uncounted")).getText());
        // a room no sensor has reported on is listed to be checked, not folded away as empty
        assertEquals("请去查看", chrome.findElement(By.cssSelector("tr[data-room='classroom'] td.num")).getText());
        assertReadable("evacuation");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("evacuation.png"));
    }

    /**
     * A clerk calls with F1, sees how long the resident waited and how many wait per service, calls again, marks a
     * no-show and takes it back within the undo time, and transfers; the board shows each call large and queues
     * each one, the call again too, to be spoken; it lists today's activity, as the hub's day has it.
     */
    @Test
    void theCounterRunsTheQueueAndTheBoardShowsAndSpeaksEveryCall() {
        at(10, 24);
        String first = drawTicket("affairs");
        for (int i = 0; i < 3; i++) {
            drawTicket("affairs");
        }
        clock.advance(Duration.ofMinutes(12));
        Pages.signIn(chrome, server, "counter");
        chrome.manage().window().setSize(new Dimension(1920, 1080));
        chrome.get(url("/board/" + HUB));
        String board = chrome.getWindowHandle();
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("today")).getText().contains("国学经典课"));
        assertTrue(chrome.findElement(By.id("today")).getText().contains("进行中"), chrome.findElement(By.id("today")).getText());

        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.manage().window().setSize(new Dimension(1600, 1000));
        chrome.get(url("/counter/counter-1"));
        By waitingService = By.cssSelector("#waiting tr[data-ticket='" + first + "'] .service");
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(waitingService).isEmpty());
        assertEquals("社区事务受理", chrome.findElement(waitingService).getText());
        assertEquals("等了 12 分钟", chrome.findElement(By.cssSelector("#waiting tr[data-ticket='" + first + "'] .waited")).getText());
        assertTrue(chrome.findElement(By.cssSelector("#queues [data-service='affairs']")).getText()
                .startsWith("A 社区事务受理\n4 人等候 · 约 "));
        chrome.findElement(By.id("lang")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> chrome.findElement(waitingService).getText().equals("Community affairs"));
        chrome.findElement(By.id("lang")).click();

        key(Keys.F1);
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("current")).getText().equals(first));
        assertEquals("等了 12 分钟 · 在窗口 0 分钟", chrome.findElement(By.id("current-times")).getText());
        assertEquals("办结，叫下一位", chrome.findElement(By.id("call-next-label")).getText());
        assertReadable("counter");
        // the number being served reads from the far side of the desk: a tenth of the window's height at least
        assertTrue(((Number) chrome.executeScript("return parseFloat(getComputedStyle(document.getElementById('current'))"
                + ".fontSize) / innerHeight")).doubleValue() >= 0.1, "the current number is too small");
        chrome.executeScript("document.activeElement.blur()");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("counter.png"));

        key(Keys.F2);
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("message")).getText().equals("已重呼 " + first));
        chrome.findElement(By.id("no-show")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(By.id("undo")).isEmpty());
        assertEquals("暂无", chrome.findElement(By.id("current")).getText());
        assertReadable("counter, undo after a no-show");
        chrome.findElement(By.id("undo")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("message")).getText()
                .equals(first + " 已放回队列，排在原来的位置"));
        assertFalse(chrome.findElements(By.cssSelector("#waiting tr[data-ticket='" + first + "']")).isEmpty());
        key(Keys.F1);
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("current")).getText().equals(first));

        chrome.findElement(By.id("transfer")).click();
        assertTrue(chrome.findElements(By.cssSelector("#transfer-menu button[data-service='affairs']")).isEmpty(),
                "transfer lists the other services only");
        chrome.findElement(By.cssSelector("#transfer-menu button[data-service='legal']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("message")).getText()
                .startsWith(first + " 已转办到 法律咨询，新号 D"));
        // the message and the emptied ticket are drawn apart: wait for the second too
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("current")).getText()
                .equals("暂无"));
        for (String counter : List.of("counter-3", "counter-2", "counter-2")) {
            assertEquals(200, server.post("/api/v1/counters/" + counter + "/call-next", server.token("counter"), null)
                    .status());
        }

        chrome.switchTo().window(board);
        chrome.manage().window().setSize(new Dimension(1920, 1080));
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector(".serving-row .ticket"))
                .stream().anyMatch(e -> e.getText().equals(first)));
        // nobody has touched this board: Chromium refused to speak ("not-allowed"), and the board says so until a tap
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("sound-on")).isDisplayed());
        assertTrue(chrome.findElement(By.id("sound-on")).getText().startsWith("叫号没有声音：请点一下这里，打开叫号广播"),
                chrome.findElement(By.id("sound-on")).getText());
        assertEquals(List.of(), Contrast.failures(chrome), "the notice is readable");
        chrome.findElement(By.id("sound-on")).click();
        assertFalse(chrome.findElement(By.id("sound-on")).isDisplayed());
        assertEquals(Boolean.FALSE, chrome.executeScript("return window.LinliSpeech.blocked"));
        @SuppressWarnings("unchecked")
        List<String> spoken = (List<String>) chrome.executeScript("return window.LinliSpeech.log.map(c => c.text)");
        String said = "请 " + String.join(" ", first.split("")) + " 号到 1号窗口 办理";
        assertEquals(3, spoken.stream().filter(said::equals).count(), "the call, the call again, the call after undo: "
                + spoken);
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector(".serving-row")).size() == 3
                && chrome.findElements(By.cssSelector("#last-calls li")).size() == 1);
        assertTrue(chrome.findElement(By.id("serving-title")).getText().contains("Now serving"), "both languages");
        assertFitsTheScreen();
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("board.png"));
        assertReadable("board");
        assertReadableFromFiveMetres();
        // a board opened later (or restarted) shows today's calls at once
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector(".serving-row .ticket")).size() == 3);
    }

    /**
     * At 07:30 in the hub it is still yesterday in UTC (23:30), the zone this browser is set to: the board's "today"
     * is the hub's, from the server's clock, so it asks for the hub's day's activities and lists this morning's class
     * (not tomorrow's talk, not an empty day), without an error. A board that took UTC's date, or the browser's,
     * would ask for yesterday and list nothing.
     */
    @Test
    void beforeTheHubOpensTheBoardListsTheHubsDayWhileUtcIsStillOnTheDayBefore() {
        at(7, 30);
        LocalDate today = clock.today();
        assertEquals(today.minusDays(1), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        Pages.signIn(chrome, server, "counter");
        chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
        chrome.get(url("/board/" + HUB));
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("clock")).getText()
                .equals(today.getMonthValue() + "月" + today.getDayOfMonth() + "日 "
                        + today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.CHINA) + " 07:30"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(By.cssSelector("#today li")).isEmpty());
        assertEquals(List.of("demo-classics-0"), chrome.findElements(By.cssSelector("#today li[data-activity]"))
                .stream().map(li -> li.getDomAttribute("data-activity")).toList(), Pages.text(chrome, "#today"));
        assertEquals("09:30", Pages.text(chrome, "#today li[data-activity='demo-classics-0'] .at"));
        assertFalse(Pages.text(chrome, "#today").contains("进行中"), "not yet on at 07:30");
        // what it asked the server for, and that the answer was no error
        assertEquals(List.of("?from=" + today + "&to=" + today.plusDays(1) + " 200"), chrome.executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes('/activities?'))"
                        + ".map(e => new URL(e.name).search + ' ' + e.responseStatus);"));
        assertFalse(chrome.findElement(By.id("offline")).isDisplayed());
    }

    /**
     * When the server goes away, every page says so and what it means there: the board that its calls may be old,
     * the counter that calls may not go through, the dashboard and evacuation list that their figures stopped, the
     * phone that it is trying again (under it, when it last heard).
     */
    @Test
    void everyPageSaysWhatItMeansWhenTheServerIsGone() {
        at(10, 24);
        String ticket = server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of()).json()
                .get("id").asText();
        Pages.signIn(chrome, server, "operator");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "与服务器的连接断了，正在重新连接：这里的数字停在断开的时候，可能不是最新的。");
        pages.put("/counter/counter-3", "与服务器的连接断了，正在重新连接：等候名单可能不是最新的，叫号可能不成功。");
        pages.put("/evacuation/" + HUB, "与服务器的连接断了，正在重新连接：人数停在上面写的更新时间，请派人逐间查看。");
        pages.put("/board/" + HUB, "网络暂时断了：这里的叫号可能不是最新的，请留意窗口叫号。\n"
                + "Connection lost: the calls here may be out of date; please listen for your number at the counters.");
        pages.put("/ticket/" + ticket, "网络不稳定，正在重新获取…");
        Map<String, String> tabs = new LinkedHashMap<>();
        for (String page : pages.keySet()) {
            if (!tabs.isEmpty()) {
                chrome.switchTo().newWindow(WindowType.TAB);
            }
            chrome.get(url(page));
            // the page has heard from the server: the hub's clock (staff pages, board) or the ticket's "updated"
            await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElements(By.cssSelector("#clock, #updated"))
                    .stream().anyMatch(e -> e.getText().contains("10:24")));
            assertFalse(chrome.findElement(By.id("offline")).isDisplayed(), page);
            tabs.put(page, chrome.getWindowHandle());
        }
        server.close();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            chrome.switchTo().window(tabs.get(page.getKey()));
            WebElement banner = chrome.findElement(By.id("offline"));
            await().atMost(Duration.ofSeconds(20)).until(banner::isDisplayed);
            assertEquals(page.getValue(), banner.getText(), page.getKey());
            assertEquals(List.of(), Contrast.failures(chrome), page.getKey());
        }
        chrome.switchTo().window(tabs.get("/board/" + HUB));
        chrome.manage().window().setSize(new Dimension(1920, 1080));
        assertFitsTheScreenAsItIs();
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("board-offline.png"));
    }

    // ---------------------------------------------------------------- helpers

    private String drawTicket(String service) {
        return server.post("/api/v1/services/" + service + "/tickets", server.kioskKey(), Map.of()).json()
                .get("number").asText();
    }

    private void key(Keys key) {
        new Actions(chrome).sendKeys(key).perform();
    }

    private void register(String device, String room) {
        assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", device, "hub", HUB, "rooms", List.of(room))).status());
    }

    private void status(TestPublisher publisher, String device, String state) {
        publisher.publish(Topics.deviceStatus(device), codec.encode(new StatusPayload(state, clock.millis(), "test")),
                true);
    }

    private void occupancy(TestPublisher publisher, String device, String room, Integer count, String source) {
        publisher.publish(Topics.deviceOccupancy(device), codec.encode(new OccupancyPayload(clock.millis(),
                seq.incrementAndGet(), room, true, count, source)), false);
    }

    private WebElement room(String room) {
        return chrome.findElement(By.cssSelector(".room[data-room='" + room + "']"));
    }

    /** Read in one script: the dashboard redraws a room's card, which a found element would not survive. */
    private String status(String room) {
        Object status = chrome.executeScript("const card = document.querySelector(\".room[data-room='\" + arguments[0]"
                + " + \"']\"); return card ? card.getAttribute('data-status') || '' : '';", room);
        return status == null ? "" : status.toString();
    }

    /**
     * On the dashboard, colour means "look here": a room in use or over capacity, a stale sensor, an offline device,
     * an open alert, a long wait, a low rating; besides those only the brand's logo and line, and the chart's series.
     * Anything else in colour fails ({@code colours.js} lists it). The check can fail: a green word in a free room's
     * card is found.
     */
    private void assertOnlyExceptionsInColour() {
        assertEquals(List.of(), Pages.colouredOutsideExceptions(chrome));
        chrome.executeScript("""
                const probe = document.createElement('span');
                probe.id = 'probe'; probe.textContent = '正常'; probe.style.color = '#2e7d32';
                document.querySelector(".room[data-status='free']").append(probe);""");
        List<Map<String, Object>> found = Pages.colouredOutsideExceptions(chrome);
        chrome.executeScript("document.getElementById('probe').remove()");
        assertEquals(1, found.size(), found.toString());
        assertEquals("正常", found.getFirst().get("text"));
    }

    /**
     * The board from across a waiting room. On a 55-inch 1080p TV a pixel is 0.63 mm; a viewer with normal sight
     * reads characters about 1/200 of the distance high, so 25 mm from 5 m: 4 % of the screen's height. Every text in
     * the board's language is at least that, the numbers called three times it; the English beneath may be smaller.
     */
    private void assertReadableFromFiveMetres() {
        Map<String, Object> smallest = Pages.smallestText(chrome);
        double number = ((Number) chrome.executeScript("return parseFloat(getComputedStyle("
                + "document.querySelector('.serving-row .ticket')).fontSize) / innerHeight;")).doubleValue();
        Map<String, Object> sizes = Map.of("smallest", smallest.get("size"), "smallestText", smallest.get("text"),
                "number", number);
        assertTrue(((Number) sizes.get("smallest")).doubleValue() >= 0.04 - 1e-6, "too small from 5 m: " + sizes);
        assertTrue(number >= 0.12 - 1e-6, sizes.toString());
    }

    /** Nothing below the fold, nothing off to the side. */
    private void assertFitsTheScreen() {
        // measured connected: a live stream reconnecting under load shows the offline banner for a moment
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.FALSE.equals(chrome.executeScript(
                "return document.body.classList.contains('disconnected');")));
        assertFitsTheScreenAsItIs();
    }

    /**
     * An element's text as the browser laid it out, its lines joined by "|" ("徐汇区湖南路街道|梧桐66邻里汇"): where a
     * wrap falls, which the text alone does not say.
     */
    private String linesOf(String id) {
        return (String) chrome.executeScript("""
                const walker = document.createTreeWalker(document.getElementById(arguments[0]), NodeFilter.SHOW_TEXT);
                const range = document.createRange();
                let out = "", top = null;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  for (let i = 0; i < node.length; i++) {
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const y = Math.round(range.getBoundingClientRect().top);
                    if (top !== null && y > top + 4) out += "|";
                    top = top === null || y > top + 4 ? y : top;
                    out += node.data[i];
                  }
                }
                return out;""", id);
    }

    /** The same, in whatever state the page is (offline: with its banner). */
    private void assertFitsTheScreenAsItIs() {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) chrome.executeScript("""
                const d = document.documentElement;
                return {height: d.scrollHeight, width: d.scrollWidth, innerHeight: innerHeight, innerWidth: innerWidth};""");
        long height = ((Number) size.get("height")).longValue();
        long width = ((Number) size.get("width")).longValue();
        assertTrue(height <= ((Number) size.get("innerHeight")).longValue() && width <= ((Number) size.get("innerWidth"))
                .longValue(), chrome.getCurrentUrl() + " needs scrolling: " + size);
    }

    /** Every visible text of the page passes WCAG 2.1 AA, in Chinese and in English (the board: both at once). */
    private void assertReadable(String what) {
        List<String> problems = new ArrayList<>();
        boolean board = chrome.getCurrentUrl().contains("/board/");
        for (String lang : List.of("en", "zh")) {
            if (board) {
                if (lang.equals("en")) {
                    String back = chrome.getCurrentUrl();
                    chrome.get(back + "?lang=en");
                    await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("hub-name")).getText().isBlank());
                    Contrast.failures(chrome).forEach(f -> problems.add(what + " (en): " + f));
                    chrome.get(back);
                    await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("hub-name")).getText().isBlank());
                    continue;
                }
            } else {
                chrome.executeScript("Linli.setLanguage(arguments[0])", lang);
            }
            Contrast.failures(chrome).forEach(f -> problems.add(what + " (" + lang + "): " + f));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

}
