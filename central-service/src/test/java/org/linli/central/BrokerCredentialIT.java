package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * A device's broker password, made by the central and shown once (docs/decisions/0020): a real Mosquitto takes the
 * hashed line the answer carries and lets that password in, a newer credential shuts the older out once its line is
 * on the broker, and the central keeps nothing of it.
 */
class BrokerCredentialIT {
    @TempDir
    Path dir;
    TestServer server;
    MosquittoBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private JsonNode credential(String device) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri("/api/v1/devices/" + device + "/broker-credential"))
                .header("Authorization", "Bearer " + server.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), "shown once, cached nowhere");
        return org.linli.central.web.Json.MAPPER.readTree(r.body());
    }

    private static void connect(MosquittoBroker broker, String user, String password) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        MqttClient client = new MqttClient(broker.url(), user, new MemoryPersistence());
        try {
            client.connect(options);
            assertTrue(client.isConnected());
            client.disconnect();
        } finally {
            client.close();
        }
    }

    @Test
    void theShownPasswordOpensTheBrokerWithTheShownLineAndANewOneReplacesIt() throws Exception {
        server = TestServer.start(dir.resolve("data"));
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(), Map.of("id", "door-9", "hub",
                TestServer.HUB, "rooms", List.of("studio"))).status());

        JsonNode first = credential("door-9");
        assertEquals("door-9", first.get("username").asText());
        String password = first.get("password").asText();
        String line = first.get("passwdLine").asText();
        assertTrue(password.length() >= 24, "144 random bits: " + password.length());
        assertTrue(line.startsWith("door-9:$7$101$"), line);
        assertFalse(line.contains(password));
        String command = first.get("brokerCommand").asText();
        assertTrue(command.contains(" | sudo central-broker-config/scripts/credential.sh device door-9 "
                + TestServer.HUB + " --hashed-stdin"), command);
        // the command's first half, as a shell runs it, hands the script exactly the line
        Process printf = new ProcessBuilder("bash", "-c", command.substring(0, command.indexOf(" | "))).start();
        assertEquals(line + "\n", new String(printf.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        // mosquitto drops root for its own user, which must read the password file
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, line + "\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous false", "password_file " + passwd);
        connect(broker, "door-9", password);
        MqttException wrong = assertThrows(MqttException.class, () -> connect(broker, "door-9", password + "x"));
        assertEquals(0x87, wrong.getReasonCode());

        // a new credential (the old one lost): once its line replaces the old on the broker, only it works
        JsonNode second = credential("door-9");
        assertNotEquals(password, second.get("password").asText());
        Files.writeString(passwd, second.get("passwdLine").asText() + "\n");
        broker.reload();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> {
                    connect(broker, "door-9", second.get("password").asText());
                    return true;
                });
        assertThrows(MqttException.class, () -> connect(broker, "door-9", password));

        // kept nowhere but in the audit log's who, when and from where
        String everything = server.get("/api/v1/devices", server.adminToken()).text()
                + server.get("/api/v1/audit", server.adminToken()).text();
        assertFalse(everything.contains(password) || everything.contains(line.substring(line.lastIndexOf('$'))));
        JsonNode audit = server.get("/api/v1/audit?action=broker-credential", server.adminToken()).json();
        assertEquals(2, audit.size(), audit.toString());
        assertEquals(TestServer.HUB, audit.get(0).get("hub").asText());
        assertEquals("admin", audit.get(0).get("actor").asText());
    }

    @Test
    void onlyAnAdminOfTheDevicesHubGetsOne() {
        server = TestServer.start(dir.resolve("data"));
        assertEquals(201, server.post("/api/v1/devices", server.adminToken(), Map.of("id", "door-9", "hub",
                TestServer.HUB, "rooms", List.of("studio"))).status());
        assertEquals(403, server.post("/api/v1/devices/door-9/broker-credential", server.operatorToken(), null)
                .status());
        assertEquals(403, server.post("/api/v1/devices/door-9/broker-credential", server.kioskKey(), null).status());
        assertEquals(404, server.post("/api/v1/devices/no-such-door/broker-credential", server.adminToken(), null)
                .status());
    }
}
