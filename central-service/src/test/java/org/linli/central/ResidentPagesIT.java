package org.linli.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
 * The residents page in Debian's Chromium, in Chinese, against the real service: an operator looks up the number a
 * resident gives, sees their booking and their no-show block, lifts it, and erases the resident after confirming.
 */
class ResidentPagesIT {
    static final String PHONE = "13800138001";

    @TempDir
    Path dir;
    @RegisterExtension
    final PageSite site = new PageSite(() -> dir);
    TestServer server;
    ChromeDriver chrome;

    private String text(String css) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e && !e.closest('[hidden]') ? e.innerText : '';", css);
    }

    private void awaitText(String css, String wanted) {
        await().atMost(Duration.ofSeconds(15)).until(() -> text(css).contains(wanted));
    }

    private TestServer.Response book(OffsetDateTime start) {
        return server.post("/api/v1/bookings", server.kioskKey(), Map.of("room", "studio", "start", start.toString(),
                "end", start.plusMinutes(30).toString(), "phone", PHONE, "attendees", 1));
    }


    private void type(String id, String value) {
        chrome.findElement(By.id(id)).clear();
        chrome.findElement(By.id(id)).sendKeys(value);
    }

    @Test
    void anOperatorLooksUpAResidentLiftsTheirBlockAndErasesThem() {
        HubClock clock = HubTime.noon().clock();
        server = site.central(Map.of("live.no-show-rule.max", "1"), clock);
        TestServer.Response missed = book(server.tomorrowAt(9, 0));
        assertEquals(201, missed.status(), missed.text());
        OffsetDateTime later = server.tomorrowAt(16, 0);
        clock.set(server.tomorrowAt(9, 20).toInstant());
        server.components().bookings().releaseNoShow(missed.json().get("id").asLong(), clock.instant());
        assertEquals(422, book(later).status(), "blocked");

        chrome = site.chrome(1400, 1000);
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.operatorToken(), "zh");
        chrome.get(server.uri("/residents").toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> !text("#hub-picker").isEmpty());

        // a wrong number: said beside the field, in Chinese
        type("phone", "12ab");
        chrome.findElement(By.id("find-submit")).click();
        awaitText(".field-error[data-for='phone']", "请输入正确的手机号");
        assertEquals("true", chrome.findElement(By.id("phone")).getAttribute("aria-invalid"));

        type("phone", "138 0013 8001");
        chrome.findElement(By.id("find-submit")).click();
        awaitText("#record-title", "尾号 8001 的居民");
        assertTrue(text("#facts").contains("现在不能预约"), text("#facts"));
        assertTrue(text("#facts").contains("最近 30 天内 1 次"), text("#facts"));
        assertTrue(text("#no-shows-by-kind").contains("预约没来 1 次，叫号没到 0 次，报了活动没来 0 次"),
                text("#no-shows-by-kind"));
        // booked at a kiosk after agreeing to the privacy notice: when, and under which version
        assertTrue(text("#facts").contains("在自助机上同意（说明版本 2026-12）"), text("#facts"));
        assertTrue(text("#record").contains("评价是匿名的"), text("#record"));
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("residents.png"));
        // readable in both languages (WCAG 2.1 AA, PagesIT's contrast.js), and in English too
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "zh")) {
            chrome.executeScript("Linli.setLanguage(arguments[0])", lang);
            Contrast.failures(chrome).forEach(f -> problems.add(lang + ": " + f));
            if (lang.equals("en")) {
                awaitText("#record-title", "Resident with phone …8001");
                assertTrue(text("#facts").contains("Cannot book nor sign up until"), text("#facts"));
                assertTrue(text("#facts").contains("(notice version 2026-12)"), text("#facts"));
            }
        }
        assertEquals(List.of(), problems);
        awaitText("#record-title", "尾号 8001 的居民");

        // lifting the block: at once the resident books again
        type("lift-reason", "住院了，没能来");
        chrome.findElement(By.id("lift-submit")).click();
        awaitText("#done", "已解除");
        awaitText("#facts", "可以正常预约");
        TestServer.Response again = book(later);
        assertEquals(201, again.status(), again.text());

        // erasing asks first; "不删了" keeps everything
        chrome.navigate().refresh();
        await().atMost(Duration.ofSeconds(15)).until(() -> !text("#hub-picker").isEmpty());
        type("phone", PHONE);
        chrome.findElement(By.id("find-submit")).click();
        awaitText("#bookings", "创意工作室");
        type("erase-reason", "居民本人要求");
        chrome.findElement(By.id("erase-submit")).click();
        awaitText("#erase-question", "尾号 8001");
        chrome.findElement(By.id("erase-no")).click();
        assertTrue(text("#erase-question").isEmpty(), "the question is gone");
        assertTrue(server.post("/api/v1/hubs/" + TestServer.HUB + "/residents/lookup", server.operatorToken(),
                Map.of("phone", PHONE)).json().get("known").asBoolean(), "nothing erased yet");

        chrome.findElement(By.id("erase-submit")).click();
        awaitText("#erase-question", "不能恢复");
        HeadlessChromium.screenshot(chrome, PagesIT.SHOTS.resolve("residents-erase.png"));
        chrome.findElement(By.id("erase-yes")).click();
        awaitText("#done", "已删除。取消了 1 个预约");
        awaitText("#unknown", "没有保存这个号码的任何信息");
        assertFalse(server.post("/api/v1/hubs/" + TestServer.HUB + "/residents/lookup", server.operatorToken(),
                Map.of("phone", PHONE)).json().get("known").asBoolean());
    }
}
