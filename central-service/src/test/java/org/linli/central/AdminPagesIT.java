package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The administration pages in Debian's Chromium against the real service: an administrator adds a member of staff
 * (a wrong name is shown beside the field, in the page's language), disables, enables and gives a new password, moves
 * the account to another role, and finds each change in the audit log; each page and state readable in both
 * languages (WCAG 2.1 AA, {@link Contrast}). Screenshots go to {@code target/screenshots}.
 */
class AdminPagesIT {
    @TempDir
    Path dir;
    TestServer server;
    ChromeDriver chrome;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("data"));
        chrome = HeadlessChromium.start(dir.resolve("chrome"), 1600, 1000);
    }

    @AfterEach
    void stop() {
        chrome.quit();
        server.close();
    }

    private void open(String page, String language) {
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.adminToken(), language);
        chrome.get(server.uri(page).toString());
    }

    private WebElement row(String user) {
        return chrome.findElement(By.cssSelector("tr[data-user='" + user + "']"));
    }

    // The table is drawn anew after every change; asked in one script, a row cannot go stale between find and use.
    private String rowText(String user) {
        return (String) chrome.executeScript("const r = document.querySelector(\"tr[data-user='\" + arguments[0]"
                + " + \"']\"); return r ? r.innerText : '';", user);
    }

    private void clickIn(String user, String button) {
        chrome.executeScript("document.querySelector(\"tr[data-user='\" + arguments[0] + \"'] \" + arguments[1])"
                + ".click();", user, button);
    }

    /** Picks an option as a click would (the select's value, then its change event). */
    private void choose(WebElement select, String value) {
        chrome.executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", select, value);
    }

    private int login(String user, String password) {
        return server.post("/api/v1/auth/login", null, Map.of("username", user, "password", password)).status();
    }

    private String shownPassword() {
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("shown-once")).isDisplayed()
                && !chrome.findElement(By.id("shown-password")).getText().isBlank());
        return chrome.findElement(By.id("shown-password")).getText();
    }

    @Test
    void anAdministratorManagesStaffInTheBrowserAndFindsItInTheAuditLog() {
        open("/staff", "zh");
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(By.cssSelector("tr[data-user]"))
                .isEmpty());
        assertTrue(row("operator").getText().contains("operator"));
        // the demo's administrator manages every hub: no one hub is picked for them
        assertEquals("", row("admin").findElement(By.cssSelector("select[data-hub]")).getAttribute("value"));
        // no password made yet: its card stays hidden (it showed empty, "账号：", on every load); the cards keep
        // apart from the window's edge and from each other, the list and the form side by side
        assertFalse(chrome.findElement(By.id("shown-once")).isDisplayed(), "an empty new-password card");
        assertEquals(Boolean.TRUE, chrome.executeScript("const cards = document.querySelectorAll('.grid-2 > .card');"
                + " const a = cards[0].getBoundingClientRect(), b = cards[1].getBoundingClientRect();"
                + " return a.left >= 8 && b.left > a.right && Math.abs(a.top - b.top) < 2;"));
        // beside the form, a row's last button still lies within the list's card (the buttons spilled out of it)
        assertEquals(Boolean.TRUE, chrome.executeScript("const row = document.querySelector(\"tr[data-user='operator']\");"
                + " const card = row.closest('.card').getBoundingClientRect();"
                + " const last = [...row.querySelectorAll('button')].pop().getBoundingClientRect();"
                + " return last.right <= card.right;"));

        // a wrong name: said beside the field, in Chinese
        chrome.findElement(By.id("new-username")).sendKeys("王 芳");
        chrome.findElement(By.id("create-submit")).click();
        WebElement nameError = chrome.findElement(By.cssSelector(".field-error[data-for='username']"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !nameError.getText().isBlank());
        assertTrue(nameError.getText().contains("用户名"), nameError.getText());
        assertEquals("true", chrome.findElement(By.id("new-username")).getAttribute("aria-invalid"));
        HeadlessChromium.screenshot(chrome, AdminPagesIT.SHOTS.resolve("staff-field-error.png"));
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "the error beside the name is readable");

        chrome.findElement(By.id("new-username")).clear();
        chrome.findElement(By.id("new-username")).sendKeys("wang.fang");
        choose(chrome.findElement(By.id("new-role")), "counter");
        choose(chrome.findElement(By.id("new-hub")), TestServer.HUB);
        chrome.findElement(By.id("create-submit")).click();
        String password = shownPassword();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(
                By.cssSelector("tr[data-user='wang.fang']")).isEmpty());
        assertEquals(200, login("wang.fang", password));
        assertTrue(nameError.getText().isBlank(), "the error is gone once the name is right");
        HeadlessChromium.screenshot(chrome, AdminPagesIT.SHOTS.resolve("staff.png"));
        Contrast.assertReadable(chrome, "staff, a new password shown");

        clickIn("wang.fang", "[data-toggle]");
        await().atMost(Duration.ofSeconds(10)).until(() -> rowText("wang.fang").contains("已停用"));
        assertEquals(401, login("wang.fang", password));
        Contrast.assertReadable(chrome, "staff, an account disabled");
        clickIn("wang.fang", "[data-toggle]");
        await().atMost(Duration.ofSeconds(10)).until(() -> rowText("wang.fang").contains("在用"));
        assertEquals(200, login("wang.fang", password));

        chrome.executeScript("window.confirm = () => true;");
        clickIn("wang.fang", "[data-reset]");
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("shown-password")).getText()
                .equals(password));
        String reset = shownPassword();
        assertEquals(401, login("wang.fang", password));
        assertEquals(200, login("wang.fang", reset));

        chrome.executeScript("document.querySelector(\"tr[data-user='wang.fang'] select[data-role]\").value ="
                + " 'operator';");
        clickIn("wang.fang", "[data-save]");
        await().atMost(Duration.ofSeconds(10)).until(() -> "operator".equals(server.get("/api/v1/staff/wang.fang",
                server.adminToken()).json().get("role").asText()));
        // one's own account cannot be disabled from here
        assertEquals(true, chrome.executeScript(
                "return document.querySelector(\"tr[data-user='admin'] [data-toggle]\").disabled;"));

        // a door let a booking in (as ingestion stores it; IngestionIT covers the way there)
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(), Map.of("id", "studio-door", "hub",
                TestServer.HUB, "rooms", java.util.List.of("studio"))).status());
        server.components().db().write(c -> org.linli.central.store.Sql.update(c, "INSERT INTO device_event"
                + " (device_id, seq, room_id, ts, type, booking_id) VALUES ('studio-door', 1, 'studio', ?,"
                + " 'access.granted', '7')", server.clock().millis()));
        open("/audit", "en");
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElements(By.cssSelector("tr[data-entry]"))
                .size() >= 6);
        String log = chrome.findElement(By.id("entries")).getText();
        for (String action : new String[] {"POST /api/v1/staff", "POST /api/v1/staff/wang.fang/disable",
                "POST /api/v1/staff/wang.fang/enable", "POST /api/v1/staff/wang.fang/password-reset",
                "PUT /api/v1/staff/wang.fang"}) {
            assertTrue(log.contains(action), action + " in " + log);
        }
        assertTrue(log.contains("admin (Administrator)") && log.contains("127.0.0.1"), log);
        // each action also in words, above its method and path (an administrator reads "Staff account … disabled")
        assertTrue(log.contains("Staff account wang.fang disabled\nPOST /api/v1/staff/wang.fang/disable"), log);
        assertTrue(log.contains("New password for wang.fang"), log);
        // the sign-ins tried above, right and wrong, under the name typed
        assertTrue(log.contains("wang.fang (Counter staff)") && log.contains("Sign-in\nPOST /api/v1/auth/login"), log);
        assertTrue(log.contains("wang.fang (not signed in)"), log);
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(
                By.cssSelector("tr[data-door='access.granted']")).isEmpty());
        assertTrue(chrome.findElement(By.cssSelector("tr[data-door='access.granted']")).getText().contains("Let in"));
        Contrast.assertReadable(chrome, "audit");
        chrome.findElement(By.id("f-action")).sendKeys("disable");
        chrome.findElement(By.id("f-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector("tr[data-entry]"))
                .size() == 1);

        // a wrong date is said beside the filter
        chrome.executeScript("document.getElementById('f-from').type = 'text';");
        chrome.findElement(By.id("f-from")).sendKeys("soon");
        chrome.findElement(By.id("f-submit")).click();
        WebElement fromError = chrome.findElement(By.cssSelector(".field-error[data-for='from']"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fromError.getText().isBlank());
        assertTrue(fromError.getText().contains("2026-12-05"), fromError.getText());
        assertEquals(java.util.List.of(), Contrast.failures(chrome), "the error beside the date is readable");

        // in Chinese, at the hub's time (not the browser's, which runs in another zone)
        open("/audit", "zh");
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(
                By.cssSelector("tr[data-door='access.granted']")).isEmpty());
        String hubTime = server.clock().instant().atZone(server.zone()).toLocalTime()
                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        assertTrue(chrome.findElement(By.cssSelector("tr[data-door='access.granted']")).getText().contains(hubTime),
                hubTime + " in " + chrome.findElement(By.cssSelector("tr[data-door='access.granted']")).getText());
        HeadlessChromium.screenshot(chrome, AdminPagesIT.SHOTS.resolve("audit.png"));
    }

    static final Path SHOTS = PagesIT.SHOTS;

    /**
     * A board screen set up with a display key issued on the staff page: it opens the hub's board without any staff
     * sign-in, keeps it after its key is all it has, and stops when the key is revoked.
     */
    @Test
    void aBoardRunsOnADisplayKeyIssuedInTheBrowser() {
        open("/staff", "zh");
        await().atMost(Duration.ofSeconds(15)).until(() -> !chrome.findElements(By.cssSelector("#display-hub option"))
                .isEmpty());
        chrome.findElement(By.id("display-submit")).click();
        WebElement labelError = chrome.findElement(By.cssSelector("#display-issue .field-error[data-for='label']"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !labelError.getText().isBlank());
        assertTrue(labelError.getText().contains("放在哪里"), labelError.getText());
        chrome.findElement(By.id("display-label")).sendKeys("大厅叫号屏");
        chrome.findElement(By.id("display-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("display-shown")).isDisplayed()
                && !chrome.findElement(By.id("display-key-shown")).getText().isBlank());
        String key = chrome.findElement(By.id("display-key-shown")).getText();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector("tr[data-display]"))
                .size() == 1);
        chrome.executeScript("document.getElementById('display-shown').closest('section').scrollIntoView();");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("display-keys.png"));
        Contrast.assertReadable(chrome, "staff, a display key shown");

        // the screen: a fresh browser with no staff sign-in
        chrome.executeScript("localStorage.clear(); document.cookie = 'linli_token=; path=/; max-age=0';");
        chrome.get(server.uri("/display").toString());
        chrome.findElement(By.id("display-key")).sendKeys("not-a-key");
        chrome.findElement(By.id("display-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("key-error")).getText()
                .isBlank());
        Contrast.assertReadable(chrome, "display, a wrong key");
        chrome.findElement(By.id("display-key")).clear();
        chrome.findElement(By.id("display-key")).sendKeys(key);
        chrome.findElement(By.id("display-submit")).click();
        // a screen key is for the board or the lobby screen: this one hangs by the counters
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(
                By.cssSelector("button[data-screen='board']")).isEmpty());
        Contrast.assertReadable(chrome, "display, which screen");
        chrome.findElement(By.cssSelector("button[data-screen='board']")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.getCurrentUrl().endsWith("/board/"
                + TestServer.HUB));
        for (int i = 0; i < 8; i++) {
            assertEquals(201, server.post("/api/v1/services/affairs/tickets", server.kioskKey(), Map.of()).status());
        }
        // calls go on until the board, once its live stream is open, shows one
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            server.post("/api/v1/counters/counter-1/call-next", server.counterToken(), null);
            return !chrome.findElements(By.cssSelector("#now-serving .serving-row:not(.idle)")).isEmpty();
        });
        assertTrue(chrome.findElement(By.cssSelector("#now-serving .serving-row:not(.idle)")).getText().contains("A00"));
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("board-on-display-key.png"));

        // revoked on the staff page, by its button, in another window of the administrator's
        ChromeDriver staff = HeadlessChromium.start(dir.resolve("chrome-staff"), 1600, 1000);
        try {
            StaffBrowser.signIn(staff, server.uri("/login").toString(), server.adminToken(), "zh");
            staff.get(server.uri("/staff").toString());
            await().atMost(Duration.ofSeconds(15)).until(() -> staff.findElements(
                    By.cssSelector("tr[data-display] button[data-revoke]")).size() == 1);
            WebElement revoke = staff.findElement(By.cssSelector("tr[data-display] button[data-revoke]"));
            assertEquals("作废", revoke.getText());
            revoke.click();
            await().atMost(Duration.ofSeconds(10)).until(() -> staff.findElements(By.cssSelector("tr[data-display]"))
                    .isEmpty());
        } finally {
            staff.quit();
        }
        assertEquals(401, server.get("/api/v1/display-keys/me", key).status(), "the board's key is refused");
        assertTrue(server.get("/api/v1/hubs/" + TestServer.HUB + "/display-keys", server.adminToken()).json()
                .isEmpty());
        // the board, on its next load, is sent to the sign-in
        chrome.navigate().refresh();
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.getCurrentUrl().contains("/login"));
    }

    /**
     * An operator (or a counter clerk) opens /staff from the dashboard for their own password: the accounts and the
     * display keys are an administrator's and are not shown (the page asked for them and died before); a wrong current
     * password is said beside its field, the right one changes it.
     */
    @Test
    void anOperatorChangesTheirOwnPasswordOnTheStaffPage() {
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.operatorToken(), "zh");
        chrome.get(server.uri("/staff").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(chrome.executeScript(
                "return document.body.classList.contains('not-admin')")));
        assertFalse(chrome.findElement(By.id("staff")).isDisplayed(), "the accounts are an administrator's");
        assertFalse(chrome.findElement(By.id("create")).isDisplayed());
        assertFalse(chrome.findElement(By.id("display-issue")).isDisplayed());
        assertTrue(chrome.findElement(By.id("own")).isDisplayed());

        String before = server.password("operator");
        chrome.findElement(By.id("own-current")).sendKeys(before + "x");
        chrome.findElement(By.id("own-password")).sendKeys("a new long password");
        chrome.findElement(By.id("own-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !((String) chrome.executeScript(
                "return document.querySelector('#own .field-error[data-for=current]').textContent")).isBlank());
        assertEquals(200, login("operator", before), "a wrong current password changes nothing");

        chrome.findElement(By.id("own-current")).clear();
        chrome.findElement(By.id("own-current")).sendKeys(before);
        chrome.findElement(By.id("own-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("own-done")).isDisplayed());
        assertEquals("密码已修改。", chrome.findElement(By.id("own-done")).getText());
        Contrast.assertReadable(chrome, "staff, one's own password changed");
        assertEquals(401, login("operator", before));
        assertEquals(200, login("operator", "a new long password"));
        HeadlessChromium.screenshot(chrome, AdminPagesIT.SHOTS.resolve("staff-own-password.png"));
    }

    /**
     * A counter's PC on a counter display key: it enters the key once at /display, picks its counter, and its console
     * calls the next number; the key reads nothing of another counter's (DisplayKeysIT has the routes).
     */
    @Test
    void aCounterConsoleRunsOnACounterDisplayKey() {
        TestServer.Response issued = server.post("/api/v1/hubs/" + TestServer.HUB + "/display-keys",
                server.adminToken(), Map.of("label", "1号窗口电脑", "scope", "counter"));
        assertEquals(201, issued.status(), issued.text());
        String key = issued.json().get("key").asText();
        assertEquals(201, server.post("/api/v1/services/affairs/tickets", server.kioskKey(), Map.of()).status());

        chrome.get(server.uri("/display").toString());
        chrome.findElement(By.id("display-key")).sendKeys(key);
        chrome.findElement(By.id("display-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(
                By.cssSelector("button[data-counter='counter-1']")).isEmpty());
        Contrast.assertReadable(chrome, "display, which counter");
        chrome.findElement(By.cssSelector("button[data-counter='counter-1']")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> chrome.getCurrentUrl().endsWith("/counter/counter-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("call-next")).isEnabled());
        chrome.findElement(By.id("call-next")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> ((String) chrome.executeScript(
                "return document.getElementById('current').textContent")).startsWith("A"));
        String shown = (String) chrome.executeScript("return document.getElementById('current').textContent");
        assertEquals(shown, server.get("/api/v1/counters/counter-1", server.counterToken()).json()
                .path("current").path("number").asText(), "the call is the service's, not only the page's");
    }
}
