package org.linli.central.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.TestServer;
import org.linli.protocol.Topics;
import org.linli.protocol.command.CommandVerifier;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * Finding L6: every command central sends is signed with the hub key, names its device and is fresh, so the agent
 * (which refuses anything else) carries it out. Finding M4: a device of another hub is neither commanded, nor taken
 * over by registering its id again; it can be removed.
 */
class DeviceCommandsIT {
    @TempDir
    Path dir;

    @Test
    void commandsAreSignedForTheirDeviceAndOnlyForItsOwnHub() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-commands-it"), HubTime.noon().clock())) {
            String admin = server.token("admin");
            assertEquals(201, server.post("/api/v1/devices", admin,
                    Map.of("id", "studio-door", "hub", TestServer.HUB, "rooms", List.of("studio"))).status());
            org.awaitility.Awaitility.await().until(() -> server.components().mqttConnected());

            try (TestPublisher door = new TestPublisher(broker.url(), "studio-door-watcher")) {
                java.util.concurrent.CompletableFuture<byte[]> received = new java.util.concurrent.CompletableFuture<>();
                door.client().setCallback(new MessageCallback((topic, message) -> received.complete(message)));
                door.client().subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(Topics.deviceCmd("studio-door"), 1)})
                        .waitForCompletion(5000);
                TestServer.Response sent = server.post("/api/v1/devices/studio-door/commands",
                        server.token("operator"), Map.of("cmd", "unlock", "room", "studio", "durationS", 5,
                                "reason", "a resident's child left inside"));
                assertEquals(202, sent.status(), sent.text());

                CommandPayload command = new PayloadCodec(server.clock())
                        .decodeCommand(received.get(20, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(command.signed(), "unsigned: " + command);
                assertEquals(sent.json().get("id").asText(), command.id());
                CommandVerifier verifier = CommandVerifier.of(server.components().keys().published());
                assertEquals(CommandVerifier.Verdict.VALID,
                        verifier.verify(command, "studio-door", server.clock().instant()).verdict());
                assertEquals(CommandVerifier.Verdict.WRONG_DEVICE,
                        verifier.verify(command, "other-door", server.clock().instant()).verdict());
            }

            // what is not a command for this door is refused before anything is sent
            assertEquals(400, server.post("/api/v1/devices/studio-door/commands", server.token("operator"),
                    Map.of("cmd", "unlock", "room", "classroom", "reason", "test")).status());
            TestServer.Response noReason = server.post("/api/v1/devices/studio-door/commands",
                    server.token("operator"), Map.of("cmd", "unlock", "room", "studio"));
            assertEquals(400, noReason.status());
            assertEquals("reason", noReason.json().get("errors").get(0).get("field").asText(), noReason.text());
            assertEquals(400, server.post("/api/v1/devices/studio-door/commands", server.token("operator"),
                    Map.of("cmd", "open-sesame")).status());
            assertEquals(403, server.post("/api/v1/devices/studio-door/commands", server.token("counter"),
                    Map.of("cmd", "identify")).status());
            assertEquals(403, server.post("/api/v1/devices/studio-door/commands", server.kioskKey(),
                    Map.of("cmd", "identify")).status());

            // a device of the district hub: the street hub's operator cannot command it, nobody can move it
            assertEquals(200, server.put("/api/v1/rooms/hq-hall", admin, Map.of("hub", "xuhui", "nameZh", "区会议室",
                    "nameEn", "District hall", "capacity", 10)).status());
            assertEquals(201, server.post("/api/v1/devices", admin,
                    Map.of("id", "hq-door", "hub", "xuhui", "rooms", List.of("hq-hall"))).status());
            assertEquals(404, server.post("/api/v1/devices/hq-door/commands", server.token("operator"),
                    Map.of("cmd", "identify")).status());
            TestServer.Response moved = server.post("/api/v1/devices", admin,
                    Map.of("id", "hq-door", "hub", TestServer.HUB, "rooms", List.of("studio")));
            assertEquals(409, moved.status(), moved.text());
            assertTrue(moved.text().contains("device-of-another-hub"), moved.text());

            assertEquals(200, server.delete("/api/v1/devices/hq-door", admin).status());
            assertFalse(server.get("/api/v1/devices", admin).text().contains("hq-door"));
            assertTrue(server.components().registry().device("hq-door").isEmpty());
            assertEquals(404, server.delete("/api/v1/devices/hq-door", admin).status());
        }
    }
}
