package org.linli.central.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.Topics;
import org.linli.protocol.testing.MessageCallback;
import org.linli.protocol.testing.MosquittoBroker;
import org.linli.protocol.testing.PahoClients;

/**
 * The receipts' own connection against a real Mosquitto that wants a password: what is gathered goes out with the
 * flush, the connection pings while idle, drops what is sent while the broker is dead and comes back by itself.
 */
class ReceiptConnectionIT {
    static final String USER = "svc.central";
    static final String PASSWORD = "a-test-password";

    @TempDir
    Path dir;

    @Test
    void sendsWhatWasGatheredOnFlushKeepsAliveAndComesBackAfterTheBrokerIsKilled() throws Exception {
        // mosquitto drops root for its own user, which must read the password file
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = dir.resolve("passwd");
        Process made = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwd.toString(), USER, PASSWORD)
                .redirectErrorStream(true).start();
        assertEquals(0, made.waitFor(), new String(made.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> received = new ConcurrentHashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous false",
                "password_file " + passwd);
                ReceiptConnection receipts = new ReceiptConnection(broker.url(), "central-receipts", USER, PASSWORD,
                        Duration.ofMillis(300))) {
            try (Device device = subscriber(broker, received)) {
                receipts.start();
                await().atMost(Duration.ofSeconds(10)).until(receipts::connected);
                for (int i = 0; i < 100; i++) {
                    assertTrue(receipts.send(Topics.deviceAck("door-" + i), ("receipt " + i)
                            .getBytes(StandardCharsets.UTF_8)));
                }
                receipts.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 100);
                assertEquals("receipt 42", received.get(Topics.deviceAck("door-42")));

                // idle: it pings, and the broker keeps it
                long pings = receipts.pingResponses();
                await().atMost(Duration.ofSeconds(10)).until(() -> receipts.pingResponses() >= pings + 3);
                assertTrue(receipts.connected());

                broker.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> !receipts.connected());
                assertFalse(receipts.send(Topics.deviceAck("door-x"), "lost".getBytes(StandardCharsets.UTF_8)),
                        "dropped while the broker is away: the agent sends its message again");
                broker.restart();
                await().atMost(Duration.ofSeconds(20)).until(() -> receipts.connected() && device.isConnected());
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    // the subscriber resubscribes as it reconnects: send until one arrives
                    receipts.send(Topics.deviceAck("door-after"), "after".getBytes(StandardCharsets.UTF_8));
                    receipts.flush();
                    return received.containsKey(Topics.deviceAck("door-after"));
                });
                assertFalse(received.containsKey(Topics.deviceAck("door-x")));
            }
        }
    }

    /** The device's client, and what connects it again after the broker is killed. */
    private record Device(MqttAsyncClient client, AutoCloseable reconnecting) implements AutoCloseable {
        boolean isConnected() {
            return client.isConnected();
        }

        @Override
        public void close() throws Exception {
            reconnecting.close();
            PahoClients.letGo(client, 5000);
        }
    }

    private static Device subscriber(MosquittoBroker broker, Map<String, String> received)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "a-device", new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> received.put(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8))) {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                try {
                    client.subscribe(new MqttSubscription[] {new MqttSubscription("linli/v1/devices/+/ack", 1)});
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(USER);
        options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
        AutoCloseable reconnecting = PahoClients.keepConnected(client, options, 10_000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription("linli/v1/devices/+/ack", 1)})
                .waitForCompletion(10_000);
        return new Device(client, reconnecting);
    }
}
