package org.linli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.event.Event;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.Agent;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.broker.ProductionBroker;
import org.linli.kiosk.HubZone;
import org.linli.kiosk.Kiosk;
import org.linli.kiosk.KioskConfig;
import org.linli.protocol.Topics;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.MessageCallback;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.token.TokenFormat;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.testfx.api.FxRobot;

/**
 * The whole story with the real programs: Mosquitto configured from central-broker-config, the central service from
 * its jar, a door agent on Pi4J's mock board with a camera reader, the kiosk (headless JavaFX) and Chromium on the
 * staff pages. Screenshots of every step go to {@code e2e/target/screenshots} (docs/demo.md shows them). The hub is
 * in neither Shanghai's offset nor the machine's ({@link Hubs}); after the day's story, every program's clock is
 * moved over the hub's midnight together ({@link StoryTime}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    static final String HUB = "wutong66";
    static final String ROOM = "activity-room";
    static final String DEVICE = "activity-room-door";
    static final int RELAY_PIN = 5;
    static final int PIR_PIN = 17;
    static final Path HOME = Path.of(System.getProperty("linli.home", "..")).toAbsolutePath().normalize();
    static final Path SHOTS = HOME.resolve("e2e/target/screenshots");

    @TempDir
    static Path dir;
    static ProductionBroker broker;
    static CentralProgram central;
    static Pi4jBoard board;
    static Agent agent;
    static KioskScreen screen;
    static Kiosk kiosk;
    static ChromeDriver dashboard;
    static ChromeDriver counterConsole;
    static ChromeDriver nowServing;
    static MqttClient listener;
    static StoryTime time;
    static OutputStream camera;
    static Properties credentials;
    static String admin;
    static final FxRobot robot = new FxRobot();
    static final AtomicInteger unlocks = new AtomicInteger();
    static final AtomicLong lastUnlockMillis = new AtomicLong();
    /** Every (topic channel, seq) the door sent, as the broker delivered it to a listener with central's rights. */
    static final Set<String> sent = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startEverything() throws Exception {
        Files.createDirectories(SHOTS);
        // mosquitto drops root for its own user, which must be able to reach its files below the test directory
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        broker = ProductionBroker.prepare(dir.resolve("broker"));
        String centralPassword = broker.credential("central");
        String devicePassword = broker.credential("device", DEVICE, HUB);
        broker.start();
        time = new StoryTime(dir.resolve("faketime"));

        Path seed = dir.resolve("hub.yaml");
        Files.writeString(seed, Hubs.openNowDemoHub(HOME));
        Path config = dir.resolve("central.yaml");
        Files.writeString(config, "catalogue:\n  seed: " + seed + "\n");
        Map<String, String> environment = new HashMap<>(time.environment());
        environment.putAll(Map.of("LINLI_MQTT_URL", broker.plainUrl(), "LINLI_MQTT_USERNAME", "svc.central",
                "LINLI_MQTT_PASSWORD", centralPassword));
        central = new CentralProgram(HOME.resolve("central-service/target/central-service.jar"),
                dir.resolve("central"), MosquittoBroker.freePort(), config, environment,
                HOME.resolve("e2e/target/e2e-central.log"));
        central.start();
        credentials = central.credentials();
        admin = central.login("admin", credentials.getProperty("staff.admin.password"));
        central.call("POST", "/api/v1/devices", admin, Map.of("id", DEVICE, "hub", HUB, "rooms", List.of(ROOM)));

        listener = listen(broker.plainUrl(), centralPassword);
        startAgent(devicePassword);
        startKiosk();
        dashboard = signedIn("operator", "/");
        counterConsole = signedIn("counter", "/counter/counter-1");
        nowServing = signedIn("operator", "/board/" + HUB);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ChromeDriver chrome : new ChromeDriver[] {dashboard, counterConsole, nowServing}) {
            if (chrome != null) {
                chrome.quit();
            }
        }
        if (screen != null) {
            screen.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (board != null) {
            board.close();
        }
        if (listener != null) {
            listener.disconnect();
            listener.close();
        }
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void fromAKioskBookingToTheDoorTheDashboardTheQueueAndARating() throws Exception {
        // 1. A resident books the activity room at the kiosk; the booking QR appears.
        Image bookingQr = bookAtTheKiosk();
        String token = (String) robot.lookup("#qr").match(Node::isVisible).query().getUserData();
        long bookingId = TokenFormat.parse(token).subject();
        kioskShot("1-booking-qr");

        // 2. That QR, as a camera sees it, is shown at the door: the relay fires, the room turns occupied and the
        //    dashboard shows it within a second.
        showAtTheDoor(bookingQr);
        await("the relay fires").atMost(Duration.ofSeconds(20)).until(() -> unlocks.get() == 1);
        long entered = System.currentTimeMillis();
        mockInput(PIR_PIN).mockState(DigitalState.HIGH);
        await("the dashboard shows the room occupied").atMost(Duration.ofSeconds(10))
                .until(() -> roomStatus(dashboard).equals("occupied"));
        long shown = ((Number) dashboard.executeScript("return window.e2eStatusChangedAt || 0")).longValue();
        assertTrue(shown > 0 && shown - entered <= 1000,
                "dashboard updated " + (shown - entered) + " ms after someone entered");
        HeadlessChromium.screenshot(dashboard, SHOTS.resolve("2-dashboard-occupied.png"));

        // 3. The resident checks in with the same QR and takes a ticket; the counter calls it; the board shows it
        //    and queues the spoken call.
        checkInWithAScanner(token);
        kioskShot("3a-checked-in");
        String ticket = takeATicket();
        kioskShot("3b-ticket");
        counterConsole.findElement(By.id("call-next")).click();
        await("the counter console shows the called ticket").atMost(Duration.ofSeconds(10))
                .until(() -> counterConsole.findElement(By.id("current")).getText().equals(ticket));
        HeadlessChromium.screenshot(counterConsole, SHOTS.resolve("3c-counter.png"));
        await("the board shows the call").atMost(Duration.ofSeconds(10))
                .until(() -> nowServing.findElements(By.cssSelector(".serving-row .ticket")).stream()
                        .anyMatch(e -> e.getText().equals(ticket)));
        String spoken = (String) nowServing.executeScript(
                "return window.LinliSpeech.log.map(c => c.text).join('|')");
        assertTrue(spoken.contains(String.join(" ", ticket.split(""))), "queued for speech: " + spoken);
        HeadlessChromium.screenshot(nowServing, SHOTS.resolve("3d-board.png"));

        // 4. The resident rates the service 5; today's figures count the visit, the booking, the ticket, the rating.
        rateAtTheKiosk(5);
        kioskShot("4a-rating");
        await("today's figures").atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode f = central.call("GET", "/api/v1/hubs/" + HUB + "/live", admin, null).get("figures");
            return f.path("visitsTotal").asInt() >= 1 && f.path("bookings").asInt() >= 1
                    && f.path("tickets").asInt() >= 1 && f.path("averageRating").asDouble() == 5.0;
        });
        // the rating comes with the day so far, the counts with the figures event: the picture waits for both
        await("the dashboard's figures").atMost(Duration.ofSeconds(15))
                .until(() -> dashboard.findElement(By.id("kpi-rating")).getText().equals("5.0")
                        && dashboard.findElement(By.id("kpi-tickets")).getText().equals("1"));
        HeadlessChromium.screenshot(dashboard, SHOTS.resolve("4b-dashboard-figures.png"));

        // 5. A second booking is cancelled (the door hears of it), then the central service is away for 30 s: the
        //    door still opens for the valid booking, refuses the cancelled one, and keeps reporting; when the
        //    central service returns, every event is stored exactly once.
        String cancelled = bookThroughTheApi();
        long cancelledId = TokenFormat.parse(cancelled).subject();
        central.call("DELETE", "/api/v1/bookings/" + cancelledId, admin, null);
        // the room's own list (decision 0006); the hub-wide one is published empty
        Path revoked = dir.resolve("agent/access-revoked-" + ROOM + ".json");
        org.linli.protocol.token.AccessToken cancelledToken = TokenFormat.parse(cancelled);
        await("the door received the revocation").atMost(Duration.ofSeconds(15)).until(() -> {
            try {
                return Files.exists(revoked) && org.linli.protocol.token.RoomRevocations.of(
                        new org.linli.protocol.payload.PayloadCodec(java.time.Clock.systemUTC())
                                .decodeRoomRevoked(Files.readAllBytes(revoked))).revokes(cancelledToken);
            } catch (org.linli.protocol.payload.PayloadException | IOException e) {
                return false; // being replaced
            }
        });

        central.stop();
        long outageStarted = System.nanoTime();
        int before = unlocks.get();
        agent.scan(ROOM, token);
        await("the door opens without the central service").atMost(Duration.ofSeconds(10))
                .until(() -> unlocks.get() == before + 1);
        agent.scan(ROOM, cancelled);
        await("the refusal is reported").atMost(Duration.ofSeconds(10))
                .until(() -> sent.stream().filter(s -> s.startsWith("events/")).count() >= 4);
        assertEquals(before + 1, unlocks.get(), "the cancelled booking never moves the relay");
        mockInput(PIR_PIN).mockState(DigitalState.LOW);
        long remaining = TimeUnit.SECONDS.toNanos(30) - (System.nanoTime() - outageStarted);
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining); // the outage itself lasts 30 s; nothing to wait for
        }
        central.start();
        await("every event is stored, once").atMost(Duration.ofSeconds(60)).until(() -> storedOnce(sent));
        assertDeniedAsRevoked(cancelledId);
    }

    /**
     * The story's night: every program's clock moves to a minute before midnight on the last day of the hub's month
     * (up to four weeks on, as if the hub had run until then), then over it into the next month. The hub is
     * closed then, so the kiosk draws no tickets and says when it opens: tomorrow before midnight, today after it.
     * Ticket numbers (drawn at the desk) start again on the hub's new day and in today's figures, the kiosk's rooms
     * show the new day, and the door waits for the hours of a booking made the evening before for the morning after (the door of
     * issue 12 opened a day late; this one must not open hours early either).
     */
    @Test
    @Order(2)
    void overTheHubsMidnight() throws Exception {
        // the last day of the hub's month: its midnight changes the month too (the year as well on 31 December)
        LocalDate day = Hubs.day(time.now()).with(java.time.temporal.TemporalAdjusters.lastDayOfMonth());
        moveTo(day.atTime(23, 59));
        drawAtTheDesk();
        String evening = drawAtTheDesk();
        assertNotEquals("A001", evening, "two numbers drawn in the evening");
        awaitClosedNotice("home.closed.tomorrow");
        String morning = central.call("POST", "/api/v1/bookings", credentials.getProperty("kiosk.kiosk-lobby.key"),
                Map.of("room", ROOM, "start", hubTime(day.plusDays(1).atTime(9, 0)).toString(),
                        "end", hubTime(day.plusDays(1).atTime(9, 30)).toString(), "phone", "13700000001",
                        "attendees", 2, "purpose", "meeting", "consentVersion", "2026-12")).get("token").asText();
        long bookingId = TokenFormat.parse(morning).subject();
        int opened = unlocks.get();
        agent.scan(ROOM, morning);
        awaitRefusalsTooEarly(bookingId, 1);

        moveTo(day.plusDays(1).atTime(0, 0, 30));
        assertEquals("A001", drawAtTheDesk(), "numbers start again on the hub's new day");
        awaitClosedNotice("home.closed.today");
        String staff = central.login("admin", credentials.getProperty("staff.admin.password"));
        await("today's figures are the new day's").atMost(Duration.ofSeconds(15)).until(() -> central.call("GET",
                "/api/v1/hubs/" + HUB + "/live", staff, null).get("figures").path("tickets").asInt() == 1);
        robot.interact(() -> kiosk.shell().home());
        tap("#tile-rooms");
        tap("#room-" + ROOM);
        assertEquals(day.plusDays(1), kiosk.rooms().dateProperty().get(), "the kiosk's today is the hub's new day");
        agent.scan(ROOM, morning);
        awaitRefusalsTooEarly(bookingId, 2);
        assertEquals(opened, unlocks.get(), "not before 08:30: the booking's 09:00 less the door's 30 minutes");

        moveTo(day.plusDays(1).atTime(8, 31));
        agent.scan(ROOM, morning);
        await("the door opens within the grace before the booking").atMost(Duration.ofSeconds(10))
                .until(() -> unlocks.get() > opened);
    }

    /** The door's refusals of a booking as too early, as the central service has stored them. */
    static void awaitRefusalsTooEarly(long bookingId, int expected) {
        await("the door refused booking " + bookingId + " as too early " + expected + " times")
                .atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM device_event WHERE type ="
                        + " 'access.denied' AND reason = 'NOT_YET_VALID' AND booking_id = '" + bookingId + "'")
                        == expected);
    }

    /** Moves every program's clock to that time in the hub, and waits until the central service keeps it too. */
    static void moveTo(LocalDateTime local) {
        Instant target = local.atZone(Hubs.ZONE).toInstant();
        time.moveTo(target);
        await("the central service's clock moved").atMost(Duration.ofSeconds(20)).until(() -> {
            // its HTTP Date header is its own time, to the second
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    central.uri("/observe/health")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            Instant said = java.time.ZonedDateTime.parse(answer.headers().firstValue("Date").orElseThrow(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Duration.between(time.now(), said).abs().compareTo(Duration.ofSeconds(3)) < 0;
        });
    }

    static java.time.OffsetDateTime hubTime(LocalDateTime local) {
        return local.atZone(Hubs.ZONE).toOffsetDateTime();
    }

    static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + central.database());
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- the kiosk

    static void startKiosk() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("central.url", central.url(),
                "kiosk.key", credentials.getProperty("kiosk.kiosk-lobby.key"), "hub.id", HUB,
                "data.dir", dir.resolve("kiosk").toString(), "sync.seconds", "1"));
        KioskConfig config = KioskConfig.from(settings);
        // as the kiosk's Main does: the hub's zone from the central service (the test hub is not in Shanghai)
        ZoneId zone = HubZone.await(config);
        assertEquals(Hubs.ZONE, zone, "the kiosk takes the test hub's zone");
        // in the hub's zone: the kiosk offers check-in and tickets only within the hub's opening hours
        screen = KioskScreen.show(config, time.clock(), zone);
        kiosk = screen.kiosk();
    }

    static Image bookAtTheKiosk() throws Exception {
        screen.book(ROOM, time.now(), "13912345678");
        Node qr = robot.lookup("#qr").match(Node::isVisible).query();
        Image[] image = new Image[1];
        // The QR is drawn once the confirmation is on screen; take the picture when it shows a readable code.
        await("a readable QR on the kiosk").atMost(Duration.ofSeconds(10)).until(() -> {
            robot.interact(() -> image[0] = qr.snapshot(null, null));
            byte[] frame = CameraFrames.frame(image[0], 300);
            return new org.linli.protocol.qr.QrFrameDecoder().decode(frame, CameraFrames.WIDTH, CameraFrames.HEIGHT)
                    .isPresent();
        });
        return image[0];
    }

    static void checkInWithAScanner(String token) throws Exception {
        tap("#home");
        String typed = token + "\r";
        robot.interact(() -> {
            for (char c : typed.toCharArray()) {
                Event.fireEvent(kiosk.scene().getRoot(), new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "",
                        KeyCode.UNDEFINED, false, false, false, false));
            }
        });
        awaitShown("#welcome");
    }

    static String takeATicket() throws Exception {
        tap("#home");
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no");
        awaitShown("#ticket-number");
        return robot.lookup("#ticket-number").queryAs(Label.class).getText();
    }

    /** From the attract screen, wherever the kiosk was (a moved clock may have reset it there already). */
    static String takeATicketFromHome() throws Exception {
        robot.interact(() -> kiosk.shell().home());
        kiosk.settle();
        tap("#tile-queue");
        tap("#service-affairs");
        tap("#priority-no");
        awaitShown("#ticket-number");
        return robot.lookup("#ticket-number").queryAs(Label.class).getText();
    }

    /** A ticket drawn at the desk (the central service's API, as the counter console does), answering its number. */
    static String drawAtTheDesk() throws Exception {
        return central.call("POST", "/api/v1/services/affairs/tickets",
                credentials.getProperty("kiosk.kiosk-lobby.key"), Map.of("priority", false)).get("number").asText();
    }

    /** The kiosk's home screen says the hub is closed, and opens at 09:00 on the day the message names. */
    static void awaitClosedNotice(String message) throws Exception {
        String text = kiosk.i18n().get(message, "09:00");
        await("the kiosk says: " + text).atMost(Duration.ofSeconds(20)).until(() -> {
            robot.interact(() -> kiosk.shell().home());
            return robot.lookup("#closed-notice").lookup(text).tryQuery().isPresent();
        });
        assertTrue(robot.lookup("#tile-queue").query().isDisabled(), "no tickets from the kiosk while closed");
    }

    static void rateAtTheKiosk(int stars) throws Exception {
        tap("#home");
        tap("#tile-rating");
        tap("#face-" + stars);
        awaitShown("#thanks");
    }

    static void tap(String id) throws InterruptedException {
        screen.tap(id);
    }

    static void awaitShown(String id) {
        screen.awaitShown(id);
    }

    static void kioskShot(String name) throws Exception {
        Image[] image = new Image[1];
        robot.interact(() -> image[0] = kiosk.scene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image[0], null), "png",
                SHOTS.resolve(name + "-kiosk.png").toFile());
    }

    // ---------------------------------------------------------------- the door

    static void startAgent(String password) throws Exception {
        Path fifo = dir.resolve("camera.yuv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path yaml = dir.resolve("agent.yaml");
        Files.writeString(yaml, """
                device: {id: %s}
                hub: {id: %s}
                mqtt: {url: %s, username: %s, password: %s, reconnect-min-ms: 200, reconnect-max-ms: 2000}
                data: {dir: %s}
                hardware: {provider: mock}
                clock: {trust: rtc}
                occupancy: {zone: "%s"}
                sensors:
                  - {type: pir, room: %s, pin: %d, hold-ms: 600000}
                locks:
                  - room: %s
                    relay-pin: %d
                    active-high: true
                    pulse-ms: 1000
                    grace-s: 1800
                    reader: {type: camera, command: "cat %s", width: %d, height: %d}
                """.formatted(DEVICE, HUB, broker.plainUrl(), DEVICE, password, dir.resolve("agent"), Hubs.ZONE, ROOM,
                PIR_PIN, ROOM, RELAY_PIN, fifo, CameraFrames.WIDTH, CameraFrames.HEIGHT));
        board = Pi4jBoard.mock();
        agent = new Agent(new ConfigLoader(Map.of()).load(yaml, false), board, time.clock(),
                ClockTrust.fixed(true, "test machine clock"));
        board.context().registry().get(Pi4jBoard.pinId(RELAY_PIN), DigitalOutput.class).addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                lastUnlockMillis.set(System.currentTimeMillis());
                unlocks.incrementAndGet();
            }
        });
        agent.start();
        // Opening the pipe for writing waits until the reader's 'cat' has opened it.
        camera = new FileOutputStream(fifo.toFile());
        Path keys = dir.resolve("agent/access-keys.json");
        await("the door has the hub's keys").atMost(Duration.ofSeconds(20)).until(() -> Files.exists(keys));
    }

    static void showAtTheDoor(Image qr) throws IOException {
        byte[] frame = CameraFrames.frame(qr, 300);
        // what the door's camera sees, kept with the screenshots
        java.awt.image.BufferedImage seen = new java.awt.image.BufferedImage(CameraFrames.WIDTH, CameraFrames.HEIGHT,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        seen.getRaster().setDataElements(0, 0, CameraFrames.WIDTH, CameraFrames.HEIGHT, frame);
        javax.imageio.ImageIO.write(seen, "png", SHOTS.resolve("2-door-camera-frame.png").toFile());
        assertTrue(new org.linli.protocol.qr.QrFrameDecoder().decode(frame, CameraFrames.WIDTH, CameraFrames.HEIGHT)
                .isPresent(), "the camera frame of the kiosk's QR is readable (see 2-door-camera-frame.png)");
        for (int i = 0; i < 3; i++) {
            CameraFrames.write(camera, frame);
        }
    }

    static MockDigitalInput mockInput(int pin) {
        return board.context().registry().get(Pi4jBoard.pinId(pin), MockDigitalInput.class);
    }

    // ---------------------------------------------------------------- the staff pages

    static ChromeDriver signedIn(String user, String page) throws IOException {
        ChromeDriver chrome = HeadlessChromium.start(Files.createTempDirectory(dir, "chrome"), 1600, 1000);
        chrome.get(central.url() + "/login?next=" + page);
        chrome.findElement(By.id("username")).sendKeys(user);
        chrome.findElement(By.id("password")).sendKeys(credentials.getProperty("staff." + user + ".password"));
        chrome.findElement(By.id("submit")).click();
        await(user + " signed in on " + page).atMost(Duration.ofSeconds(20))
                .until(() -> java.net.URI.create(chrome.getCurrentUrl()).getPath().equals(page)
                        && chrome.findElements(By.id("login-form")).isEmpty()
                        && "complete".equals(chrome.executeScript("return document.readyState")));
        // Record when the activity room's status last changed, as seen inside the page.
        chrome.executeScript("""
                new MutationObserver(() => {
                  const room = document.querySelector('.room[data-room="activity-room"]');
                  if (room && room.dataset.status === 'occupied' && !window.e2eStatusChangedAt) {
                    window.e2eStatusChangedAt = Date.now();
                  }
                }).observe(document.body, {subtree: true, childList: true, attributes: true});
                """);
        return chrome;
    }

    static String roomStatus(ChromeDriver chrome) {
        try {
            return chrome.findElements(By.cssSelector(".room[data-room='" + ROOM + "']")).stream()
                    .map(e -> e.getDomAttribute("data-status")).findFirst().orElse("");
        } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return ""; // the page redrew the room between finding and reading it: asked again on the next poll
        }
    }

    // ---------------------------------------------------------------- the central service's side

    static String bookThroughTheApi() throws Exception {
        JsonNode slots = central.call("GET", "/api/v1/rooms/" + ROOM + "/availability?date="
                + Hubs.day(time.now()), admin, null).get("slots");
        Instant now = time.now();
        for (int i = slots.size() - 2; i >= 0; i--) {
            JsonNode slot = slots.get(i);
            Instant start = java.time.OffsetDateTime.parse(slot.get("start").asText()).toInstant();
            if (slot.get("free").asBoolean() && start.isAfter(now)) {
                return central.call("POST", "/api/v1/bookings", credentials.getProperty("kiosk.kiosk-lobby.key"),
                        Map.of("room", ROOM, "start", slot.get("start").asText(), "end", slot.get("end").asText(),
                                "phone", "13700000000", "attendees", 2, "purpose", "meeting",
                                "consentVersion", "2026-12")).get("token").asText();
            }
        }
        throw new AssertionError("no free slot left today for a second booking");
    }

    static boolean storedOnce(Set<String> expected) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + central.database());
             Statement st = db.createStatement()) {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            for (String table : List.of("device_event", "occupancy_sample")) {
                try (ResultSet rs = st.executeQuery("SELECT seq, count(*) FROM " + table
                        + " WHERE device_id = '" + DEVICE + "' GROUP BY seq")) {
                    while (rs.next()) {
                        assertEquals(1, rs.getInt(2), "seq " + rs.getLong(1) + " stored more than once in " + table);
                        stored.add((table.equals("device_event") ? "events/" : "occupancy/") + rs.getLong(1));
                    }
                }
            }
            return stored.containsAll(expected);
        }
    }

    static void assertDeniedAsRevoked(long bookingId) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + central.database());
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT reason FROM device_event WHERE type = 'access.denied' AND"
                     + " booking_id = '" + bookingId + "'")) {
            assertTrue(rs.next(), "the refusal of the cancelled booking reached the central service");
            assertEquals("REVOKED", rs.getString(1));
        }
    }

    /** A listener with the central service's rights that notes every (channel, seq) the door sends. */
    static MqttClient listen(String url, String password) throws MqttException {
        MqttClient client = new MqttClient(url, "e2e-listener", new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> {
            String json = new String(message.getPayload(), StandardCharsets.UTF_8);
            var seq = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(json);
            String channel = topic.substring(topic.lastIndexOf('/') + 1);
            if (seq.find() && (channel.equals("events") || channel.equals("occupancy"))) {
                sent.add(channel + "/" + seq.group(1));
            }
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("svc.central");
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        client.subscribe(new MqttSubscription[] {new MqttSubscription("linli/v1/devices/" + DEVICE + "/+", 1)});
        return client;
    }
}
