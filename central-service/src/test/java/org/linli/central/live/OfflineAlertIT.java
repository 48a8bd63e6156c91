package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.central.alerts.Alert;
import org.linli.central.devices.DeviceRegistry;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.testing.TcpProxy;

/** A device whose link dies without a clean disconnect raises the offline alert on time, from the server. */
class OfflineAlertIT {
    static final int OFFLINE_AFTER_S = 2;
    static final String HUB = TestServer.HUB;

    @TempDir
    Path dir;

    @Test
    void raisesTheOfflineAlertOnTimeWhenAnAgentIsKilled() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.onMachineClock(dir.resolve("data"), Map.of(
                        "mqtt.url", broker.url(), "live.offline-after-seconds", Integer.toString(OFFLINE_AFTER_S),
                        "live.client-id", "central-offline-it"));
                TcpProxy proxy = new TcpProxy(broker.port())) {
            assertEquals(201, server.post("/api/v1/devices", server.token("admin"),
                    Map.of("id", "studio-door", "hub", HUB, "rooms", List.of("studio"))).status());
            await().atMost(Duration.ofSeconds(20)).until(() -> server.components().mqttConnected());
            String status = "linli/v1/devices/studio-door/status";
            TestPublisher agent = new TestPublisher("tcp://127.0.0.1:" + proxy.port(), "studio-door", 16, status,
                    ("{\"state\":\"offline\",\"ts\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8));
            try {
                // the service may subscribe after the retained online status is set: it gets it either way
                agent.publish(status, ("{\"state\":\"online\",\"ts\":" + System.currentTimeMillis()
                        + ",\"version\":\"1.2.3\"}").getBytes(StandardCharsets.UTF_8), true);
                await().atMost(Duration.ofSeconds(20)).until(() -> server.components().registry().view("studio-door")
                        .map(DeviceRegistry.DeviceView::online).orElse(false));
                assertEquals("1.2.3", server.components().registry().view("studio-door").orElseThrow().version());

                long killed = System.nanoTime();
                proxy.kill();
                await().atMost(Duration.ofSeconds(OFFLINE_AFTER_S + 5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> server.components().alerts().open(HUB).stream()
                                .anyMatch(a -> a.kind().equals(Alert.DEVICE_OFFLINE)
                                        && "studio-door".equals(a.deviceId())));
                long tookMs = (System.nanoTime() - killed) / 1_000_000;
                assertTrue(tookMs >= OFFLINE_AFTER_S * 1000L - 100, "fired too early, after " + tookMs + " ms");
                assertTrue(tookMs <= (OFFLINE_AFTER_S + 5) * 1000L, "fired after " + tookMs + " ms");
            } finally {
                agent.client().disconnectForcibly(0, 100, false);
                agent.client().close(true);
            }

            JsonNode live = server.get("/api/v1/hubs/" + HUB + "/live", server.token("operator")).json();
            JsonNode device = live.get("devices").get(0);
            assertEquals("studio-door", device.get("id").asText());
            assertFalse(device.get("online").asBoolean());
            JsonNode alert = live.get("alerts").get(0);
            assertEquals("device_offline", alert.get("kind").asText());

            TestServer.Response ack = server.post("/api/v1/alerts/" + alert.get("id").asLong() + "/ack",
                    server.token("operator"), null);
            assertEquals(200, ack.status(), ack.text());
            assertTrue(ack.json().get("acknowledged").asBoolean());
            assertTrue(server.components().alerts().open(HUB).isEmpty());
        }
    }
}
