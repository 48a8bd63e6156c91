package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.doorkeys.DoorKeysPublisher;
import org.linli.protocol.qr.QrFrameDecoder;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.TokenFormat;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The bookings desk in Debian's Chromium against the real service: the day's and the week's bookings by room in the
 * hub's zone (far from Shanghai's, across the hub's midnight, on a machine and browser in another zone), cancelling
 * with a reason (audited), blocking a room for maintenance (no booking and no door then), wrong fields named beside
 * them in both languages, and staff of another hub refused; every state readable (WCAG 2.1 AA, {@link Contrast}).
 */
class BookingDeskIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);
    TestServer server;
    ChromeDriver chrome;

    private void open(String page, String token, String language) {
        if (chrome == null) {
            chrome = site.chrome(1600, 1100);
        }
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), token, language);
        chrome.get(server.uri(page).toString());
    }

    private void awaitText(String css, String wanted) {
        await().atMost(Duration.ofSeconds(15)).until(() -> Pages.text(chrome, css).contains(wanted));
    }

    private long book(String room, LocalDate day, int hour, String phone) {
        ZoneId zone = server.zone();
        Map<String, Object> body = new HashMap<>();
        body.put("room", room);
        body.put("start", day.atTime(hour, 0).atZone(zone).toOffsetDateTime().toString());
        body.put("end", day.atTime(hour + 1, 0).atZone(zone).toOffsetDateTime().toString());
        body.put("phone", phone);
        body.put("attendees", 3);
        body.put("purpose", "calligraphy");
        TestServer.Response r = server.post("/api/v1/bookings", server.kioskKey(), body);
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asLong();
    }

    private static JsonNode room(JsonNode live, String id) {
        for (JsonNode room : live.get("rooms")) {
            if (room.get("room").asText().equals(id)) {
                return room;
            }
        }
        throw new AssertionError("no room " + id + " in " + live);
    }

    private String login(String user, String password) {
        TestServer.Response r = server.post("/api/v1/auth/login", null, Map.of("username", user, "password",
                password));
        assertEquals(200, r.status(), r.text());
        return r.json().get("token").asText();
    }

    @Test
    void theDayAndWeekFollowTheHubsDateAcrossItsMidnightInKiritimati() {
        dayAndWeekAcrossMidnight(HubTime.KIRITIMATI);
    }

    @Test
    void theDayAndWeekFollowTheHubsDateAcrossItsMidnightInStJohns() {
        dayAndWeekAcrossMidnight(HubTime.ST_JOHNS);
    }

    /** 23:55 on a Wednesday in the hub, then 00:05 on Thursday: the page's today moves with the hub, not the browser. */
    private void dayAndWeekAcrossMidnight(ZoneId zone) {
        HubTime time = HubTime.of("23:55", zone);
        server = site.central(Map.of(), time.clock());
        LocalDate wednesday = time.local().toLocalDate();
        LocalDate thursday = wednesday.plusDays(1);
        book("studio", thursday, 9, "13800138000");
        book("reading-room", thursday.plusDays(2), 14, "13800138001");

        open("/bookings", server.operatorToken(), "zh");
        awaitText("tr[data-room='studio']", "没有预约");
        assertEquals(wednesday.toString(), chrome.executeScript(
                "return document.querySelector('#grid-head th.today').dataset.day;"));
        assertFalse(Pages.text(chrome, "#grid").contains("09:00"), "Wednesday has no booking: " + Pages.text(chrome, "#grid"));

        // the week: Monday to Sunday of the hub's date, each booking in its own day at the hub's hour
        chrome.findElement(By.id("view-week")).click();
        awaitText("tr[data-room='studio'] td[data-day='" + thursday + "']", "09:00–10:00");
        assertEquals(7L, chrome.executeScript("return document.querySelectorAll('#grid-head th[data-day]').length;"));
        assertEquals(wednesday.minusDays(2).toString(), chrome.executeScript(
                "return document.querySelector('#grid-head th[data-day]').dataset.day;"));
        assertTrue(Pages.text(chrome, "tr[data-room='reading-room'] td[data-day='" + thursday.plusDays(2) + "']")
                .contains("14:00–15:00"));
        assertTrue(Pages.text(chrome, "tr[data-room='studio'] td[data-day='" + thursday + "']").contains("尾号 8000"));

        // ten minutes later it is Thursday in the hub (and still Wednesday or already Thursday elsewhere)
        server.clock().advance(Duration.ofMinutes(10));
        chrome.navigate().refresh();
        awaitText("tr[data-room='studio']", "09:00–10:00");
        assertEquals(thursday.toString(), chrome.executeScript(
                "return document.querySelector('#grid-head th.today').dataset.day;"));
        assertEquals(1L, chrome.executeScript("return document.querySelectorAll('#grid-head th[data-day]').length;"));
        chrome.findElement(By.id("view-next")).click();
        awaitText("#grid-head", "星期五");
        chrome.findElement(By.id("view-next")).click();
        awaitText("tr[data-room='reading-room']", "14:00–15:00");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("bookings-" + zone.getId().replace('/', '-')
                + ".png"));
        Contrast.assertReadable(chrome, "bookings, a day");

        // the API says the same: the day's bookings of the hub's date
        JsonNode day = server.get("/api/v1/hubs/" + TestServer.HUB + "/bookings", server.operatorToken()).json();
        assertEquals(thursday.toString(), day.get("from").asText());
        assertEquals(1, day.get("bookings").size(), day.toString());
        assertTrue(day.get("bookings").get(0).get("start").asText().startsWith(thursday + "T09:00"));
    }

    /**
     * After {@code keys rotate --retire-now} the QR a resident was given no longer opens; an operator shows the
     * booking's QR from the desk, drawn anew with the new key (decision 0021). A counter is offered none.
     */
    @Test
    void anOperatorShowsABookingsDoorQrSignedWithTheKeyInUseAndACounterIsOfferedNone() throws Exception {
        server = site.central();
        LocalDate tomorrow = server.today().plusDays(1);
        long booking = book("studio", tomorrow, 10, "13800138000");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Tools(new BufferedReader(new StringReader("")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), server.clock(), Locale.ENGLISH)
                .run(new String[] {"keys", "rotate", "--retire-now", "--data", server.dataDir().toString()});
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(15)).until(() -> server.components().keys().kid() == 2);

        open("/bookings?date=" + tomorrow, server.operatorToken(), "en");
        awaitText("tr[data-room='studio']", "10:00–11:00");
        chrome.findElement(By.cssSelector("[data-qr='" + booking + "']")).click();
        String img = "[data-qr-image='" + booking + "'] img";
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(chrome.executeScript(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;",
                img)));
        assertTrue(Pages.text(chrome, "[data-qr-image='" + booking + "']").contains("Made anew with the current key"));
        assertEquals(List.of(), Contrast.failures(chrome), "the QR's note is readable");
        String dataUrl = (String) chrome.executeScript("const i = document.querySelector(arguments[0]);"
                + " const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight;"
                + " c.getContext('2d').drawImage(i, 0, 0); return c.toDataURL('image/png');", img);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1))));
        byte[] luma = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                luma[y * image.getWidth() + x] = (byte) (image.getRGB(x, y) & 0xff);
            }
        }
        String shown = new QrFrameDecoder().decode(luma, image.getWidth(), image.getHeight())
                .orElseThrow(() -> new AssertionError("the page's QR does not decode"));
        AccessToken token = TokenFormat.parse(shown);
        assertEquals(2, token.kid(), "signed with the key in use");
        assertEquals(booking, token.subject());

        open("/bookings?date=" + tomorrow, server.counterToken(), "en");
        awaitText("tr[data-room='studio']", "10:00–11:00");
        assertTrue(chrome.findElements(By.cssSelector("[data-qr]")).isEmpty(), "a counter reads no booking's QR");
    }

    @Test
    void staffCancelWithAReasonAndBlockARoomForMaintenance() {
        server = site.central();
        LocalDate tomorrow = server.today().plusDays(1);
        long booking = book("studio", tomorrow, 10, "13800138000");

        open("/bookings?date=" + tomorrow, server.operatorToken(), "en");
        awaitText("tr[data-room='studio']", "10:00–11:00");
        chrome.findElement(By.cssSelector("[data-cancel='" + booking + "']")).click();
        chrome.findElement(By.id("cancel-submit")).click();
        awaitText("#cancel .field-error[data-for='reason']", "Say why");
        assertEquals("true", chrome.findElement(By.id("cancel-reason")).getAttribute("aria-invalid"));
        chrome.findElement(By.id("cancel-reason")).sendKeys("the resident phoned: ill");
        chrome.findElement(By.id("cancel-submit")).click();
        awaitText("[data-booking='" + booking + "']", "cancelled");
        // said as done, not only struck through in the grid
        awaitText("#view-done", "The resident's door code no longer works");
        assertTrue(Pages.text(chrome, "[data-booking='" + booking + "']").contains("the resident phoned: ill"));
        Contrast.assertReadable(chrome, "bookings, a booking cancelled");
        assertTrue(server.get("/api/v1/hubs/" + TestServer.HUB + "/revoked", server.operatorToken()).text()
                .contains(Long.toString(booking)), "the resident's door key is revoked");
        JsonNode audit = server.get("/api/v1/audit?action=cancel", server.adminToken()).json();
        assertEquals("the resident phoned: ill", audit.get(0).get("detail").asText(), audit.toString());
        assertEquals("operator", audit.get(0).get("actor").asText());
        assertEquals(TestServer.HUB, audit.get(0).get("hub").asText());
        assertEquals("127.0.0.1", audit.get(0).get("source").asText());

        // a block whose end is before its start: said beside the field
        long other = book("studio", tomorrow, 15, "13800138001");
        chrome.navigate().refresh();
        awaitText("tr[data-room='studio']", "15:00–16:00");
        chrome.executeScript("document.getElementById('block-room').value = 'studio';");
        chrome.findElement(By.id("block-from")).sendKeys("14:00");
        chrome.findElement(By.id("block-to")).sendKeys("12:00");
        chrome.findElement(By.id("block-reason")).sendKeys("repainting");
        chrome.findElement(By.id("block-submit")).click();
        awaitText("#block .field-error[data-for='to']", "An end after the start");
        // over a booking: refused until that booking is cancelled
        chrome.findElement(By.id("block-to")).clear();
        chrome.findElement(By.id("block-to")).sendKeys("17:00");
        chrome.findElement(By.id("block-submit")).click();
        awaitText("#block-error", "cancel those bookings first");
        assertEquals(List.of(), Contrast.failures(chrome), "why the block is refused is readable");
        assertEquals(200, server.post("/api/v1/bookings/" + other + "/cancel", server.operatorToken(),
                Map.of("reason", "room needed for repairs")).status());
        chrome.findElement(By.id("block-submit")).click();
        awaitText("tr[data-room='studio']", "maintenance · repainting");
        chrome.executeScript("window.scrollTo(0, 0);");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("bookings-block.png"));
        Contrast.assertReadable(chrome, "bookings, a room blocked");
        // ending a block is called so (the card said "Cancel a booking"), and can be left without doing it
        chrome.findElement(By.cssSelector("tr[data-room='studio'] .booking[data-kind='maintenance'] [data-cancel]"))
                .click();
        awaitText("#cancel-title", "End a maintenance block");
        assertEquals("End the block", chrome.findElement(By.id("cancel-submit")).getText());
        chrome.findElement(By.id("cancel-close")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("cancel-card")).isDisplayed());

        // the slot is gone at the kiosk, nobody can book it, and doors refuse any token in it
        JsonNode slots = server.get("/api/v1/rooms/studio/availability?date=" + tomorrow, server.kioskKey()).json()
                .get("slots");
        for (JsonNode slot : slots) {
            LocalTime start = java.time.OffsetDateTime.parse(slot.get("start").asText()).toLocalTime();
            boolean blocked = !start.isBefore(LocalTime.of(14, 0)) && start.isBefore(LocalTime.of(17, 0));
            assertEquals(!blocked, slot.get("free").asBoolean(), slot.toString());
            assertEquals(blocked, slot.path("maintenance").asBoolean(), "a block is said to the kiosk: " + slot);
        }
        Map<String, Object> during = new HashMap<>(Map.of("room", "studio", "phone", "13800138002",
                "attendees", 2, "start", tomorrow.atTime(15, 0).atZone(server.zone()).toOffsetDateTime().toString(),
                "end", tomorrow.atTime(16, 0).atZone(server.zone()).toOffsetDateTime().toString()));
        assertEquals(409, server.post("/api/v1/bookings", server.kioskKey(), during).status());
        long blockStart = tomorrow.atTime(14, 0).atZone(server.zone()).toEpochSecond();
        long blockEnd = tomorrow.atTime(17, 0).atZone(server.zone()).toEpochSecond();
        DoorKeysPublisher.Source door = server.components().bookings().roomBookings("studio", blockStart,
                blockEnd);
        assertTrue(door.cancelled().stream().anyMatch(w -> w.start() == blockStart && w.end() == blockEnd),
                "the door is told the block's window as revoked: " + door.cancelled());
        assertTrue(door.valid().isEmpty(), "no token is valid in the block: " + door.valid());
        JsonNode blocks = server.get("/api/v1/audit?action=blocks", server.adminToken()).json();
        assertEquals("repainting", blocks.get(0).get("detail").asText(), blocks.toString());

        // a block today is no booking in the day's figures
        TestServer.Response today = server.post("/api/v1/rooms/classroom/blocks", server.operatorToken(), Map.of(
                "date", server.today().toString(), "from", "15:00", "to", "16:00", "reason", "new projector"));
        assertEquals(201, today.status(), today.text());
        assertEquals("maintenance", today.json().get("kind").asText());
        assertEquals(0, server.get("/api/v1/hubs/" + TestServer.HUB + "/live", server.operatorToken()).json()
                .get("figures").get("bookings").asInt());
        book("classroom", server.today(), 17, "13800138003");
        assertEquals(1, server.get("/api/v1/hubs/" + TestServer.HUB + "/live", server.operatorToken()).json()
                .get("figures").get("bookings").asInt());

        // nobody comes to a block: with the room watched and empty it is not released as a no-show, as a resident's
        // booking would be
        server.clock().advance(Duration.ofHours(3).plusMinutes(30));
        try (org.linli.central.noshow.NoShowRelease sweep = new org.linli.central.noshow.NoShowRelease(
                server.components().db(), server.components().bookings(), server.clock(), Duration.ofMinutes(10),
                Duration.ofHours(1), room -> true, room -> false, server.components().leases())) {
            assertEquals(java.util.List.of(), sweep.releaseNoShows());
        }
        long blockId = today.json().get("id").asLong();
        assertEquals("active", server.components().bookings().find(blockId).orElseThrow().status());

        // 15:30: the room is under maintenance, which is not a booking, on the dashboard and in the calendar feed
        JsonNode classroom = room(server.get("/api/v1/hubs/" + TestServer.HUB + "/live", server.operatorToken())
                .json(), "classroom");
        assertEquals("maintenance", classroom.get("status").asText(), classroom.toString());
        assertTrue(classroom.get("maintenance").asBoolean());
        assertTrue(classroom.get("bookingId").isNull(), "a block is no resident's booking: " + classroom);
        assertEquals("maintenance", room(server.get("/api/v1/hubs/" + TestServer.HUB + "/live",
                server.operatorToken()).json(), "studio").get("nextBooking").get("kind").asText(),
                "the studio's next is tomorrow's block");
        open("/", server.operatorToken(), "zh");
        awaitText(".room[data-room='classroom'] .status", "维修中");
        assertEquals("维修封房，暂停预约", Pages.text(chrome, ".room[data-room='classroom'] .booking"));
        assertEquals("维修 14:00–17:00", Pages.text(chrome, ".room[data-room='studio'] .booking"));
        await().atMost(Duration.ofSeconds(15)).until(() -> (Long) chrome.executeScript(
                "return document.querySelectorAll(\".daybar[data-room='classroom'] span\").length;") >= 3);
        assertEquals("15:00–16:00 维修", chrome.executeScript("return document.querySelector("
                + "\".daybar[data-room='classroom'] .maintenance\").title;"));
        assertEquals("17:00–18:00", chrome.executeScript("return document.querySelector("
                + "\".daybar[data-room='classroom'] .booked\").title;"), "the resident's booking stays a booking");
        assertTrue(Pages.text(chrome, ".strip-legend").contains("维修"));
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("dashboard-maintenance.png"));
        Contrast.assertReadable(chrome, "the dashboard, a room under maintenance");

        TestServer.Response feed = server.post("/api/v1/hubs/" + TestServer.HUB + "/calendar-feeds",
                server.operatorToken(), Map.of("room", "classroom"));
        assertEquals(201, feed.status(), feed.text());
        String ics = server.get(feed.json().get("path").asText(), null).text();
        biweekly.component.VEvent blockEvent = biweekly.Biweekly.parse(ics).first().getEvents().stream()
                .filter(e -> e.getUid().getValue().startsWith("booking-" + blockId + "@")).findFirst().orElseThrow();
        assertEquals("维修 Maintenance", blockEvent.getSummary().getValue());
        assertEquals(List.of("maintenance"), blockEvent.getCategories().getFirst().getValues());
        assertFalse(ics.contains("new projector"), "a block's reason stays out of a feed anyone with its URL reads");
        assertTrue(ics.contains("SUMMARY:已预约 Booked"), "the resident's booking at 17:00 is still booked");

        // in Chinese, a missing reason is said in Chinese beside the field
        open("/bookings?date=" + tomorrow, server.operatorToken(), "zh");
        awaitText("tr[data-room='studio']", "维修 · repainting");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("bookings-zh.png"));
        chrome.findElement(By.id("block-from")).sendKeys("09:00");
        chrome.findElement(By.id("block-to")).sendKeys("10:00");
        chrome.findElement(By.id("block-submit")).click();
        awaitText("#block .field-error[data-for='reason']", "请写明原因");
        assertEquals("", Pages.text(chrome, "#block .field-error[data-for='from']"));
        Contrast.assertReadable(chrome, "bookings, a block without a reason");
    }

    @Test
    void staffOfAnotherHubAreRefusedAndADistrictsStaffReachTheHubsBelow() {
        server = site.central();
        Components c = server.components();
        c.catalogue().put(new Hub("xuhui", "district", null, new Name("徐汇区", "Xuhui"), ZoneId.of("Asia/Shanghai"),
                LocalTime.of(8, 0), LocalTime.of(21, 0)));
        c.catalogue().put(new Hub("yongkang", "street", "xuhui", new Name("永康邻里汇", "Yongkang Hub"),
                ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 0), LocalTime.of(21, 0)));
        c.accounts().putStaff("yongkang-op", "yongkang-password-1", Role.OPERATOR, "yongkang");
        c.accounts().putStaff("xuhui-op", "xuhui-password-12", Role.OPERATOR, "xuhui");
        String yongkang = login("yongkang-op", "yongkang-password-1");
        String district = login("xuhui-op", "xuhui-password-12");
        long booking = book("studio", server.today().plusDays(1), 10, "13800138000");
        String hubBookings = "/api/v1/hubs/" + TestServer.HUB + "/bookings";

        assertEquals(403, server.get(hubBookings, yongkang).status());
        assertEquals(404, server.post("/api/v1/bookings/" + booking + "/cancel", yongkang,
                Map.of("reason", "x")).status());
        assertEquals(403, server.post("/api/v1/rooms/studio/blocks", yongkang, Map.of("date",
                server.today().plusDays(1).toString(), "from", "09:00", "to", "10:00", "reason", "x")).status());
        assertEquals(403, server.get(hubBookings, server.kioskKey()).status());
        JsonNode forOperator = server.get(hubBookings + "?from=" + server.today().plusDays(1),
                server.operatorToken()).json().get("bookings").get(0);
        assertEquals("active", forOperator.get("status").asText());
        assertEquals("8000", forOperator.get("phoneLast4").asText());
        // a counter sees when rooms are booked, not by whom nor what for (finding H3: counters read no booking)
        JsonNode forCounter = server.get(hubBookings + "?from=" + server.today().plusDays(1),
                server.counterToken()).json().get("bookings").get(0);
        assertEquals(booking, forCounter.get("id").asLong());
        assertFalse(forCounter.has("phoneLast4") || forCounter.has("purpose") || forCounter.has("cancelReason"),
                forCounter.toString());

        TestServer.Response seen = server.get(hubBookings + "?from=" + server.today().plusDays(1) + "&days=7", district);
        assertEquals(200, seen.status(), seen.text());
        assertTrue(seen.text().contains(Long.toString(booking)));
        TestServer.Response wrong = server.get(hubBookings + "?days=99", district);
        assertEquals(400, wrong.status());
        assertEquals("days", wrong.json().get("errors").get(0).get("field").asText(), wrong.text());

        open("/bookings?hub=" + TestServer.HUB, yongkang, "en");
        awaitText("#view-error", "your hub and the hubs under it only");
        assertEquals(0L, chrome.executeScript("return document.querySelectorAll('[data-booking]').length;"));
    }

    @Test
    void aResidentSeesAndCancelsTheirOwnBookingsByTheirCard() {
        server = site.central();
        String mine = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13800138000"))
                .json().get("token").asText();
        String theirs = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13900139000"))
                .json().get("token").asText();
        long booking = book("studio", server.today().plusDays(1), 10, "13800138000");
        book("classroom", server.today().plusDays(1), 11, "13900139000");

        JsonNode listed = server.post("/api/v1/residents/bookings", server.kioskKey(),
                Map.of("residentToken", mine)).json().get("bookings");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(booking, listed.get(0).get("id").asLong());
        assertFalse(listed.get(0).has("phoneLast4"), "the kiosk's answer says no more than the card holder knows");

        assertEquals(404, server.post("/api/v1/residents/bookings/" + booking + "/cancel", server.kioskKey(),
                Map.of("residentToken", theirs)).status());
        assertEquals(422, server.post("/api/v1/residents/bookings", server.kioskKey(),
                Map.of("residentToken", "LL1:not-a-card")).status());
        TestServer.Response cancelled = server.post("/api/v1/residents/bookings/" + booking + "/cancel",
                server.kioskKey(), Map.of("residentToken", mine));
        assertEquals(200, cancelled.status(), cancelled.text());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        assertEquals(0, server.post("/api/v1/residents/bookings", server.kioskKey(),
                Map.of("residentToken", mine)).json().get("bookings").size());
        assertTrue(server.get("/api/v1/hubs/" + TestServer.HUB + "/revoked", server.operatorToken()).text()
                .contains(Long.toString(booking)));
    }

    private void bookAtTheDesk(String from, String to, String phone, boolean agreed) {
        for (String id : List.of("book-from", "book-to", "book-phone")) {
            chrome.findElement(By.id(id)).clear();
        }
        chrome.executeScript("document.getElementById('book-room').value = 'studio';");
        chrome.findElement(By.id("book-from")).sendKeys(from);
        chrome.findElement(By.id("book-to")).sendKeys(to);
        chrome.findElement(By.id("book-phone")).sendKeys(phone);
        if (chrome.findElement(By.id("book-consent")).isSelected() != agreed) {
            chrome.findElement(By.id("book-consent")).click();
        }
        chrome.findElement(By.id("book-submit")).click();
    }

    /**
     * Decision 0025: staff booking for a resident at the desk tick that the resident read and agreed to the privacy
     * notice, which the page shows and prints; without the tick a new number is refused as at a kiosk, said beside
     * the box with the notice opened; with it the resident is recorded as agreed at a desk. A resident who agreed to
     * an earlier notice is asked again the same way, and the tick updates their record.
     */
    @Test
    void staffTickThatTheResidentAgreedToTheNoticeAndANewNumberWithoutItIsRefused() {
        String phone = "13700137025";
        server = site.central();
        LocalDate tomorrow = server.today().plusDays(1);
        open("/bookings?date=" + tomorrow, server.operatorToken(), "zh");
        awaitText("#book-card", "居民已阅读并同意隐私告知");
        assertFalse(chrome.findElement(By.id("book-consent")).isSelected(), "nothing is ticked in advance");
        assertFalse(chrome.findElement(By.id("book-notice")).isDisplayed());
        chrome.findElement(By.id("book-notice-show")).click();
        awaitText("#book-notice", "不记姓名");
        assertTrue(Pages.text(chrome, "#book-notice").contains("告知版本 " + org.linli.central.residents.Consent.NOTICE),
                Pages.text(chrome, "#book-notice"));
        assertTrue(chrome.findElement(By.id("book-notice-print")).isDisplayed(), "the notice can be printed");
        chrome.findElement(By.id("book-notice-show")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("book-notice")).isDisplayed());

        bookAtTheDesk("10:00", "11:00", phone, false);
        awaitText("#book .field-error[data-for='consentVersion']", "请先给居民看告知");
        assertEquals(List.of(), Contrast.failures(chrome), "the privacy notice and the error beside it are readable");
        assertTrue(chrome.findElement(By.id("book-notice")).isDisplayed(), "the notice opened to show the resident");
        assertEquals(0, server.count("SELECT count(*) FROM resident"), "nobody registered");
        assertEquals(0, server.count("SELECT count(*) FROM booking"));

        bookAtTheDesk("10:00", "11:00", phone, true);
        awaitText("#book-done", "已预约");
        awaitText("tr[data-room='studio']", "10:00–11:00");
        assertFalse(chrome.findElement(By.id("book-consent")).isSelected(), "the tick is for one resident only");
        assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '"
                + org.linli.central.residents.Consent.NOTICE + "' AND consent_via = 'desk'"));
        // known and agreed: the next booking needs no tick
        bookAtTheDesk("12:00", "13:00", phone, false);
        awaitText("tr[data-room='studio']", "12:00–13:00");

        // the notice changed since they agreed: asked again, and the tick renews their record
        try (var c = server.openDatabase(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE resident SET consent_version = 'before-2026-12', consent_via = 'before-2026-12'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        bookAtTheDesk("14:00", "15:00", phone, false);
        awaitText("#book .field-error[data-for='consentVersion']", "隐私告知更新过");
        assertEquals(2, server.count("SELECT count(*) FROM booking"));
        bookAtTheDesk("14:00", "15:00", phone, true);
        awaitText("tr[data-room='studio']", "14:00–15:00");
        assertEquals(1, server.count("SELECT count(*) FROM resident WHERE consent_version = '"
                + org.linli.central.residents.Consent.NOTICE + "' AND consent_via = 'desk'"));

        // the residents look-up says how
        chrome.get(server.uri("/residents").toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> !Pages.text(chrome, "#hub-picker").isEmpty());
        chrome.findElement(By.id("phone")).sendKeys(phone);
        chrome.findElement(By.id("find-submit")).click();
        awaitText("#facts", "在服务台同意，工作人员确认过（说明版本 " + org.linli.central.residents.Consent.NOTICE + "）");
        assertFalse(Pages.text(chrome, "#facts").contains("已经更新"), Pages.text(chrome, "#facts"));
    }
}
