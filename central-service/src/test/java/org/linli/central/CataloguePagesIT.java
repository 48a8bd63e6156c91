package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The catalogue page in Debian's Chromium against the real service: an administrator makes a residential hub below
 * the demo's street hub (wrong hours and a missing name said beside their fields, in Chinese), its week and a
 * closure, a room with its rules, a service, a counter, an activity, registers and deregisters a door, and issues
 * and revokes a kiosk key, calls an activity off; in English a wrong room is said in English. Each step is checked
 * against the API, and the page's texts for contrast (WCAG 2.1 AA, {@link Contrast}).
 */
class CataloguePagesIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String HUB = "wutong-3";

    @TempDir
    Path dir;
    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);
    TestServer server;
    ChromeDriver chrome;

    @BeforeEach
    void start() {
        server = site.central();
        chrome = site.chrome(1600, 1400);
    }

    /** The catalogue page, signed in as the given staff token, in a language. */
    static void open(ChromeDriver chrome, URIs server, String token, String language) {
        StaffBrowser.signIn(chrome, server.at("/login"), token, language);
        chrome.get(server.at("/catalogue"));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(chrome.executeScript(
                "return document.querySelectorAll('#hub-select option').length > 0"
                        + " && document.querySelectorAll('#week tr').length === 7;")));
    }

    /** Where the pages are: the test server's, or a site's own central. */
    @FunctionalInterface
    interface URIs {
        String at(String path);
    }

    static void type(ChromeDriver chrome, String id, String text) {
        WebElement input = chrome.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Sets a value as a person's picking would (time and date pickers, selects), then its change event. */
    static void set(ChromeDriver chrome, String css, String value) {
        chrome.executeScript("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
    }

    static void tick(ChromeDriver chrome, String css, boolean on) {
        chrome.executeScript("document.querySelector(arguments[0]).checked = arguments[1];", css, on);
    }

    static String errorOf(ChromeDriver chrome, String form, String field) {
        return (String) chrome.executeScript("const e = document.querySelector('#' + arguments[0]"
                + " + ' .field-error[data-for=\"' + arguments[1] + '\"]'); return e ? e.textContent : '';", form, field);
    }

    static void awaitRow(ChromeDriver chrome, String css) {
        await().atMost(WAIT).until(() -> !chrome.findElements(By.cssSelector(css)).isEmpty());
    }

    private JsonNode hub() {
        return server.get("/api/v1/hubs/" + HUB, server.adminToken()).json();
    }

    @Test
    void anAdministratorSetsUpAHubWithItsRoomsServicesDevicesAndKiosks() throws Exception {
        open(chrome, path -> server.uri(path).toString(), server.adminToken(), "zh");
        chrome.findElement(By.id("hub-new")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-id")).getAttribute("value").isEmpty());
        type(chrome, "hub-id", HUB);
        set(chrome, "#hub-level", "residential");
        set(chrome, "#hub-parent", TestServer.HUB);
        type(chrome, "hub-nameZh", "梧桐三居邻里小汇");
        set(chrome, "[data-open='monday']", "21:00");
        set(chrome, "[data-close='monday']", "08:00");
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> !errorOf(chrome, "hub-form", "week.monday").isBlank());
        assertTrue(errorOf(chrome, "hub-form", "week.monday").contains("开门"), errorOf(chrome, "hub-form", "week.monday"));
        assertTrue(errorOf(chrome, "hub-form", "nameEn").contains("英文名称"), errorOf(chrome, "hub-form", "nameEn"));
        assertEquals("true", chrome.findElement(By.cssSelector("[data-open='monday']")).getAttribute("aria-invalid"));
        // the error beside Monday takes the row's spare width, not the day's: "星期一" stays one line, its two times
        // side by side (they were squeezed to a character a line and stacked)
        assertEquals(1L, chrome.executeScript("const r = document.createRange();"
                + " r.selectNodeContents(document.querySelector('#week tr th')); return r.getClientRects().length;"));
        assertEquals(Boolean.TRUE, chrome.executeScript("return document.querySelector(\"[data-open='monday']\")"
                + ".getBoundingClientRect().top === document.querySelector(\"[data-close='monday']\")"
                + ".getBoundingClientRect().top;"));
        assertEquals(404, server.get("/api/v1/hubs/" + HUB, server.adminToken()).status());
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue-field-error.png"));
        // measured as it is: a change of language draws the hub's forms anew, and what was typed with them
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "the errors beside the fields are readable");

        set(chrome, "[data-open='monday']", "08:00");
        set(chrome, "[data-close='monday']", "21:00");
        tick(chrome, "[data-day='sunday']", false);
        type(chrome, "hub-nameEn", "Wutong 3 small hub");
        type(chrome, "hub-closures", "2030-01-01 元旦");
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-done")).isDisplayed());
        JsonNode hub = hub();
        assertEquals("residential", hub.get("level").asText());
        assertEquals(TestServer.HUB, hub.get("parent").asText());
        assertFalse(hub.get("week").has("sunday"), hub.toString());
        assertEquals("元旦", hub.get("closures").get(0).get("reason").asText());
        assertTrue(errorOf(chrome, "hub-form", "week.monday").isBlank(), "the error is gone once the hours are right");

        type(chrome, "room-id", "reading");
        type(chrome, "room-nameZh", "阅览室");
        type(chrome, "room-nameEn", "Reading room");
        type(chrome, "room-capacity", "12");
        type(chrome, "room-maxMinutes", "120");
        chrome.findElement(By.id("room-submit")).click();
        awaitRow(chrome, "tr[data-room='reading']");
        assertEquals(120, hub().get("rooms").get(0).get("rules").get("maxMinutes").asInt());

        type(chrome, "service-id", "paperwork");
        type(chrome, "service-letter", "P");
        type(chrome, "service-nameZh", "证明办理");
        type(chrome, "service-nameEn", "Certificates");
        chrome.findElement(By.id("service-submit")).click();
        awaitRow(chrome, "tr[data-service='paperwork']");
        awaitRow(chrome, "#counter-services input[value='paperwork']");
        type(chrome, "counter-id", "w3-counter");
        type(chrome, "counter-nameZh", "1号窗口");
        type(chrome, "counter-nameEn", "Counter 1");
        tick(chrome, "#counter-services input[value='paperwork']", true);
        chrome.findElement(By.id("counter-submit")).click();
        awaitRow(chrome, "tr[data-counter='w3-counter']");
        assertEquals("paperwork", hub().get("counters").get(0).get("services").get(0).asText());

        // a month ahead, as operators plan: it shows in the list it was saved from (which once held seven days)
        LocalDate nextMonth = server.today().plusDays(30);
        type(chrome, "activity-id", "w3-reading-club");
        set(chrome, "#activity-room", "reading");
        type(chrome, "activity-titleZh", "读书会");
        type(chrome, "activity-titleEn", "Reading club");
        set(chrome, "#activity-start", nextMonth + "T10:00");
        set(chrome, "#activity-end", nextMonth + "T11:30");
        type(chrome, "activity-capacity", "10");
        chrome.findElement(By.id("activity-submit")).click();
        awaitRow(chrome, "tr[data-activity='w3-reading-club']");
        JsonNode activity = server.get("/api/v1/hubs/" + HUB + "/activities?from=" + nextMonth + "&to="
                + nextMonth.plusDays(1), server.adminToken()).json().get(0);
        assertEquals(nextMonth.atTime(10, 0).atZone(server.zone()).toOffsetDateTime().toString().substring(0, 16),
                activity.get("start").asText().substring(0, 16), "the hub's 10:00, whatever the browser's zone");
        chrome.executeScript("window.scrollTo(0, 0);");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue.png"));
        Contrast.assertReadable(chrome, "the catalogue of a new hub");

        type(chrome, "device-id", "reading-door");
        tick(chrome, "#device-rooms input[value='reading']", true);
        chrome.findElement(By.id("device-submit")).click();
        // its broker password, shown once with the hashed line for the broker host: the line is that password's
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("shown-more")).getText()
                .contains("credential.sh device reading-door " + HUB + " --hashed-stdin"));
        String password = chrome.findElement(By.id("shown-secret")).getText();
        String shown = chrome.findElement(By.id("shown-more")).getText();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("'reading-door:\\$7\\$101\\$([^$]+)\\$([^']+)'")
                .matcher(shown);
        assertTrue(line.find(), shown);
        assertEquals(line.group(2), pbkdf2(password, line.group(1)), "the line shown is the password shown");
        assertTrue(shown.contains("--mqtt-password-file reading-door.pass"), shown);
        assertTrue(chrome.findElement(By.id("shown-what")).getText().contains("reading-door"));
        awaitRow(chrome, "tr[data-device='reading-door']");
        assertTrue(server.get("/api/v1/devices", server.adminToken()).text().contains("reading-door"));
        assertFalse(server.get("/api/v1/devices", server.adminToken()).text().contains(password));
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue-device-credential.png"));
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "the password shown once is readable");
        chrome.executeScript("window.confirm = () => true;");
        // lost: a new one, shown once again
        chrome.findElement(By.cssSelector("[data-credential='reading-door']")).click();
        await().atMost(WAIT).until(() -> !chrome.findElement(By.id("shown-secret")).getText().equals(password));
        chrome.findElement(By.cssSelector("[data-deregister='reading-door']")).click();
        await().atMost(WAIT).until(() -> chrome.findElements(By.cssSelector("tr[data-device='reading-door']"))
                .isEmpty());
        assertFalse(server.get("/api/v1/devices", server.adminToken()).text().contains("reading-door"));

        type(chrome, "kiosk-label", "大厅");
        chrome.findElement(By.id("kiosk-submit")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("shown-what")).getText().contains("大厅"));
        String key = chrome.findElement(By.id("shown-secret")).getText();
        String availability = "/api/v1/rooms/reading/availability?date=" + server.today().plusDays(1);
        assertEquals(200, server.get(availability, key).status(), "the shown key is the kiosk's key");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue-devices.png"));
        awaitRow(chrome, "#kiosks tr[data-kiosk]");
        chrome.findElement(By.cssSelector("#kiosks [data-revoke]")).click();
        await().atMost(WAIT).until(() -> chrome.findElements(By.cssSelector("#kiosks tr[data-kiosk]")).isEmpty());
        assertEquals(401, server.get(availability, key).status(), "a revoked key");
    }

    /** Mosquitto's $7$ hash of a password with a salt: PBKDF2-HMAC-SHA512, 101 rounds, base64. */
    private static String pbkdf2(String password, String salt) throws Exception {
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(
                new javax.crypto.spec.PBEKeySpec(password.toCharArray(), java.util.Base64.getDecoder().decode(salt),
                        101, 512)).getEncoded();
        return java.util.Base64.getEncoder().encodeToString(hash);
    }

    /**
     * A new hub, room or device whose id is taken is refused beside the id (the PUT would have changed the one
     * there, silently: its names, its parent); a malformed id is said beside the id too (it was "没有找到" under
     * the form, from the route's 404).
     */
    @Test
    void aNewEntryWithATakenOrWrongIdIsRefusedBesideTheIdAndChangesNothing() {
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(), java.util.Map.of("id", "studio-door",
                "hub", TestServer.HUB, "rooms", java.util.List.of("studio"))).status());
        JsonNode hubBefore = server.get("/api/v1/hubs/" + TestServer.HUB, server.adminToken()).json();
        open(chrome, path -> server.uri(path).toString(), server.adminToken(), "zh");
        chrome.findElement(By.id("hub-new")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("hub-id")).getAttribute("value").isEmpty());
        type(chrome, "hub-id", TestServer.HUB);
        type(chrome, "hub-nameZh", "新的小汇");
        type(chrome, "hub-nameEn", "A new hub");
        chrome.findElement(By.id("hub-submit")).click();
        await().atMost(WAIT).until(() -> !errorOf(chrome, "hub-form", "id").isBlank());
        assertTrue(errorOf(chrome, "hub-form", "id").contains("已经有这个编号"), errorOf(chrome, "hub-form", "id"));
        assertEquals("true", chrome.findElement(By.id("hub-id")).getAttribute("aria-invalid"));

        set(chrome, "#hub-select", TestServer.HUB);
        await().atMost(WAIT).until(() -> TestServer.HUB.equals(chrome.findElement(By.id("hub-id"))
                .getAttribute("value")));
        awaitRow(chrome, "tr[data-room='studio']");
        // a day switched to closed greys its times out (they showed 08:00-21:00 as if kept)
        assertTrue(chrome.findElement(By.cssSelector("[data-open='sunday']")).isEnabled());
        chrome.findElement(By.cssSelector("[data-day='sunday']")).click();
        assertFalse(chrome.findElement(By.cssSelector("[data-open='sunday']")).isEnabled());
        assertFalse(chrome.findElement(By.cssSelector("[data-close='sunday']")).isEnabled());
        type(chrome, "room-id", "studio");
        type(chrome, "room-nameZh", "别的房间");
        type(chrome, "room-nameEn", "Another room");
        type(chrome, "room-capacity", "3");
        chrome.findElement(By.id("room-submit")).click();
        await().atMost(WAIT).until(() -> !errorOf(chrome, "room-form", "id").isBlank());
        assertTrue(errorOf(chrome, "room-form", "id").contains("修改"), errorOf(chrome, "room-form", "id"));

        type(chrome, "room-id", "new room!");
        chrome.findElement(By.id("room-submit")).click();
        await().atMost(WAIT).until(() -> errorOf(chrome, "room-form", "id").contains("字母、数字"));
        assertEquals("", chrome.findElement(By.cssSelector("#room-form .form-error")).getText());

        awaitRow(chrome, "tr[data-device='studio-door']");
        type(chrome, "device-id", "studio-door");
        tick(chrome, "#device-rooms input[value='classroom']", true);
        chrome.findElement(By.id("device-submit")).click();
        await().atMost(WAIT).until(() -> !errorOf(chrome, "device-form", "id").isBlank());
        assertTrue(errorOf(chrome, "device-form", "id").contains("已经登记"), errorOf(chrome, "device-form", "id"));
        assertFalse(chrome.findElement(By.id("shown-once")).isDisplayed(), "no new broker password");

        JsonNode hubAfter = server.get("/api/v1/hubs/" + TestServer.HUB, server.adminToken()).json();
        for (String part : new String[] {"name", "level", "parent", "week", "rooms"}) {
            assertEquals(hubBefore.get(part), hubAfter.get(part), "the hub's " + part + " is as it was");
        }
        assertTrue(server.get("/api/v1/devices", server.adminToken()).text()
                .contains("{\"id\":\"studio-door\",\"hub\":\"" + TestServer.HUB + "\",\"rooms\":[\"studio\"]"));
        // the API itself: a malformed id to write is the id field's fault, not a missing entry
        TestServer.Response malformed = server.put("/api/v1/rooms/new%20room!", server.adminToken(),
                java.util.Map.of("hub", TestServer.HUB, "nameZh", "新", "nameEn", "New", "capacity", 3));
        assertEquals(400, malformed.status(), malformed.text());
        assertEquals("id", malformed.json().get("errors").get(0).get("field").asText());
    }

    /**
     * An activity called off (the teacher is ill): with a reason, said beside its field when missing; it leaves the
     * list, and the page says how many residents signed up or waiting to tell.
     */
    @Test
    void anActivityIsCalledOffWithAReasonAndThePageSaysHowManyToTell() {
        assertEquals(200, server.put("/api/v1/activities/w-talk", server.adminToken(), java.util.Map.of("room",
                "activity-room", "titleZh", "健康讲座", "titleEn", "Health talk", "start", server.tomorrowAt(15, 0)
                        .toString(), "end", server.tomorrowAt(16, 0).toString(), "capacity", 1)).status());
        for (String phone : new String[] {"13800138311", "13800138312"}) {
            assertEquals(201, server.post("/api/v1/activities/w-talk/signups", server.kioskKey(),
                    java.util.Map.of("phone", phone)).status());
        }
        open(chrome, path -> server.uri(path).toString(), server.adminToken(), "zh");
        set(chrome, "#hub-select", TestServer.HUB);
        awaitRow(chrome, "tr[data-activity='w-talk']");
        assertFalse(chrome.findElement(By.id("activity-cancel")).isDisplayed());
        chrome.findElement(By.cssSelector("[data-cancel='activity:w-talk']")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("activity-cancel")).isDisplayed());
        assertTrue(chrome.findElement(By.id("activity-cancel-what")).getText().contains("健康讲座"));
        chrome.findElement(By.id("activity-cancel-submit")).click();
        await().atMost(WAIT).until(() -> !errorOf(chrome, "activity-cancel", "reason").isBlank());
        assertTrue(errorOf(chrome, "activity-cancel", "reason").contains("原因"),
                errorOf(chrome, "activity-cancel", "reason"));
        assertTrue(server.get("/api/v1/hubs/" + TestServer.HUB + "/activities?from=" + server.today() + "&to="
                + server.today().plusDays(2), server.kioskKey()).text().contains("w-talk"), "still on");

        type(chrome, "activity-cancel-reason", "老师生病");
        chrome.findElement(By.id("activity-cancel-submit")).click();
        await().atMost(WAIT).until(() -> chrome.findElement(By.id("activity-cancelled")).isDisplayed());
        String done = chrome.findElement(By.id("activity-cancelled")).getText();
        assertTrue(done.contains("健康讲座") && done.contains("2 位居民"), done);
        await().atMost(WAIT).until(() -> chrome.findElements(By.cssSelector("tr[data-activity='w-talk']")).isEmpty());
        assertFalse(chrome.findElement(By.id("activity-cancel")).isDisplayed());
        chrome.executeScript("document.getElementById('activities').scrollIntoView();");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue-activity-cancelled.png"));
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "the count of residents to tell is readable");
        assertFalse(server.get("/api/v1/hubs/" + TestServer.HUB + "/activities?from=" + server.today() + "&to="
                + server.today().plusDays(2), server.kioskKey()).text().contains("w-talk"));
        assertTrue(server.get("/api/v1/audit?hub=" + TestServer.HUB, server.adminToken()).text().contains("老师生病"));
    }

    @Test
    void aBookedRoomIsNotRetiredAndThePageSaysWhyAnUnbookedOneIsAndComesBack() {
        for (String room : new String[] {"tea-room", "store-room"}) {
            assertEquals(200, server.put("/api/v1/rooms/" + room, server.adminToken(), java.util.Map.of("hub",
                    TestServer.HUB, "nameZh", "茶室", "nameEn", "Tea room", "capacity", 8)).status());
        }
        assertEquals(201, server.post("/api/v1/bookings", server.kioskKey(),
                BookingIT.booking(server, "tea-room", 10, "13800138321")).status());
        open(chrome, path -> server.uri(path).toString(), server.adminToken(), "zh");
        set(chrome, "#hub-select", TestServer.HUB);
        awaitRow(chrome, "tr[data-room='tea-room']");
        chrome.executeScript("window.confirm = () => true;");

        chrome.findElement(By.cssSelector("[data-retire='room:tea-room']")).click();
        By note = By.cssSelector("[data-retire-note='room:tea-room']");
        await().atMost(WAIT).until(() -> !chrome.findElement(note).getText().isBlank());
        String why = chrome.findElement(note).getText();
        String until = server.tomorrowAt(11, 0).toString().substring(0, 16).replace("T", " ");
        assertTrue(why.contains("还有 1 个预约没有结束") && why.contains(until) && why.contains("取消"),
                why + " / " + until);
        assertTrue(hub(TestServer.HUB).path("rooms").findValuesAsText("id").contains("tea-room"), "still in use");
        chrome.executeScript("document.getElementById('rooms').scrollIntoView();");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue-retire-refused.png"));
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "why the room stays is readable");

        chrome.findElement(By.cssSelector("[data-retire='room:store-room']")).click();
        awaitRow(chrome, "tr[data-retired='room:store-room']");
        assertTrue(chrome.findElements(By.cssSelector("tr[data-room='store-room']")).isEmpty(), "left the rooms");
        assertEquals(java.util.List.of("store-room"),
                hub(TestServer.HUB).path("retired").path("rooms").findValuesAsText("id"));
        assertFalse(hub(TestServer.HUB).path("rooms").findValuesAsText("id").contains("store-room"));

        chrome.findElement(By.cssSelector("[data-unretire='room:store-room']")).click();
        awaitRow(chrome, "tr[data-room='store-room']");
        assertTrue(chrome.findElement(By.id("retired-none")).isDisplayed(), "nothing retired any more");
        assertTrue(hub(TestServer.HUB).path("rooms").findValuesAsText("id").contains("store-room"));
        Contrast.assertReadable(chrome, "the catalogue of the demo hub");
    }

    private JsonNode hub(String id) {
        return server.get("/api/v1/hubs/" + id, server.adminToken()).json();
    }

    @Test
    void inEnglishAWrongRoomIsSaidInEnglishBesideItsFields() {
        open(chrome, path -> server.uri(path).toString(), server.adminToken(), "en");
        set(chrome, "#hub-select", TestServer.HUB);
        await().atMost(WAIT).until(() -> TestServer.HUB.equals(chrome.findElement(By.id("hub-id"))
                .getAttribute("value")));
        assertEquals("Hubs and rooms", chrome.findElement(By.cssSelector("h1")).getText());
        type(chrome, "room-id", "attic");
        type(chrome, "room-nameZh", "阁楼");
        type(chrome, "room-slotMinutes", "1");
        chrome.findElement(By.id("room-submit")).click();
        await().atMost(WAIT).until(() -> !errorOf(chrome, "room-form", "capacity").isBlank());
        assertEquals("A number of people, 1 to 1000.", errorOf(chrome, "room-form", "capacity"));
        assertEquals("An English name, up to 60 characters.", errorOf(chrome, "room-form", "nameEn"));
        assertEquals("Slots are 5 to 240 minutes.", errorOf(chrome, "room-form", "slotMinutes"));
        assertEquals(404, server.get("/api/v1/rooms/attic/availability?date=" + server.today(), server.adminToken())
                .status());
        StaffBrowser.assertHeaderOnOneRow(chrome, "the catalogue in English");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("catalogue-field-error-en.png"));
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "the errors beside the fields are readable");
    }
}
