package org.linli.central.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.Contrast;
import org.linli.central.StaffBrowser;
import org.linli.central.TestServer;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.HeadlessChromium;
import org.linli.protocol.testing.HubTime;
import org.linli.protocol.testing.MosquittoBroker;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's door actions in Chromium, through a real broker: an operator unlocks a door (only with a reason),
 * identifies a device and reloads it; each goes out signed, the device's answer (done, refused, none) comes back on
 * the page, and the audit log keeps the reason with who, when and from where. The device's side is played by a client
 * that answers as the agent's CommandHandler does: an event whose reason carries the command's id.
 */
class DoorActionsIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String DOOR = "studio-door";

    @TempDir
    Path dir;

    @Test
    void anOperatorUnlocksIdentifiesAndReloadsAndSeesTheDevicesAnswers() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true");
                TestServer server = TestServer.start(dir.resolve("data"), Map.of("mqtt.url", broker.url(),
                        "live.client-id", "central-door-actions-it"), HubTime.noon().clock());
                TestPublisher agent = new TestPublisher(broker.url(), "studio-door-agent")) {
            assertEquals(201, server.post("/api/v1/devices", server.adminToken(),
                    Map.of("id", DOOR, "hub", TestServer.HUB, "rooms", List.of("studio", "classroom"))).status());
            await().atMost(Duration.ofSeconds(20)).until(() -> server.components().mqttConnected());
            BlockingQueue<byte[]> commands = new LinkedBlockingQueue<>();
            agent.client().setCallback(new MessageCallback((topic, message) -> commands.add(message)));
            agent.client().subscribe(new MqttSubscription[] {new MqttSubscription(Topics.deviceCmd(DOOR), 1)})
                    .waitForCompletion(5000);
            PayloadCodec codec = new PayloadCodec(server.clock());

            ChromeDriver chrome = HeadlessChromium.start(dir.resolve("chrome"), 1600, 1400);
            try {
                StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.operatorToken(), "en");
                chrome.get(server.uri("/").toString());
                await().atMost(Duration.ofSeconds(15)).until(() -> chrome.findElement(By.id("door-card")).isDisplayed()
                        && !chrome.findElements(By.cssSelector("#door-device option[value='" + DOOR + "']")).isEmpty());
                chrome.findElement(By.cssSelector("#door-open summary")).click();

                // no reason, no door opened: said beside the field, nothing sent
                chrome.findElement(By.id("door-unlock")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> text(chrome,
                        "#door .field-error[data-for='reason']").contains("Say why the door is opened"));
                assertTrue(commands.isEmpty());

                chrome.executeScript("document.getElementById('door-room').value = 'classroom';");
                chrome.findElement(By.id("door-seconds")).clear();
                chrome.findElement(By.id("door-seconds")).sendKeys("8");
                chrome.findElement(By.id("door-reason")).sendKeys("caterer delivering for the festival");
                chrome.findElement(By.id("door-unlock")).click();
                CommandPayload unlock = codec.decodeCommand(commands.poll(20, TimeUnit.SECONDS));
                assertEquals(CommandPayload.UNLOCK, unlock.cmd());
                assertEquals("classroom", unlock.room());
                assertEquals(8, unlock.durationS());
                assertTrue(unlock.signed(), unlock.toString());
                String sent = "#door-answers [data-command='" + unlock.id() + "']";
                await().atMost(Duration.ofSeconds(10)).until(() -> text(chrome, sent)
                        .contains("sent, waiting for the device"));
                // the agent's answer, as its Door.remoteUnlock reports it
                agent.publish(Topics.deviceEvents(DOOR), codec.encode(new EventPayload(server.clock().millis(), 1,
                        "classroom", "door.unlocked_remotely", null, unlock.id() + " for 8 s")), false);
                await().atMost(Duration.ofSeconds(20)).until(() -> text(chrome, sent).contains("done by the device"));
                assertTrue(text(chrome, sent).contains("caterer delivering for the festival"), text(chrome, sent));
                assertTrue(text(chrome, sent).contains("operator from 127.0.0.1"), text(chrome, sent));
                assertTrue(text(chrome, sent).contains(" 8 s · caterer"), text(chrome, sent));
                // done: the device's own words (its English, the command's id) are not shown; a Chinese page had
                // "设备已执行 (… c315a611-… for 5 s)"
                assertFalse(text(chrome, sent).contains(unlock.id()), text(chrome, sent));
                // sent at noon in the hub (Shanghai), whatever zone the browser is in
                assertTrue(text(chrome, sent).startsWith("12:00"), text(chrome, sent));
                HeadlessChromium.screenshot(chrome, SHOTS.resolve("dashboard-door-actions.png"));

                // identify, refused by the device (as a stale or replayed command is): the page says so
                chrome.findElement(By.id("door-identify")).click();
                CommandPayload identify = codec.decodeCommand(commands.poll(20, TimeUnit.SECONDS));
                assertEquals(CommandPayload.IDENTIFY, identify.cmd());
                agent.publish(Topics.deviceEvents(DOOR), codec.encode(new EventPayload(server.clock().millis(), 2,
                        null, "command.refused", null, "STALE " + identify.id() + ": older than 60 s")), false);
                String refused = "#door-answers [data-command='" + identify.id() + "']";
                await().atMost(Duration.ofSeconds(20)).until(() -> text(chrome, refused)
                        .contains("refused by the device"));
                assertTrue(text(chrome, refused).contains("The device says: STALE"), text(chrome, refused));

                // reload, and the device never answers: after half a minute the page says none came
                chrome.findElement(By.id("door-reload")).click();
                CommandPayload reload = codec.decodeCommand(commands.poll(20, TimeUnit.SECONDS));
                String silent = "#door-answers [data-command='" + reload.id() + "']";
                await().atMost(Duration.ofSeconds(10)).until(() -> text(chrome, silent).contains("waiting"));
                server.clock().advance(Duration.ofSeconds(31));
                await().atMost(Duration.ofSeconds(10)).until(() -> text(chrome, silent)
                        .contains("no answer from the device"));
                Contrast.assertReadable(chrome, "the dashboard's door answers");

                // the administrator finds the door opened, and why, in the audit log's page
                StaffBrowser.signIn(chrome, server.uri("/login").toString(), server.adminToken(), "en");
                chrome.get(server.uri("/audit").toString());
                await().atMost(Duration.ofSeconds(15)).until(() -> text(chrome, "#entries")
                        .contains("caterer delivering for the festival"));
                assertTrue(text(chrome, "#entries").contains("POST /api/v1/devices/" + DOOR + "/commands"));
                Contrast.assertReadable(chrome, "audit, a door opened");
            } finally {
                chrome.quit();
            }

            // the audit log: who, when, from where, and why
            JsonNode audit = server.get("/api/v1/audit?action=commands", server.adminToken()).json();
            // newest first: reload, identify, the unlock, and the unlock refused for want of a reason
            assertEquals(4, audit.size(), audit.toString());
            assertEquals(400, audit.get(3).get("status").asInt());
            JsonNode unlocked = audit.get(2);
            assertEquals(202, unlocked.get("status").asInt());
            assertEquals("POST /api/v1/devices/" + DOOR + "/commands", unlocked.get("action").asText());
            assertEquals("caterer delivering for the festival", unlocked.get("detail").asText());
            assertEquals("operator", unlocked.get("actor").asText());
            assertEquals(TestServer.HUB, unlocked.get("hub").asText());
            assertEquals("127.0.0.1", unlocked.get("source").asText());
            assertEquals(server.clock().instant().minusSeconds(31).getEpochSecond(),
                    java.time.Instant.parse(unlocked.get("at").asText()).getEpochSecond(), 1);

            // staff of another hub neither see nor command the door
            server.components().catalogue().put(new Hub("yongkang", "street", "xuhui",
                    new Name("永康邻里汇", "Yongkang Hub"), java.time.ZoneId.of("Asia/Shanghai"),
                    java.time.LocalTime.of(8, 0), java.time.LocalTime.of(21, 0)));
            server.components().accounts().putStaff("yongkang-op", "yongkang-password-1", Role.OPERATOR, "yongkang");
            String other = server.post("/api/v1/auth/login", null, Map.of("username", "yongkang-op", "password",
                    "yongkang-password-1")).json().get("token").asText();
            assertEquals(404, server.get("/api/v1/devices/" + DOOR + "/commands", other).status());
            assertEquals(404, server.post("/api/v1/devices/" + DOOR + "/commands", other,
                    Map.of("cmd", "unlock", "room", "studio", "reason", "x")).status());
            assertEquals(0, server.get("/api/v1/devices", other).json().size());
        }
    }

    private static String text(ChromeDriver chrome, String css) {
        return (String) chrome.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.innerText : '';", css);
    }
}
