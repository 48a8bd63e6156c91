package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The activities desk ({@code /activities}) in Debian's Chromium against the real service, in a hub far from
 * Shanghai's zone: the day's activities, one's roster; a resident who phones is signed up at the desk (refused
 * beside the consent box until staff tick that they agreed to the notice, as on the bookings desk), the next goes on
 * the waitlist; a kiosk's check-in and sign-up show on the roster as they happen; cancelling a place after a
 * confirmation moves the first on the waitlist up, and the page says who; an activity that is over is refused in plain
 * words. Readable
 * (WCAG 2.1 AA, {@code contrast.js}) in both languages.
 */
class ActivityRosterPagesIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String ANN = "13800138301";
    static final String BEN = "13800138302";
    static final String CAI = "13800138303";
    static final String DAI = "13800138304";

    @TempDir
    Path dir;
    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);
    TestServer server;
    ChromeDriver chrome;

    private void awaitText(String css, String wanted) {
        await().atMost(WAIT).until(() -> Pages.text(chrome, css), org.hamcrest.Matchers.containsString(wanted));
    }

    /** The roster's row of a resident, by the last four digits of their phone. */
    private String row(String phone) {
        return (String) chrome.executeScript("const r = [...document.querySelectorAll('#roster tr')]"
                + ".find(tr => tr.innerText.includes(arguments[0])); return r ? r.innerText : '';",
                "尾号 " + phone.substring(phone.length() - 4));
    }

    private void awaitRow(String phone, String wanted) {
        await().atMost(WAIT).until(() -> row(phone), org.hamcrest.Matchers.containsString(wanted));
    }

    private void signUpAtTheDesk(String phone, boolean agreed) {
        chrome.findElement(By.id("signup-phone")).clear();
        chrome.findElement(By.id("signup-phone")).sendKeys(phone);
        if (chrome.findElement(By.id("signup-consent")).isSelected() != agreed) {
            chrome.findElement(By.id("signup-consent")).click();
        }
        chrome.findElement(By.id("signup-submit")).click();
    }

    @Test
    void staffSignUpAPhonedInResidentSeeTheRosterAndCancellingMovesTheWaitlistUp() {
        HubClock clock = HubTime.of("08:59", HubTime.ST_JOHNS).clock();
        server = site.central(Map.of(), clock);
        ZonedDateTime start = server.today().atTime(14, 0).atZone(server.zone());
        TestServer.Response made = server.put("/api/v1/activities/calligraphy", server.adminToken(), Map.of(
                "room", "activity-room", "titleZh", "书法课", "titleEn", "Calligraphy",
                "start", start.toOffsetDateTime().toString(), "end", start.plusHours(1).toOffsetDateTime().toString(),
                "capacity", 2));
        assertEquals(200, made.status(), made.text());
        assertEquals(201, server.post("/api/v1/activities/calligraphy/signups", server.kioskKey(),
                Map.of("phone", ANN)).status());

        chrome = site.chrome(1600, 1100);
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.operatorToken(), "zh");
        chrome.get(server.uri("/activities").toString());
        awaitText("#activities tr[data-activity='calligraphy']", "书法课");
        assertTrue(Pages.text(chrome, "#activities tr[data-activity='calligraphy']").contains("14:00–15:00"),
                Pages.text(chrome, "#activities"));
        assertTrue(Pages.text(chrome, "#activities tr[data-activity='calligraphy']").contains("1 / 2"), Pages.text(chrome, "#activities"));
        chrome.findElement(By.cssSelector("button[data-open='calligraphy']")).click();
        awaitText("#roster-counts", "已报名 1 / 2 人 · 候补 0 人 · 已签到 0 人");
        awaitRow(ANN, "已报名");
        assertTrue(row(ANN).contains("自助机"), row(ANN));
        assertFalse(Pages.text(chrome, "#roster").contains(ANN), "the phone in full on the page");

        // a resident phones: a number new here needs staff's tick that they agreed to the notice
        assertFalse(chrome.findElement(By.id("signup-consent")).isSelected(), "nothing is ticked in advance");
        signUpAtTheDesk(BEN, false);
        awaitText("#signup .field-error[data-for='consentVersion']", "请先给居民看告知");
        assertTrue(chrome.findElement(By.id("signup-notice")).isDisplayed(), "the notice opened to show the resident");
        assertEquals(0, server.count("SELECT count(*) FROM activity_signup WHERE via = 'desk'"));
        signUpAtTheDesk(BEN, true);
        awaitText("#signup-done", "报名成功：尾号 8302");
        awaitRow(BEN, "服务台");
        assertTrue(row(BEN).contains("已报名"), row(BEN));
        assertFalse(chrome.findElement(By.id("signup-consent")).isSelected(), "the tick is for one resident only");
        // full: the next one waits
        signUpAtTheDesk(CAI, true);
        awaitText("#signup-done", "尾号 8303 排在候补第 1 位");
        awaitRow(CAI, "候补第 1 位");
        awaitText("#roster-counts", "已报名 2 / 2 人 · 候补 1 人");
        // each sign-up at the desk came with a key of its own
        assertEquals(2, server.count("SELECT count(DISTINCT idempotency_key) FROM activity_signup WHERE via = 'desk'"));

        // the resident checks in at the kiosk: the roster marks it as it happens
        assertEquals(201, server.post("/api/v1/checkins", server.kioskKey(), Map.of("phone", ANN,
                "activity", "calligraphy")).status());
        awaitRow(ANN, "✓ 已签到");
        awaitText("#roster-counts", "已签到 1 人");
        Contrast.assertReadable(chrome, "a roster with a waitlist");
        chrome.executeScript("window.scrollTo(0, 0)");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("activities-roster.png"));

        // a place given up: confirmed first, and the first waiting moves up
        chrome.executeScript("[...document.querySelectorAll('#roster tr')].find(tr => tr.innerText.includes("
                + "arguments[0])).querySelector('button[data-cancel]').click();", "尾号 8302");
        awaitText("#cancel-box", "尾号 8302 · 已报名");
        chrome.findElement(By.id("cancel-submit")).click();
        awaitText("#roster-done", "已取消尾号 8302 的报名。候补的尾号 8303 已转为正式报名");
        awaitRow(CAI, "刚从候补转正");
        assertTrue(row(CAI).contains("已报名"), row(CAI));
        awaitRow(BEN, "已取消");
        awaitText("#roster-counts", "已报名 2 / 2 人 · 候补 0 人 · 已签到 1 人");
        awaitText("#activities tr[data-activity='calligraphy']", "2 / 2\t0");
        assertFalse(chrome.findElement(By.id("cancel-box")).isDisplayed());
        // a resident signs up at the kiosk meanwhile: the roster and the list show it as it happens
        assertEquals(201, server.post("/api/v1/activities/calligraphy/signups", server.kioskKey(),
                Map.of("phone", DAI)).status());
        awaitRow(DAI, "候补第 1 位");
        assertTrue(row(DAI).contains("自助机"), row(DAI));
        awaitText("#activities tr[data-activity='calligraphy']", "2 / 2\t1");
        awaitText("#roster-counts", "已报名 2 / 2 人 · 候补 1 人 · 已签到 1 人");
        Contrast.assertReadable(chrome, "a roster after a cancellation");
        chrome.executeScript("Linli.setLanguage('en')");
        awaitText("#roster-counts", "Signed up 2 / 2 · waitlist 1 · checked in 1");
        awaitText("#roster", "just moved up");
        awaitText("#roster", "✓ checked in");
        chrome.executeScript("Linli.setLanguage('zh')");

        // over: refused in plain words beside the form
        clock.advance(Duration.ofHours(7));
        signUpAtTheDesk("13800138305", true);
        awaitText("#signup-error", "这个活动已经结束了，不能再报名。");
        assertEquals(4, server.count("SELECT count(*) FROM activity_signup"), "nobody signed up after the end");
    }
}
