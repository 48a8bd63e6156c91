package org.linli.central.reports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.central.Contrast;
import org.linli.central.StaffBrowser;
import org.linli.central.TestServer;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.Room;
import org.linli.protocol.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The report, comparison and print pages in Debian's Chromium against the real service, on the hand-countable data
 * of {@link SmallDistrict}: the figures the page shows are those counted by hand, in Chinese and in English, in type
 * of enough contrast (WCAG 2.1 AA, {@link Contrast}).
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
        Contrast.assertReadable(chrome, "reports");
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
        assertEquals(List.of(), Contrast.failures(chrome), "the error is readable");

        // opened bare, the printable report says where it is opened from (it showed a script's TypeError)
        chrome.get(server.uri("/reports/print").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.id("error")).getText().isBlank());
        assertTrue(chrome.findElement(By.id("error")).getText().contains("打印月报"),
                chrome.findElement(By.id("error")).getText());
        Contrast.assertReadable(chrome, "the printable report opened bare");
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
        // ponsonby's rating fell from 4 to 3 against its day before: the arrow says so, in the page's language
        var fell = chrome.findElement(By.cssSelector("#rows tr[data-hub='ponsonby'] td:nth-child(4) .trend"));
        assertEquals("↓", fell.getText());
        assertEquals("比上一段时间差", fell.getAttribute("title"));
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
        assertEquals(List.of(), Contrast.failures(chrome), "the error beside the weights is readable");
        signIn(server.adminToken(), "en");
        chrome.get(server.uri("/reports/compare?hub=xuhui&level=all&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !chrome.findElements(By.cssSelector("#rows tr")).isEmpty());
        StaffBrowser.assertHeaderOnOneRow(chrome, "the comparison in English");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("compare-en.png"));
        Contrast.assertReadable(chrome, "the comparison");
    }

    /**
     * Last month's report of every hub is filed when the month ends in the hub's zone: Auckland's March ends at
     * 11:00 UTC on 31 March (UTC+13), Shanghai's at 16:00 (UTC+8), both while it is still March in UTC. The
     * residential hub's own admin finds its months listed on the report page and opens the one filed.
     */
    @Test
    void lastMonthIsFiledWhenItEndsInEachHubsZoneAndListedOnThePage() throws Exception {
        MonthlyReports monthly = server.server().components().reports().monthly();
        Path reports = server.dataDir().resolve("reports");
        // the schedule's first run files February at the start; filing is one at a time, so this waits for it
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reports.resolve("xuhui/2026-02.zh.json"))
                && Files.exists(reports.resolve("wutong66/2026-02.zh.json")));
        monthly.fileDue();
        assertTrue(Files.exists(reports.resolve("ponsonby/2026-02.zh.json")), "a residential hub's month is filed");

        // a visit at 23:30 on 31 March in Auckland: 10:30 UTC, March's last day there
        try (Connection c = server.openDatabase()) {
            c.createStatement().executeUpdate("INSERT INTO checkin (id, hub_id, kind, at_ts, day) VALUES (98, "
                    + "'ponsonby', 'phone', " + SmallDistrict.sec(SmallDistrict.AUCKLAND, "2026-03-31T23:30")
                    + ", '2026-03-31')");
        }
        server.clock().set(Instant.parse("2026-03-31T10:59:00Z"));
        assertEquals(0, monthly.fileDue(), "23:59 on 31 March in Auckland: no month has ended");
        server.clock().set(Instant.parse("2026-03-31T11:30:00Z"));
        server.server().components().reports().job().recompute(LocalDate.parse("2026-03-05"),
                LocalDate.parse("2026-04-01"));
        assertEquals(1, monthly.fileDue(), "00:30 on 1 April in Auckland, 19:30 on 31 March in Shanghai");
        for (String file : List.of("2026-03.zh.json", "2026-03.en.json", "2026-03.zh.xlsx", "2026-03.en.xlsx")) {
            assertTrue(Files.exists(reports.resolve("ponsonby").resolve(file)), file);
        }
        assertFalse(Files.exists(reports.resolve("wutong66/2026-03.zh.json")), "Shanghai's March is not over");
        server.clock().set(Instant.parse("2026-03-31T16:00:00Z"));
        assertEquals(2, monthly.fileDue(), "midnight in Shanghai: the street hub's and the district's March");

        server.server().components().accounts().putStaff("pon-admin", "pw-pon-admin-1", Role.ADMIN, "ponsonby");
        signIn(server.login("pon-admin", "pw-pon-admin-1"), "zh");
        chrome.get(server.uri("/reports?hub=ponsonby").toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> chrome.findElements(By.cssSelector("#monthly li"))
                .size() == 2);
        List<String> months = chrome.findElements(By.cssSelector("#monthly li")).stream()
                .map(li -> li.getAttribute("data-month")).toList();
        assertEquals(List.of("2026-03", "2026-02"), months, "newest first");
        chrome.findElement(By.cssSelector("#monthly li[data-month='2026-03'] a")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(chrome.findElement(By.tagName("body"))
                .getAttribute("data-ready")));
        assertEquals("2", kpi("visits"), "2 March 00:30 and 31 March 23:30 in Auckland");
        assertEquals("归档于 2026-04-01 00:30", chrome.findElement(By.id("asof")).getText(), "filed at the hub's time");
        Contrast.assertReadable(chrome, "a month's report as filed");
    }

    /**
     * Staff set a service's wait target on the report page: the share over target follows at once (the legal
     * desk's waits 5 and 20 are within 25 minutes, repairs' 40 is over its 15), and a refused value is said next to
     * its field in Chinese, the target unchanged.
     */
    @Test
    void waitTargetsAreSetOnTheReportPage() {
        signIn(server.operatorToken(), "zh");
        chrome.get(server.uri("/reports?hub=wutong66&rollup=false&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !chrome.findElements(By.cssSelector("#targets input"))
                .isEmpty() && !chrome.findElements(By.cssSelector("[data-kpi='overTarget']")).isEmpty());
        assertEquals("66.7%", kpi("overTarget"));
        var legal = chrome.findElement(By.cssSelector("#targets input[name=legal]"));
        assertEquals("15", legal.getAttribute("value"));
        legal.clear();
        legal.sendKeys("25");
        chrome.findElement(By.cssSelector("#targets button[type=submit]")).click();
        // the page draws its figures again once the target is saved: a figure read while it does is gone
        await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class)
                .until(() -> "33.3%".equals(kpi("overTarget")));
        assertEquals("已保存", chrome.findElement(By.id("targets-saved")).getText());
        assertEquals(25, target("legal"));

        legal = chrome.findElement(By.cssSelector("#targets input[name=legal]"));
        legal.clear();
        legal.sendKeys("0");
        chrome.findElement(By.cssSelector("#targets button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElement(By.cssSelector(
                "#targets .field-error[data-for=legal]")).getText().isBlank());
        String error = chrome.findElement(By.cssSelector("#targets .field-error[data-for=legal]")).getText();
        assertEquals("请填 1 到 240 之间的整数分钟。", error);
        assertEquals("true", legal.getAttribute("aria-invalid"));
        assertEquals("", chrome.findElement(By.cssSelector("#targets .field-error[data-for=repairs]")).getText());
        assertEquals(25, target("legal"), "unchanged");
        assertEquals(List.of(), Contrast.failures(chrome), "the error beside the target is readable");
        HeadlessChromium.screenshot(chrome, SHOTS.resolve("reports-targets-zh.png"));
    }

    private int target(String service) {
        for (var t : server.get("/api/v1/reports/wutong66/targets", server.adminToken()).json()) {
            if (t.get("service").asText().equals(service)) {
                return t.get("minutes").asInt();
            }
        }
        throw new AssertionError("no target of " + service);
    }

    /**
     * The printable monthly report in both languages, its five charts drawn, printed by Chromium (the page's own
     * {@code @page} size: Chromium's default paper is Letter) on A4 pages.
     */
    @Test
    void theMonthlyReportPrintsOnA4WithItsCharts() throws Exception {
        for (String lang : List.of("zh", "en")) {
            signIn(server.adminToken(), lang);
            chrome.get(server.uri("/reports/print?hub=wutong66&month=2026-03&rollup=false").toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(chrome.findElement(By.tagName("body"))
                    .getAttribute("data-ready")));
            assertEquals("7", kpi("visits"), "1, 5 and 1 visits on 1, 2 and 3 March");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> charts = (List<Map<String, Object>>) chrome.executeScript("""
                    const page = document.querySelector('main').getBoundingClientRect();
                    return [...document.querySelectorAll('.chart')].map(c => {
                      const svg = c.querySelector('svg');
                      const box = svg ? svg.getBoundingClientRect() : { width: 0, right: 0 };
                      return { id: c.id, width: box.width, shapes: svg ? svg.querySelectorAll('path, rect').length : 0,
                               overPage: box.right - page.right, pageWidth: page.width };
                    });""");
            assertEquals(5, charts.size(), charts.toString());
            for (Map<String, Object> chart : charts) {
                assertTrue(((Number) chart.get("width")).doubleValue() > 100, "drawn: " + chart);
                assertTrue(((Number) chart.get("shapes")).longValue() >= 10, "drawn: " + chart);
                // drawn at the width they print at: A4's 186 mm between the margins, 703 CSS px (at the window's
                // width the right-hand charts ran off the paper)
                assertTrue(((Number) chart.get("pageWidth")).doubleValue() <= 703.5, "A4's width: " + chart);
                assertTrue(((Number) chart.get("overPage")).doubleValue() <= 0.5, "within the page: " + chart);
            }
            HeadlessChromium.screenshot(chrome, SHOTS.resolve("report-print-" + lang + ".png"));
        }
        Contrast.assertReadable(chrome, "the printable monthly report");
        @SuppressWarnings("unchecked")
        Map<String, Object> printed = chrome.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true,
                "printBackground", true));
        byte[] pdf = Base64.getDecoder().decode((String) printed.get("data"));
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve("report-print-en.pdf"), pdf);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"), text.substring(0, 20));
        Matcher boxes = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)\\s*]").matcher(text);
        int pages = 0;
        while (boxes.find()) {
            pages++;
            assertEquals(595, Double.parseDouble(boxes.group(1)), 1, "A4 is 595 x 842 pt: " + boxes.group());
            assertEquals(842, Double.parseDouble(boxes.group(2)), 1, "A4 is 595 x 842 pt: " + boxes.group());
        }
        assertTrue(pages >= 1, "no page in the PDF");
        Matcher pageObjects = Pattern.compile("/Type\\s*/Page(?!s)").matcher(text);
        int counted = 0;
        while (pageObjects.find()) {
            counted++;
        }
        assertEquals(counted, pages, "every page is A4");
    }

    /** A feed made on the page, renewed there (the old URL dies, the new one works) and stopped (it dies too). */
    @Test
    void aCalendarUrlIsShownRenewedAndRevokedOnThePage() {
        signIn(server.operatorToken(), "zh");
        chrome.get(server.uri("/reports?hub=wutong66&" + DAY).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> chrome.findElements(By.cssSelector("#calendar-room option"))
                .size() > 1);
        chrome.findElement(By.id("calendar-create")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chrome.findElements(By.cssSelector(".feed-url")).isEmpty());
        String url = feedUrl();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/api/v1/calendars/cal-[0-9a-f]{16}/[A-Za-z0-9_-]{22}\\.ics"),
                url);
        assertEquals(200, server.get(path(url), null).status());
        assertTrue(chrome.getPageSource().contains("姓名、电话或预约用途"));
        Contrast.assertReadable(chrome, "reports, a calendar feed");

        feedButton("换新链接").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !feedUrl().equals(url));
        String renewed = feedUrl();
        assertEquals(404, server.get(path(url), null).status(), "the old URL is dead");
        assertEquals(200, server.get(path(renewed), null).status(), "the new one works");

        feedButton("停用").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> chrome.findElements(By.cssSelector(".feed-url")).isEmpty());
        assertTrue(chrome.findElement(By.id("calendars")).getText().contains("还没有日历订阅"));
        assertEquals(404, server.get(path(renewed), null).status(), "a stopped feed answers nothing");
    }

    private String feedUrl() {
        return chrome.findElement(By.cssSelector(".feed-url")).getAttribute("value");
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/api/"));
    }

    private org.openqa.selenium.WebElement feedButton(String label) {
        return chrome.findElements(By.cssSelector("ul.feeds li button")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label));
    }
}
