package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.central.TestServer;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.central.catalogue.Room;

/**
 * Reports, comparison, exports and calendar feeds against the real service, on the hand-countable data of
 * {@link SmallDistrict}; every expected figure below is counted from the rows written there.
 */
class ReportsIT {
    static final String DAY = "from=2026-03-02&to=2026-03-02";
    @TempDir
    static Path dir;
    static TestServer server;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        // Wednesday 4 March 2026, 12:00 in Shanghai
        HubClock clock = new HubClock(Instant.parse("2026-03-04T04:00:00Z"), java.time.ZoneId.of("Asia/Shanghai"));
        server = TestServer.start(dir.resolve("data"), Map.of(), clock);
        Catalogue catalogue = server.server().components().catalogue();
        catalogue.put(new Hub("ponsonby", "residential", "wutong66", new Name("庞森比小汇", "Ponsonby"),
                SmallDistrict.AUCKLAND, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        catalogue.put(new Room("pon-room", "ponsonby", new Name("活动室", "Room"), 10, List.of(),
                new Room.Rules(30, 30, 240, 0, 30, 3)));
        catalogue.put(new Hub("other-street", "street", "xuhui", new Name("另一街道邻里汇", "Other street"),
                SmallDistrict.SHANGHAI, LocalTime.of(8, 0), LocalTime.of(21, 0)));
        var accounts = server.server().components().accounts();
        accounts.putStaff("district-op", "pw-district-op", Role.OPERATOR, "xuhui");
        accounts.putStaff("street-admin", "pw-street-admin", Role.ADMIN, "wutong66");
        accounts.putStaff("res-op", "pw-res-op", Role.OPERATOR, "ponsonby");
        accounts.putStaff("res-admin", "pw-res-admin", Role.ADMIN, "ponsonby");
        accounts.putStaff("other-admin", "pw-other-admin", Role.ADMIN, "other-street");
        try (Connection c = server.openDatabase()) {
            SmallDistrict.write(c);
        }
        admin = server.adminToken();
        var run = server.post("/api/v1/reports/refresh?from=2026-02-20&to=2026-03-04", admin, null);
        assertEquals(200, run.status(), run.text());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String login(String user) {
        return server.login(user, "pw-" + user);
    }

    static JsonNode get(String path, String token) {
        var r = server.get(path, token);
        assertEquals(200, r.status(), path + ": " + r.text());
        return r.json();
    }

    static JsonNode row(JsonNode table, String first) {
        for (JsonNode row : table.get("rows")) {
            if (row.get(0).asText().equals(first)) {
                return row;
            }
        }
        throw new AssertionError("no row " + first + " in " + table);
    }

    @Test
    void oneHubsDayHasTheFiguresCountedByHand() {
        JsonNode report = get("/api/v1/reports/wutong66?rollup=false&lang=en&" + DAY, admin);
        JsonNode f = report.get("figures");
        assertEquals(5, f.get("visits").asInt());
        assertEquals(4, f.get("tickets").asInt(), "five rows, one of them transferred into another");
        assertEquals(2, f.get("served").asInt());
        assertEquals(1, f.get("noShows").asInt());
        assertEquals(0.3333, f.get("noShowShare").asDouble());
        assertEquals(20, f.get("waitMedian").asInt(), "waits 5, 20, 40");
        assertEquals(40, f.get("waitP90").asInt());
        assertEquals(0.6667, f.get("overTargetShare").asDouble(), "20 and 40 are over 15 minutes");
        assertEquals(3, f.get("bookings").asInt(), "the maintenance block is none");
        assertEquals(1, f.get("released").asInt());
        assertEquals(1, f.get("cancelled").asInt());
        assertEquals(4.0, f.get("bookedHours").asDouble(), "120 + 60 + 60 minutes within 08:00-21:00");
        assertEquals(1.5, f.get("sensedHours").asDouble());
        assertEquals(0.0513, f.get("bookedShare").asDouble(), "240 of 6 rooms x 780 minutes");
        assertEquals(3, f.get("ratings").asInt());
        assertEquals(3.67, f.get("averageRating").asDouble());
        assertEquals(0.6, f.get("ratedShare").asDouble());
        assertEquals(3, f.get("signups").asInt(), "2 to calligraphy, 1 to chess");
        assertEquals(1, f.get("waitlisted").asInt());
        assertEquals(1, f.get("attended").asInt());
        assertEquals(2, f.get("attendanceSignups").asInt(), "calligraphy's; nobody checked in to chess");
        assertEquals(1, f.get("signupNoShows").asInt(), "902 signed up for calligraphy and did not check in");
        assertEquals(0, report.get("previousFigures").get("signupNoShows").asInt());
        assertEquals(13.0, f.get("openHours").asDouble());
        assertEquals(1, report.get("previousFigures").get("visits").asInt(), "1 March");
        assertEquals("2026-03-01", report.get("previous").get("from").asText());

        JsonNode tables = report.get("tables");
        JsonNode classroom = row(tables.get("rooms"), "Classroom");
        assertEquals("[\"Classroom\",3,4.0,1.5,0.3077,0.1154,1,1]", classroom.toString());
        JsonNode legal = row(tables.get("services"), "Legal advice");
        assertEquals("[\"Legal advice\",2,3,1,1,5,20,15,0.5]", legal.toString());
        JsonNode repairs = row(tables.get("services"), "Everyday repairs");
        assertEquals("[\"Everyday repairs\",0,1,1,0,40,40,15,1.0]", repairs.toString());
        assertEquals("[\"2026-03-02\",\"Calligraphy\",20,2,1,1,1]", tables.get("activities").get("rows").get(0)
                .toString());
        assertEquals("[\"2026-03-02\",\"Chess\",10,1,0,0,null]", tables.get("activities").get("rows").get(1)
                .toString(), "no attendance taken: nobody is counted as missing it");
        assertEquals(1, row(tables.get("summary"), "Signed up for an activity, didn't come (where attendance was "
                + "taken)").get(1).asInt());
        assertEquals("[5,1,0.3333]", tables.get("satisfaction").get("rows").get(0).toString());
        assertEquals("[2,1,0.3333]", tables.get("satisfaction").get("rows").get(3).toString());
        // Monday: 3 people through the first hour, 10 from 10:00, 10 for half of 11:00-12:00
        JsonNode monday = report.get("heatmap").get(0);
        assertEquals(3.0, monday.get(0).asDouble());
        assertEquals(0.0, monday.get(1).asDouble());
        assertEquals(10.0, monday.get(10).asDouble());
        assertEquals(5.0, monday.get(11).asDouble());
        assertEquals(0.0, report.get("heatmap").get(1).get(10).asDouble(), "Tuesday is another day");
    }

    @Test
    void aStreetRollsUpEachHubOnItsOwnDays() {
        JsonNode f = get("/api/v1/reports/wutong66?rollup=true&" + DAY, admin).get("figures");
        // Auckland's 2 March began at 11:00 UTC on 1 March: its visit at 00:30 and its rating at midnight count
        assertEquals(6, f.get("visits").asInt());
        assertEquals(4, f.get("ratings").asInt());
        assertEquals(3.5, f.get("averageRating").asDouble());
        assertEquals(5.0, f.get("bookedHours").asDouble());
        assertEquals(21.0, f.get("openHours").asDouble(), "13 hours in Shanghai and 8 in Auckland");
        assertEquals(1, f.get("signupNoShows").asInt(), "the street's roll-up rows carry wutong66's missed sign-up");
        assertEquals(2, f.get("attendanceSignups").asInt());
        JsonNode district = get("/api/v1/reports/xuhui?" + DAY, admin).get("figures");
        assertEquals(1, district.get("signupNoShows").asInt(), "and the district's");
        assertEquals(2, district.get("attendanceSignups").asInt());
        JsonNode ponsonby = get("/api/v1/reports/ponsonby?" + DAY, admin).get("figures");
        assertEquals(1, ponsonby.get("visits").asInt());
        assertEquals(1, ponsonby.get("ratings").asInt());
        assertEquals(0.125, ponsonby.get("bookedShare").asDouble(), "60 of 480 minutes");
        JsonNode before = get("/api/v1/reports/ponsonby?from=2026-03-01&to=2026-03-01", admin).get("figures");
        assertEquals(1, before.get("ratings").asInt(), "the 4 a second before its midnight");
    }

    @Test
    void aWaitTargetAppliesToPastPeriodsAtOnce() {
        var put = server.put("/api/v1/reports/wutong66/targets/legal", admin, Map.of("minutes", 30));
        assertEquals(200, put.status(), put.text());
        try {
            JsonNode f = get("/api/v1/reports/wutong66?rollup=false&" + DAY, admin).get("figures");
            assertEquals(0.3333, f.get("overTargetShare").asDouble(), "only the 40 of repairs is over now");
        } finally {
            server.put("/api/v1/reports/wutong66/targets/legal", admin, Map.of("minutes", 15));
        }
        assertEquals(400, server.put("/api/v1/reports/wutong66/targets/legal", admin, Map.of("minutes", 0))
                .status() / 100 * 100);
        assertEquals(404, server.put("/api/v1/reports/wutong66/targets/no-such", admin, Map.of("minutes", 5))
                .status());
    }

    @Test
    void csvHasABomChineseHeadersAndThePagesColumns() throws Exception {
        var r = server.get("/api/v1/reports/wutong66/export.csv?rollup=false&table=rooms&lang=zh&" + DAY, admin);
        assertEquals(200, r.status(), r.text());
        assertTrue(r.contentType().startsWith("text/csv"));
        byte[] b = r.body();
        assertEquals(0xEF, b[0] & 0xFF);
        assertEquals(0xBB, b[1] & 0xFF);
        assertEquals(0xBF, b[2] & 0xFF);
        String[] lines = new String(b, 3, b.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertEquals("功能室,预约,预约小时,实际使用小时,预约率,实际使用率,无人到场释放,取消", lines[0]);
        assertTrue(List.of(lines).contains("教室,3,4.0,1.5,0.3077,0.1154,1,1"), String.join("\n", lines));

        var cut = server.get("/api/v1/reports/xuhui/comparison.csv?level=all&columns=hub,satisfaction&" + DAY,
                admin);
        assertEquals(200, cut.status(), cut.text());
        String text = cut.text().substring(1);
        assertTrue(text.startsWith("邻里汇,满意度\r\n"), text);
        assertTrue(text.contains("徐汇区湖南路街道梧桐66邻里汇,3.67\r\n"), text);

        var activities = server.get("/api/v1/reports/wutong66/export.csv?rollup=false&table=activities&lang=zh&"
                + DAY, admin);
        assertEquals(200, activities.status(), activities.text());
        List<String> rows = List.of(activities.text().substring(1).split("\r\n"));
        assertEquals("日期,活动,名额,报名,候补,签到,报名未到", rows.get(0));
        assertTrue(rows.contains("2026-03-02,书法课,20,2,1,1,1"), activities.text());
        assertTrue(rows.contains("2026-03-02,象棋,10,1,0,0,"), activities.text());
        String shares = server.get("/api/v1/reports/xuhui/comparison.csv?level=all&columns=hub,noShows&" + DAY, admin)
                .text().substring(1);
        assertTrue(shares.startsWith("邻里汇,未到率（过号、预约、活动报名）\r\n"), shares);
        assertTrue(shares.contains("徐汇区湖南路街道梧桐66邻里汇,0.3333\r\n"), "3 of 9 with the missed sign-up: " + shares);
        assertEquals(400, server.get("/api/v1/reports/xuhui/comparison.csv?columns=hub,nope&" + DAY, admin)
                .status() / 100 * 100);
    }

    @Test
    void xlsxOpensWithASheetPerTable() throws Exception {
        var r = server.get("/api/v1/reports/wutong66/export.xlsx?rollup=false&lang=en&" + DAY, admin);
        assertEquals(200, r.status(), r.text());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            assertEquals(7, book.getNumberOfSheets());
            var rooms = book.getSheet("Room use");
            assertNotNull(rooms);
            boolean found = false;
            for (var row : rooms) {
                if (row.getRowNum() > 0 && row.getCell(0).getStringCellValue().equals("Classroom")) {
                    assertEquals(4.0, row.getCell(2).getNumericCellValue());
                    assertEquals(0.3077, row.getCell(4).getNumericCellValue());
                    found = true;
                }
            }
            assertTrue(found);
        }
        var comparison = server.get("/api/v1/reports/xuhui/comparison.xlsx?level=all&lang=zh&columns=hub,satisfaction&"
                + DAY, admin);
        assertEquals(200, comparison.status(), comparison.text());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(comparison.body()))) {
            var sheet = book.getSheetAt(0);
            assertEquals("邻里汇", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("满意度", sheet.getRow(0).getCell(1).getStringCellValue());
            assertEquals(2, sheet.getRow(0).getLastCellNum(), "the columns asked for and no others");
            boolean found = false;
            for (var row : sheet) {
                if (row.getRowNum() > 0 && row.getCell(0).getStringCellValue().equals("徐汇区湖南路街道梧桐66邻里汇")) {
                    assertEquals(3.67, row.getCell(1).getNumericCellValue());
                    found = true;
                }
            }
            assertTrue(found, "wutong66's row");
        }
    }

    @Test
    void theComparisonScoresHubsWithTheWeightsShown() {
        JsonNode c = get("/api/v1/reports/xuhui/comparison?level=all&" + DAY, admin);
        assertEquals(40, c.get("weights").get("satisfaction").asInt());
        JsonNode wutong = null;
        for (JsonNode row : c.get("rows")) {
            if (row.get("hub").asText().equals("wutong66")) {
                wutong = row;
            }
        }
        assertNotNull(wutong);
        JsonNode in = wutong.get("inputs");
        assertEquals(3.67, in.get("satisfaction").get("value").asDouble());
        assertEquals(66.8, in.get("satisfaction").get("score").asDouble(), "(3.67 - 1) / 4");
        assertEquals(0.3333, in.get("waits").get("value").asDouble(), "1 of 3 within 15 minutes");
        // no-shows: 1 ticket, 1 released booking and 1 missed sign-up among 2 served + 1 no-show + 3 bookings
        // + 1 released + 2 sign-ups of calligraphy (chess took no attendance: its sign-up is on neither side)
        assertEquals(0.3333, in.get("noShows").get("value").asDouble());
        assertEquals(0.0, in.get("noShows").get("score").asDouble(), "above 30 %");
        assertEquals(1, in.get("satisfaction").get("trend").asInt() + 1, "no ratings the day before: no trend");
        JsonNode ponsonby = null;
        for (JsonNode row : c.get("rows")) {
            if (row.get("hub").asText().equals("ponsonby")) {
                ponsonby = row;
            }
        }
        assertNotNull(ponsonby);
        assertTrue(ponsonby.get("inputs").get("satisfaction").get("trend").asDouble() < 0,
                "ponsonby's 3 on its 2 March after the 4 of its 1 March: worse, " + ponsonby);
        double score = wutong.get("score").asDouble();
        var put = server.put("/api/v1/reports/weights", admin, Map.of("satisfaction", 100, "waits", 0,
                "utilisation", 0, "visitsPerHour", 0, "noShows", 0, "devices", 0));
        assertEquals(200, put.status(), put.text());
        // a misspelt input is refused by its name, and nothing changes
        var misspelt = server.put("/api/v1/reports/weights", admin, Map.of("wait", 30));
        assertEquals(400, misspelt.status(), misspelt.text());
        assertTrue(misspelt.text().contains("wait") && misspelt.text().contains("waits"), misspelt.text());
        assertEquals(100, get("/api/v1/reports/weights", admin).get("satisfaction").asInt());
        try {
            JsonNode again = get("/api/v1/reports/xuhui/comparison?level=all&" + DAY, admin);
            for (JsonNode row : again.get("rows")) {
                if (row.get("hub").asText().equals("wutong66")) {
                    assertEquals(66.8, row.get("score").asDouble(), "satisfaction alone");
                }
            }
            assertFalse(score == 66.8, "the default weights mix the inputs");
        } finally {
            server.put("/api/v1/reports/weights", admin, Map.of("satisfaction", 40, "waits", 15, "utilisation", 15,
                    "visitsPerHour", 15, "noShows", 10, "devices", 5));
        }
    }

    /**
     * A check-in that reaches central after the day was kept (a kiosk's outbox replays it with its time) takes the
     * missed sign-up back when the day is recomputed, like any late figure.
     */
    @Test
    void aLateCheckInTakesAMissedSignUpBackWhenTheDayIsRecomputed() throws Exception {
        try (Connection c = server.openDatabase()) {
            c.createStatement().executeUpdate("INSERT INTO checkin (id, hub_id, kind, activity_id, resident_id, at_ts, "
                    + "day) VALUES (99, 'wutong66', 'phone', 'act-d', 902, "
                    + SmallDistrict.sec(SmallDistrict.SHANGHAI, "2026-03-02T10:05") + ", '2026-03-02')");
        }
        try {
            assertEquals(200, server.post("/api/v1/reports/refresh?" + DAY, admin, null).status());
            JsonNode f = get("/api/v1/reports/wutong66?" + DAY, admin).get("figures");
            assertEquals(0, f.get("signupNoShows").asInt());
            assertEquals(2, f.get("attendanceSignups").asInt());
        } finally {
            try (Connection c = server.openDatabase()) {
                c.createStatement().executeUpdate("DELETE FROM checkin WHERE id = 99");
            }
            assertEquals(200, server.post("/api/v1/reports/refresh?" + DAY, admin, null).status());
        }
        assertEquals(1, get("/api/v1/reports/wutong66?" + DAY, admin).get("figures").get("signupNoShows").asInt());
    }

    /** The hub-scope rule at the three levels: a hub's staff see it and what is under it, nothing beside or above. */
    @Test
    void staffSeeTheirHubAndTheHubsUnderIt() {
        String district = login("district-op");
        String street = login("street-admin");
        String residential = login("res-op");
        String other = login("other-admin");
        for (String hub : List.of("xuhui", "wutong66", "ponsonby", "other-street")) {
            assertEquals(200, server.get("/api/v1/reports/" + hub + "?" + DAY, district).status(), hub);
        }
        assertEquals(403, server.get("/api/v1/reports/xuhui?" + DAY, street).status());
        assertEquals(200, server.get("/api/v1/reports/wutong66?" + DAY, street).status());
        assertEquals(200, server.get("/api/v1/reports/ponsonby?" + DAY, street).status());
        assertEquals(403, server.get("/api/v1/reports/other-street?" + DAY, street).status());
        assertEquals(200, server.get("/api/v1/reports/ponsonby?" + DAY, residential).status());
        assertEquals(403, server.get("/api/v1/reports/wutong66?" + DAY, residential).status());
        assertEquals(403, server.get("/api/v1/reports/wutong66?" + DAY, other).status());
        // the comparison is for admins of a street or the district
        assertEquals(200, server.get("/api/v1/reports/wutong66/comparison?" + DAY, street).status());
        assertEquals(403, server.get("/api/v1/reports/xuhui/comparison?" + DAY, street).status());
        assertEquals(403, server.get("/api/v1/reports/xuhui/comparison?" + DAY, district).status(), "operator");
        assertEquals(403, server.get("/api/v1/reports/ponsonby/comparison?" + DAY, admin).status());
        assertEquals(403, server.get("/api/v1/reports/wutong66?" + DAY, server.counterToken()).status());
        assertEquals(401, server.get("/api/v1/reports/wutong66?" + DAY, null).status());
        assertEquals(403, server.put("/api/v1/reports/weights", street, Map.of("satisfaction", 1)).status());
        JsonNode seen = get("/api/v1/reports/hubs", street);
        assertEquals(2, seen.get("hubs").size(), seen.toString());
    }

    @Test
    void badRangesAreProblemsNotErrors() {
        for (String query : List.of("from=2026-03-05&to=2026-03-01", "from=2026-13-01&to=2026-13-02",
                "from=2026-03-01", "period=next-century", "from=2020-01-01&to=2026-03-01", "rollup=maybe")) {
            var r = server.get("/api/v1/reports/wutong66?" + query, admin);
            assertEquals(400, r.status() / 100 * 100, query + ": " + r.text());
            assertTrue(r.contentType().startsWith("application/problem+json"), query);
        }
        assertEquals(404, server.get("/api/v1/reports/nowhere?" + DAY, admin).status());
        assertEquals(400, server.get("/api/v1/reports/wutong66/export.csv?table=nope&" + DAY, admin).status()
                / 100 * 100);
    }

    @Test
    void quickChoicesAreTheHubsOwnWeeksMonthsAndYears() {
        JsonNode week = get("/api/v1/reports/wutong66?period=this-week", admin).get("period");
        assertEquals("2026-03-02", week.get("from").asText());
        assertEquals("2026-03-04", week.get("to").asText());
        JsonNode month = get("/api/v1/reports/wutong66?period=last-month", admin);
        assertEquals("2026-02-01", month.get("period").get("from").asText());
        assertEquals("2026-02-28", month.get("period").get("to").asText());
        assertEquals("2026-01-01", month.get("previous").get("from").asText());
        assertEquals("2026-01-31", month.get("previous").get("to").asText());
        JsonNode year = get("/api/v1/reports/wutong66?period=this-year", admin);
        assertEquals("2026-01-01", year.get("period").get("from").asText());
        assertEquals("2025-01-01", year.get("previous").get("from").asText());
        assertEquals("2025-03-04", year.get("previous").get("to").asText());
        assertEquals(8, year.get("figures").get("visits").asInt(),
                "wutong66's 1 + 5 + 1 (1 to 3 March) and ponsonby's 1, a street's report rolling up by default");
    }

    @Test
    void aMonthlyReportIsFiledAndListed() {
        var filed = server.post("/api/v1/reports/wutong66/monthly/2026-02", admin, null);
        assertEquals(201, filed.status(), filed.text());
        JsonNode list = get("/api/v1/reports/wutong66/monthly", admin);
        assertEquals("2026-02", list.get(0).get("month").asText());
        JsonNode json = get("/api/v1/reports/wutong66/monthly/2026-02.zh.json", admin);
        assertEquals("2026-02", json.get("month").asText());
        assertEquals(200, server.get("/api/v1/reports/wutong66/monthly/2026-02.en.xlsx", admin).status());
        assertEquals(404, server.get("/api/v1/reports/wutong66/monthly/..%2Flinli.db", admin).status());
        assertEquals(400, server.post("/api/v1/reports/wutong66/monthly/2026-03", admin, null).status() / 100 * 100,
                "March is not over");

        // a residential hub's month: filed by its own admin (it was refused as "hubs are compared for a street"),
        // listed for its operator, who does not file
        var own = server.post("/api/v1/reports/ponsonby/monthly/2026-02", login("res-admin"), null);
        assertEquals(201, own.status(), own.text());
        assertEquals("2026-02", get("/api/v1/reports/ponsonby/monthly", login("res-op")).get(0).get("month").asText());
        assertEquals(0, get("/api/v1/reports/ponsonby/monthly/2026-02.en.json", login("res-op")).get("figures")
                .get("visits").asInt(), "ponsonby's one visit was on 2 March");
        assertEquals(403, server.post("/api/v1/reports/ponsonby/monthly/2026-02", login("res-op"), null).status());
        assertEquals(403, server.post("/api/v1/reports/wutong66/monthly/2026-02", login("res-admin"), null).status(),
                "not the street above it");
        assertEquals(201, server.post("/api/v1/reports/ponsonby/monthly/2026-02", login("street-admin"), null)
                .status(), "the street's admin files the hubs under it");
    }

    @Test
    void aRoomFeedReadsBackWithAnotherParserAndFollowsChanges() throws Exception {
        String operator = server.operatorToken();
        var created = server.post("/api/v1/hubs/wutong66/calendar-feeds", operator, Map.of("room", "classroom"));
        assertEquals(201, created.status(), created.text());
        String path = created.json().get("path").asText();
        var r = server.get(path, null);
        assertEquals(200, r.status(), r.text());
        assertTrue(r.contentType().startsWith("text/calendar"));
        assertFalse(r.text().contains("13800000000") || r.text().contains("张三") || r.text().contains("生日会"),
                "nothing a resident typed or is goes into a feed");
        ICalendar ical = Biweekly.parse(r.text()).first();
        assertEquals("Asia/Shanghai", ical.getTimezoneInfo().getComponents().iterator().next().getTimezoneId()
                .getValue());
        VEvent b13 = event(ical, "booking-13@wutong66.linli");
        assertEquals("CANCELLED", b13.getStatus().getValue(), "released");
        VEvent b11 = event(ical, "booking-11@wutong66.linli");
        assertEquals("CONFIRMED", b11.getStatus().getValue());
        assertEquals(0, b11.getSequence().getValue());
        assertEquals(Instant.parse("2026-03-02T02:00:00Z"), b11.getDateStart().getValue().toInstant());
        assertNotNull(event(ical, "activity-act-d@wutong66.linli"));
        VEvent block = event(ical, "booking-18@wutong66.linli");
        assertEquals("维修 Maintenance", block.getSummary().getValue(), "a block is not shown as booked");
        assertEquals("maintenance", block.getCategories().getFirst().getValues().getFirst());
        assertEquals("已预约 Booked", b11.getSummary().getValue());

        // staff cancel booking 11: same UID, SEQUENCE raised, STATUS:CANCELLED
        try (Connection c = server.openDatabase()) {
            c.createStatement().executeUpdate("UPDATE booking SET status = 'cancelled' WHERE id = 11");
        }
        ICalendar after = Biweekly.parse(server.get(path, null).text()).first();
        VEvent cancelled = event(after, "booking-11@wutong66.linli");
        assertEquals(1, cancelled.getSequence().getValue());
        assertEquals("CANCELLED", cancelled.getStatus().getValue());

        String id = created.json().get("id").asText();
        var renewed = server.post("/api/v1/hubs/wutong66/calendar-feeds/" + id + "/renew", operator, null);
        assertEquals(200, renewed.status());
        assertEquals(404, server.get(path, null).status(), "the old URL is dead");
        String newPath = renewed.json().get("path").asText();
        assertEquals(200, server.get(newPath, null).status());
        assertEquals(204, server.delete("/api/v1/hubs/wutong66/calendar-feeds/" + id, operator).status());
        assertEquals(404, server.get(newPath, null).status());
        assertEquals(404, server.get(newPath.replace(".ics", "x.ics"), null).status());
    }

    @Test
    void aHubFeedInAucklandCarriesItsOwnZone() throws Exception {
        var created = server.post("/api/v1/hubs/ponsonby/calendar-feeds", login("res-op"), Map.of());
        assertEquals(201, created.status(), created.text());
        String text = server.get(created.json().get("path").asText(), null).text();
        assertTrue(text.contains("BEGIN:VTIMEZONE"), text);
        ICalendar ical = Biweekly.parse(text).first();
        VEvent b17 = event(ical, "booking-17@ponsonby.linli");
        assertEquals(Instant.parse("2026-03-01T20:00:00Z"), b17.getDateStart().getValue().toInstant());
        assertTrue(text.contains("DTSTART;TZID=Pacific/Auckland:20260302T090000"), text);
        assertEquals(403, server.post("/api/v1/hubs/wutong66/calendar-feeds", login("res-op"), Map.of()).status());
    }

    private static VEvent event(ICalendar ical, String uid) {
        return ical.getEvents().stream().filter(e -> e.getUid().getValue().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + uid));
    }
}
