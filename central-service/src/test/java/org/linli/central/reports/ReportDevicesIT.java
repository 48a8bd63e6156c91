package org.linli.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.protocol.testing.HubClock;

/**
 * The devices-online figure, counted by hand: the job's samples of a hub's day (report_device_day) as the reports
 * and the comparison show them, for one hub, rolled up over a street and the district, after the days are recomputed,
 * and for the samples the job takes itself.
 */
class ReportDevicesIT {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String DAY = "from=2026-03-02&to=2026-03-02";
    static final String TODAY = "from=2026-03-04&to=2026-03-04";
    @TempDir
    static Path dir;
    static TestServer server;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        // Wednesday 4 March 2026, 12:00 in Shanghai
        server = TestServer.start(dir.resolve("data"), Map.of(), new HubClock(Instant.parse("2026-03-04T04:00:00Z"),
                SHANGHAI));
        server.server().components().catalogue().put(new Hub("lane-7", "residential", "wutong66",
                new Name("七弄小汇", "Lane 7"), SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        // 2 March: wutong66 sampled 4 times with 3 devices, 9 of the 12 online; lane-7 twice with 2, 1 of 4 online.
        // 1 March: wutong66 twice with 3, all 6 online.
        exec("INSERT INTO report_device_day (hub_id, day, samples, devices, online) VALUES "
                + "('wutong66', '2026-03-02', 4, 12, 9), ('lane-7', '2026-03-02', 2, 4, 1), "
                + "('wutong66', '2026-03-01', 2, 6, 6)");
        admin = server.adminToken();
        refresh("?from=2026-02-20&to=2026-03-04");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void exec(String sql) throws SQLException {
        try (Connection c = server.openDatabase()) {
            c.createStatement().executeUpdate(sql);
        }
    }

    static void refresh(String query) {
        var run = server.post("/api/v1/reports/refresh" + query, admin, null);
        assertEquals(200, run.status(), run.text());
    }

    static JsonNode figures(String path) {
        var r = server.get(path, admin);
        assertEquals(200, r.status(), path + ": " + r.text());
        return r.json().get("figures");
    }

    static JsonNode inputs(String hub) {
        var r = server.get("/api/v1/reports/xuhui/comparison?level=all&" + DAY, admin);
        assertEquals(200, r.status(), r.text());
        for (JsonNode row : r.json().get("rows")) {
            if (row.get("hub").asText().equals(hub)) {
                return row.get("inputs").get("devices");
            }
        }
        throw new AssertionError("no row of " + hub + " in " + r.text());
    }

    /** No figure: left out of the answer, or null. */
    static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    @Test
    void eachHubAStreetAndTheDistrictShowTheShareOfSamplesOnline() {
        assertEquals(0.75, figures("/api/v1/reports/wutong66?rollup=false&" + DAY).get("devicesOnline").asDouble(),
                "9 of 12");
        assertEquals(0.25, figures("/api/v1/reports/lane-7?" + DAY).get("devicesOnline").asDouble(), "1 of 4");
        assertEquals(0.625, figures("/api/v1/reports/wutong66?rollup=true&" + DAY).get("devicesOnline").asDouble(),
                "the street: 10 of 16");
        assertEquals(0.625, figures("/api/v1/reports/xuhui?" + DAY).get("devicesOnline").asDouble(),
                "the district: no other hub was sampled");
        assertTrue(absent(figures("/api/v1/reports/xuhui?rollup=false&" + DAY).get("devicesOnline")),
                "the district's own hub has no samples");

        JsonNode wutong = inputs("wutong66");
        assertEquals(0.75, wutong.get("value").asDouble());
        assertEquals(1.0, wutong.get("previous").asDouble(), "1 March: 6 of 6");
        assertEquals(-1, wutong.get("trend").asInt());
        assertEquals(75.0, wutong.get("score").asDouble());
        assertEquals(0.25, inputs("lane-7").get("value").asDouble());
        assertTrue(absent(inputs("xuhui").get("value")), "no samples: the input is left out");
    }

    @Test
    void recomputingTheDaysKeepsTheirSamples() {
        refresh("?" + DAY);
        assertEquals(0.75, figures("/api/v1/reports/wutong66?rollup=false&" + DAY).get("devicesOnline").asDouble());
        assertEquals(0.625, figures("/api/v1/reports/xuhui?" + DAY).get("devicesOnline").asDouble());
    }

    /** Each run of the job samples the devices into today's figures, of the hub and of the hubs above it. */
    @Test
    void theJobsOwnSamplesReachTodaysFigures() throws Exception {
        long now = server.clock().instant().getEpochSecond();
        exec("INSERT INTO device (id, hub_id, created_ts) VALUES ('lane-7-door', 'lane-7', 0), "
                + "('lane-7-sensor', 'lane-7', 0)");
        exec("INSERT INTO device_state (device_id, online, changed_ts, last_seen_ts) VALUES "
                + "('lane-7-door', 1, " + now + ", " + now + "), ('lane-7-sensor', 0, " + now + ", " + now + ")");
        try {
            refresh("");
            assertEquals(0.5, figures("/api/v1/reports/lane-7?" + TODAY).get("devicesOnline").asDouble(), "1 of 2");
            exec("UPDATE device_state SET online = 1 WHERE device_id = 'lane-7-sensor'");
            refresh("");
            assertEquals(0.75, figures("/api/v1/reports/lane-7?" + TODAY).get("devicesOnline").asDouble(),
                    "1 of 2, then 2 of 2");
            assertEquals(0.75, figures("/api/v1/reports/wutong66?" + TODAY).get("devicesOnline").asDouble(),
                    "the street's row has both samples too");
        } finally {
            exec("DELETE FROM device WHERE hub_id = 'lane-7'");
        }
    }
}
