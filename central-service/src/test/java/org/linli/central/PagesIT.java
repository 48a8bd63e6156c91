package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The staff pages in Debian's Chromium against the real service and a real Mosquitto: the dashboard follows an
 * occupancy message, a counter call reaches the console and the board (queued to be spoken), and nobody who is not
 * signed in sees a page. Screenshots of the three pages go to {@code target/screenshots}.
 */
class PagesIT {
    static final String HUB = TestServer.HUB;
    static final Path SHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;
    final HubClock clock = HubTime.noon().clock();
    MosquittoBroker broker;
    TestServer server;
    ChromeDriver chrome;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
        // held at noon: tickets drawn and called in one test are of one day, and the pictures show the same hour
        server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url()), clock);
        chrome = HeadlessChromium.start(dir.resolve("chrome"), 1600, 1000);
    }

    @AfterEach
    void stop() {
        chrome.quit();
        server.close();
        broker.close();
    }

    private String url(String path) {
        return server.uri(path).toString();
    }

    /** Through the login form, as staff do: the server sets the HttpOnly session cookie the pages need. */
    private void signIn(String user) {
        signIn(user, "/login");
    }

    private void signIn(String user, String loginPage) {
        chrome.get(url(loginPage));
        chrome.findElement(By.id("username")).sendKeys(user);
        chrome.findElement(By.id("password")).sendKeys(server.password(user));
        chrome.findElement(By.id("submit")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.getCurrentUrl().contains("/login"));
    }

    /**
     * Finding L1: after signing in, the login page goes back to the page that sent the visitor there, and never to
     * another site ({@code /\evil.example} is {@code //evil.example} to a browser).
     */
    @Test
    void signingInLeadsBackToAPageOfThisSiteOnly() {
        String origin = url("/").replaceAll("/$", "");
        for (String next : List.of("/%5Cexample.org", "/%09/example.org", "//example.org", "https://example.org/x")) {
            signIn("operator", "/login?next=" + next);
            assertTrue(chrome.getCurrentUrl().startsWith(origin + "/"), next + " led to " + chrome.getCurrentUrl());
        }
        signIn("operator", "/login?next=%2Fcounter%2Fcounter-1");
        assertEquals(origin + "/counter/counter-1", chrome.getCurrentUrl());
        // the session cookie is the server's, out of every script's reach
        assertEquals("", chrome.executeScript("return document.cookie"));
        assertEquals(1, chrome.manage().getCookies().stream().filter(c -> c.getName().equals("linli_token")
                && c.isHttpOnly()).count());
    }

    @Test
    void staffPagesSendAVisitorWhoIsNotSignedInToTheLoginPage() {
        for (String page : List.of("/", "/counter/counter-1", "/board/" + HUB, "/evacuation/" + HUB)) {
            chrome.get(url(page));
            assertTrue(chrome.getCurrentUrl().contains("/login?next="), page + " went to " + chrome.getCurrentUrl());
            assertEquals(1, chrome.findElements(By.id("login-form")).size());
            assertTrue(chrome.findElements(By.cssSelector(".room, .serving, #current")).isEmpty());
        }
        assertEquals(401, server.get("/api/v1/hubs/" + HUB + "/live", null).status());
        assertEquals(401, server.get("/api/v1/events", null).status());
    }

    /**
     * The QR code on a printed ticket leads a resident's phone to /ticket/{id}, without signing in: the number, the
     * service, the people ahead; when a counter calls it, which counter to go to.
     */
    @Test
    void aTicketsPageShowsAPhoneItsPlaceAndThenTheCounter() {
        server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of());
        var mine = server.post("/api/v1/services/legal/tickets", server.kioskKey(), Map.of()).json();
        chrome.manage().window().setSize(new org.openqa.selenium.Dimension(420, 860));
        chrome.get(url("/ticket/" + mine.get("id").asText()));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> chrome.findElement(By.id("number")).getText().equals(mine.get("number").asText()));
        var state = chrome.findElement(By.id("state"));
        assertEquals("waiting", state.getAttribute("data-state"));
        assertTrue(state.getText().contains("1"), "one person ahead: " + state.getText());
        assertTrue(chrome.findElement(By.id("service")).getText().matches("法律咨询|Legal advice"),
                chrome.findElement(By.id("service")).getText());
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("ticket-waiting.png"));

        for (int i = 0; i < 2; i++) {
            assertEquals(200, server.post("/api/v1/counters/counter-3/call-next", server.token("counter"), null)
                    .status());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "called".equals(chrome.findElement(By.id("state"))
                .getAttribute("data-state")));
        assertTrue(chrome.findElement(By.id("state")).getText().matches(".*(3号窗口|Counter 3).*"),
                chrome.findElement(By.id("state")).getText());
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("ticket-called.png"));
        assertEquals(404, server.get("/api/v1/tickets/no-such-ticket", null).status());
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
    }

    @Test
    void aRoomTurnsOccupiedOnTheDashboardAfterAnMqttPublish() throws Exception {
        assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                Map.of("id", "reading-sensor", "hub", HUB, "rooms", List.of("reading-room"))).status());
        signIn("operator");
        chrome.get(url("/"));
        await().atMost(Duration.ofSeconds(15)).until(() -> status("reading-room").equals("free"));
        try (TestPublisher sensor = new TestPublisher(broker.url(), "reading-sensor")) {
            sensor.publish(Topics.deviceOccupancy("reading-sensor"), new PayloadCodec().encode(
                    new OccupancyPayload(clock.millis(), 1, "reading-room", true, 6, "beam")), false);
            await().atMost(Duration.ofSeconds(10)).until(() -> status("reading-room").equals("occupied"));
        }
        assertTrue(chrome.findElement(By.cssSelector(".room[data-room='reading-room'] .count")).getText()
                .startsWith("6 / 20"));
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("dashboard.png"));
    }

    @Test
    void aCounterCallShowsOnTheConsoleAndIsQueuedForSpeechOnTheBoard() {
        String number = server.post("/api/v1/services/affairs/tickets", server.kioskKey(), Map.of()).json()
                .get("number").asText();
        signIn("counter");
        chrome.get(url("/board/" + HUB));
        String board = chrome.getWindowHandle();
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElement(By.id("hub-name")).getText().isBlank());
        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.get(url("/counter/counter-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(By.cssSelector("#waiting tr")).isEmpty());
        // the clerk reads the service's name in the page's language, not its id
        By waitingService = By.cssSelector("#waiting tr[data-ticket='" + number + "'] .service");
        boolean chinese = chrome.findElement(By.tagName("html")).getDomAttribute("lang").startsWith("zh");
        assertEquals(chinese ? "社区事务受理" : "Community affairs", chrome.findElement(waitingService).getText());
        chrome.findElement(By.id("lang")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> chrome.findElement(waitingService).getText()
                .equals(chinese ? "Community affairs" : "社区事务受理"));
        chrome.findElement(By.id("lang")).click();
        chrome.findElement(By.id("call-next")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("current")).getText().equals(number));
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("counter.png"));

        chrome.switchTo().window(board);
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector(".serving .ticket"))
                .stream().anyMatch(e -> e.getText().equals(number)));
        String spoken = (String) chrome.executeScript("return window.LinliSpeech.log.map(c => c.text).join('|')");
        assertTrue(spoken.contains(String.join(" ", number.split(""))) && spoken.contains("1号窗口"), spoken);
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("board.png"));
    }

    private String status(String room) {
        return chrome.findElements(By.cssSelector(".room[data-room='" + room + "']")).stream()
                .map(e -> e.getDomAttribute("data-status")).findFirst().orElse("");
    }
}
