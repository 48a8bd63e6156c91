package org.linli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.Topics;
import org.linli.protocol.testing.MessageCallback;
import org.linli.protocol.testing.MosquittoBroker;

/** The demo's embedded broker: retained keys survive a restart, and only the demo's own programs get in (L8). */
class EmbeddedBrokerTest {
    static final String HUB = "xh-wt66";
    static final String CENTRAL_PASSWORD = "central-secret";
    static final String DOOR_PASSWORD = "door-secret";
    static final byte[] KEYS = "[{\"kid\":\"1\",\"alg\":\"Ed25519\",\"key\":\"AAAA\"}]".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    EmbeddedBroker start(int port) throws Exception {
        Path credentials = dir.resolve("demo-credentials.properties");
        if (!Files.exists(credentials)) {
            Files.writeString(credentials, "staff.admin.password=x\ndevice.door-1.password=" + DOOR_PASSWORD
                    + "\ndevice.door-2.password=other\n");
        }
        return EmbeddedBroker.start(dir.resolve("broker"), port, new BrokerAccess(credentials, HUB, CENTRAL_PASSWORD));
    }

    @Test
    void keepsRetainedKeysAcrossARestart() throws Exception {
        int port = MosquittoBroker.freePort();
        try (EmbeddedBroker broker = start(port)) {
            MqttClient publisher = connect(broker.url(), "svc.central", "svc.central", CENTRAL_PASSWORD, null);
            publisher.publish(Topics.accessKeys(HUB), new MqttMessage(KEYS, 1, true, new MqttProperties()));
            publisher.disconnect();
            publisher.close();
        }
        try (EmbeddedBroker broker = start(port)) {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            MqttClient door = connect(broker.url(), "door-1", "door-1", DOOR_PASSWORD, received);
            door.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.accessKeys(HUB), 1)});
            MqttMessage retained = received.poll(20, TimeUnit.SECONDS);
            assertArrayEquals(KEYS, retained.getPayload());
            assertEquals(true, retained.isRetained());
            door.disconnect();
            door.close();
        }
    }

    @Test
    void onlyTheDemosCentralAndDevicesGetInEachUnderItsOwnClientId() throws Exception {
        try (EmbeddedBroker broker = start(MosquittoBroker.freePort())) {
            for (String[] refused : new String[][] {{"anyone", null, null}, {"door-1", "door-1", "wrong"},
                    {"door-9", "door-9", DOOR_PASSWORD}, {"door-2", "door-1", DOOR_PASSWORD},
                    {"linli-central", "svc.central", CENTRAL_PASSWORD}, {"door-1", "svc.central", DOOR_PASSWORD}}) {
                MqttException e = assertThrows(MqttException.class,
                        () -> connect(broker.url(), refused[0], refused[1], refused[2], null),
                        () -> String.join(" ", java.util.Arrays.asList(refused)));
                assertTrue(e.getReasonCode() >= 0x80, e.toString());
            }
            MqttClient door = connect(broker.url(), "door-1", "door-1", DOOR_PASSWORD, null);
            MqttClient central = connect(broker.url(), "svc.central-receipts", "svc.central", CENTRAL_PASSWORD, null);
            assertTrue(door.isConnected() && central.isConnected());
            door.disconnect();
            central.disconnect();
            door.close();
            central.close();
        }
    }

    /**
     * Review finding L8: any local user could publish a retained {@code access/keys} and make the demo's doors take
     * their tokens. A device writes only its own four channels; only central writes the hub's access topics.
     */
    @Test
    void aDeviceCannotPublishTheHubsKeysNorAnotherDevicesTopics() throws Exception {
        try (EmbeddedBroker broker = start(MosquittoBroker.freePort())) {
            BlockingQueue<MqttMessage> atCentral = new LinkedBlockingQueue<>();
            MqttClient central = connect(broker.url(), "svc.central", "svc.central", CENTRAL_PASSWORD, atCentral);
            central.subscribe(new MqttSubscription[] {new MqttSubscription("linli/v1/devices/#", 1),
                new MqttSubscription("linli/v1/hubs/" + HUB + "/access/#", 1)});
            MqttClient door = connect(broker.url(), "door-1", "door-1", DOOR_PASSWORD, null);
            publishQuietly(door, Topics.accessKeys(HUB), "[{\"kid\":\"1\",\"alg\":\"Ed25519\",\"key\":\"forged\"}]",
                    true);
            publishQuietly(door, Topics.accessRevoked(HUB), "{\"forged\":1}", true);
            publishQuietly(door, Topics.deviceStatus("door-2"), "{\"forged\":2}", true);
            publishQuietly(door, Topics.deviceCmd("door-2"), "{\"forged\":3}", false);
            door = door.isConnected() ? door : connect(broker.url(), "door-1", "door-1", DOOR_PASSWORD, null);
            door.publish(Topics.deviceStatus("door-1"), new MqttMessage("{\"own\":1}".getBytes(StandardCharsets.UTF_8),
                    1, false, new MqttProperties()));
            MqttMessage first = atCentral.poll(20, TimeUnit.SECONDS);
            assertEquals("{\"own\":1}", new String(first.getPayload(), StandardCharsets.UTF_8),
                    "the device's own status arrives, and nothing forged before it");
            assertNull(atCentral.poll(500, TimeUnit.MILLISECONDS));
            door.disconnect();
            door.close();
            central.disconnect();
            central.close();

            BlockingQueue<MqttMessage> atDoor = new LinkedBlockingQueue<>();
            MqttClient later = connect(broker.url(), "door-2", "door-2", "other", atDoor);
            later.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.accessKeys(HUB), 1)});
            assertNull(atDoor.poll(1, TimeUnit.SECONDS), "no forged retained keys for a door that comes later");
            later.disconnect();
            later.close();
        }
    }

    /** The broker may answer a forbidden publish with a refusal or by closing the connection; either is fine. */
    private static void publishQuietly(MqttClient client, String topic, String payload, boolean retained) {
        try {
            if (client.isConnected()) {
                client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained,
                        new MqttProperties()));
            }
        } catch (MqttException refused) {
            // expected: not authorised
        }
    }

    private static MqttClient connect(String url, String id, String user, String password,
            BlockingQueue<MqttMessage> received) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        if (received != null) {
            client.setCallback(new MessageCallback((topic, message) -> received.add(message)));
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(10);
        if (user != null) {
            options.setUserName(user);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
