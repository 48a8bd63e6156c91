package org.linli.central.reports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.central.StaffBrowser;
import org.linli.central.TestServer;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.Room;
import org.linli.protocol.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The report, comparison and print pages in Debian's Chromium against the real service, on the hand-countable data
 * of {@link SmallDistrict}: the figures the page shows are those counted by hand, in Chinese and in English.
 * Screenshots go to {@code target/screenshots} ({@code ./linli screenshots} copies them to docs/screenshots).
 */
class ReportPagesIT {
    static final Path SHOTS = Path.of("target/screenshots");
    static final String DAY = "from=2026-03-02&to=2026-03-02";

    @TempDir
    Path dir;
    TestServer server;
    ChromeDriver chrome;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("data"), Map.of(),
                new HubClock(Instant.parse("2026-03-04T04:00:00Z"), java.time.ZoneId.of("Asia/Shanghai")));
        var catalogue = server.server().components().catalogue();
        catalogue.put(new Hub("ponsonby", "residential", "wutong66", new Name("庞森比小汇", "Ponsonby"),
                SmallDistrict.AUCKLAND, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        catalogue.put(new Room("pon-room", "ponsonby", new Name("活动室", "Room"), 10, List.of(),
                new Room.Rules(30, 30, 240, 0, 30, 3)));
        try (Connection c = server.openDatabase()) {
            SmallDistrict.write(c);
        }
        assertEquals(200, server.post("/api/v1/reports/refresh?from=2026-02-20&to=2026-03-04", server.adminToken(),
                null).status());
        chrome = HeadlessChromium.start(dir.resolve("chrome"), 1500, 1900);
    }

    @AfterEach
    void stop() {
        chrome.quit();
        server.close();
    }

    private void signIn(String token, String lang) {
        StaffBrowser.signIn(chrome, server.uri("/login").toString(), token, lang);
    }

    private String kpi(String id) {
        return chrome.findElement(By.cssSelector("[data-kpi='" + id + "'] .value")).getText();
    }

    @Test
    void theReportPageShowsTheHandCountedFiguresInBothLanguages() {
        for (String lang : List.of("zh", "en")) {
            signIn(server.adminToken(), lang);
            chrome.get(server.uri("/reports?hub=wutong66&rollup=false&" + DAY).toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> !chrome.findElements(By.cssSelector("#chart-heat svg"))
                    .isEmpty() && !chrome.findElements(By.cssSelector("[data-kpi='visits']")).isEmpty());
            assertEquals("5", kpi("visits"));
            assertEquals("4", kpi("tickets"));
            assertEquals("20", kpi("waitMedian"));
            assertEquals("66.7%", kpi("overTarget"));
            assertEquals("3.67", kpi("rating"));
            assertEquals("1", kpi("signupNoShows"), "902 signed up for calligraphy and did not come");
            String label = chrome.findElement(By.cssSelector("[data-kpi='signupNoShows'] .label")).getText();
            assertEquals(lang.equals("zh") ? "活动报名未到" : "Signed up, didn't come", label);
            String rooms = chrome.findElement(By.cssSelector("[data-table='rooms']")).getText();
            assertTrue(rooms.contains(lang.equals("zh") ? "教室" : "Classroom"), rooms);
            assertTrue(rooms.contains("30.8%"), rooms);
            String title = chrome.findElement(By.cssSelector("header h1")).getText();
            assertTrue(title.contains(lang.equals("zh") ? "运营报表" : "Reports"), title);
            StaffBrowser.assertHeaderOnOneRow(chrome, "the reports in " + lang);
            HeadlessChromium.screenshot(chrome, SHOTS.resolve("reports-" + lang + ".png"));
        }
    }

    /**
     * An end before the start is said in the page's language, the dates marked, and the figures of the period before
     * are gone (they stayed under the new choice, with the server's English "to: the period ends … before …").
     */
    @Test
    void aBackwardsRangeIsSaidPlainlyAndLeavesNoFiguresOfAnotherPeriod() {
        signIn(server.adminToken(), "zh");
        chrome.get(server.uri("/reports?hub=wutong66&rollup=false&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !chrome.findElements(By.cssSelector("[data-kpi='visits']"))
                .isEmpty());
        chrome.executeScript("document.getElementById('from').value = '2026-03-04';"
                + " document.getElementById('to').value = '2026-03-01';");
        chrome.findElement(By.id("show")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("error")).getText().isBlank());
        String error = chrome.findElement(By.id("error")).getText();
        assertTrue(error.contains("结束不能早于开始"), error);
        assertFalse(error.matches(".*[A-Za-z].*"), "no English on the Chinese page: " + error);
        assertEquals("true", chrome.findElement(By.id("to")).getAttribute("aria-invalid"));
        assertTrue(chrome.findElements(By.cssSelector("[data-kpi='visits']")).isEmpty(), "no figures left");
        assertEquals("", chrome.findElement(By.id("period-text")).getText());

        // opened bare, the printable report says where it is opened from (it showed a script's TypeError)
        chrome.get(server.uri("/reports/print").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("error")).getText().isBlank());
        assertTrue(chrome.findElement(By.id("error")).getText().contains("打印月报"),
                chrome.findElement(By.id("error")).getText());
    }

    @Test
    void theComparisonSortsAndItsCsvFollowsTheColumnsShown() {
        signIn(server.adminToken(), "zh");
        chrome.get(server.uri("/reports/compare?hub=xuhui&level=all&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !chrome.findElements(By.cssSelector("#rows tr")).isEmpty());
        assertEquals(3, chrome.findElements(By.cssSelector("#rows tr")).size(), "xuhui, wutong66, ponsonby");
        chrome.findElement(By.cssSelector("th[data-key='satisfaction']")).click();
        String first = chrome.findElement(By.cssSelector("#rows tr")).getAttribute("data-hub");
        assertEquals("wutong66", first, "3.67 before ponsonby's 3 when sorted from the top");
        chrome.findElement(By.cssSelector("th[data-key='satisfaction']")).click();
        assertEquals("ponsonby", chrome.findElement(By.cssSelector("#rows tr")).getAttribute("data-hub"));
        // hide a column: the export asks for the columns left
        chrome.findElements(By.cssSelector("#column-toggles input")).getFirst().click();
        String csv = chrome.findElement(By.id("csv")).getAttribute("href");
        assertFalse(csv.contains("score,"), csv);
        assertTrue(csv.contains("columns=hub%2Cstars"), csv);
        assertTrue(chrome.findElement(By.id("weights")).getText().contains("满意度"));
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("compare-zh.png"));
        // every weight 0 (the browser itself stops one above 100): said beside the weights in Chinese, the weights
        // marked (it was the server's English "weights: at least one weight must be above 0" on top of the page)
        chrome.executeScript("document.querySelectorAll('#weights input').forEach(i => { i.value = '0'; });"
                + " document.getElementById('weights').requestSubmit();");
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElement(By.id("weights-saved")).getText()
                .contains("至少有一项大于 0"));
        assertEquals("true", chrome.findElement(By.cssSelector("#weights input[name=satisfaction]"))
                .getAttribute("aria-invalid"));
        assertEquals(40, server.get("/api/v1/reports/weights", server.adminToken()).json().get("satisfaction").asInt(),
                "the weights are as they were");
        signIn(server.adminToken(), "en");
        chrome.get(server.uri("/reports/compare?hub=xuhui&level=all&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !chrome.findElements(By.cssSelector("#rows tr")).isEmpty());
        StaffBrowser.assertHeaderOnOneRow(chrome, "the comparison in English");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("compare-en.png"));
    }

    @Test
    void theMonthlyReportPrintsWithItsCharts() {
        signIn(server.adminToken(), "zh");
        chrome.get(server.uri("/reports/print?hub=wutong66&month=2026-03&rollup=false").toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(chrome.findElement(By.tagName("body"))
                .getAttribute("data-ready")));
        assertEquals("7", kpi("visits"), "1, 5 and 1 visits on 1, 2 and 3 March");
        assertFalse(chrome.findElements(By.cssSelector("#chart-heat svg")).isEmpty());
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("report-print-zh.png"));
    }

    @Test
    void aCalendarUrlIsShownAndCanBeRenewed() {
        signIn(server.operatorToken(), "zh");
        chrome.get(server.uri("/reports?hub=wutong66&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> chrome.findElements(By.cssSelector("#calendar-room option"))
                .size() > 1);
        chrome.findElement(By.id("calendar-create")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(By.cssSelector(".feed-url")).isEmpty());
        String url = chrome.findElement(By.cssSelector(".feed-url")).getAttribute("value");
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/api/v1/calendars/cal-[0-9a-f]{16}/[A-Za-z0-9_-]{22}\\.ics"),
                url);
        assertEquals(200, server.get(url.substring(url.indexOf("/api/")), null).status());
        assertTrue(chrome.getPageSource().contains("姓名、电话或预约用途"));
    }
}
