package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.Topics;

/**
 * Review finding M2, against the production configuration: Mosquitto finds a session by client id alone, so a device
 * that could choose its client id could take over central's session or another door's (their queued messages and
 * subscriptions) or keep knocking them off. On every network listener the client id is the user name, whatever the
 * client sends; persistent sessions still resume, under that name.
 */
class ClientIdIT {
    static final String HUB = "wutong66";

    @TempDir
    static Path dir;
    static ProductionBroker broker;
    static String central;
    static String doorA;
    static String doorB;

    @BeforeAll
    static void startBroker() {
        broker = ProductionBroker.prepare(dir);
        central = broker.credential("central");
        doorA = broker.credential("device", "door-a", HUB);
        doorB = broker.credential("device", "door-b", HUB);
        broker.credential("device", "door-m", HUB);
        Scripts.script(Map.of(), "tls.sh", "device", broker.tls().toString(), "door-m");
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A persistent session (Clean Start off, an hour of expiry), as the agent and central keep theirs. */
    static MqttConnectionOptions persistent(String user, String password) {
        MqttConnectionOptions options = TestClient.options(user, password);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        return options;
    }

    static TestClient overTls(String clientId, MqttConnectionOptions options) throws MqttException {
        return TestClient.connect(broker.tlsUrl(), clientId,
                TlsIT.withTls(options, broker.tls().resolve("ca.crt"), null, null));
    }

    /** Central's production client id contains a dot (deploy-pi central.yaml.example): no device name can hold it. */
    static final String CENTRAL_ID = "svc.central";

    @Test
    void doorACannotTakeOverCentralsSessionNorKnockItOff() throws Exception {
        try (TestClient centralClient = TestClient.connect(broker.plainUrl(), CENTRAL_ID,
                persistent("svc.central", central))) {
            centralClient.subscribe("linli/v1/devices/+/events");
            for (String stolenId : new String[] {CENTRAL_ID, "linli-central", "svc.central-receipts"}) {
                for (boolean cleanStart : new boolean[] {false, true}) {
                    MqttConnectionOptions options = persistent("door-a", doorA);
                    options.setCleanStart(cleanStart);
                    try (TestClient thief = overTls(stolenId, options)) {
                        thief.subscribe(Topics.ALL_DEVICE_MESSAGES);
                        try (TestClient doorBClient = overTls("door-b", persistent("door-b", doorB))) {
                            assertTrue(doorBClient.publish(Topics.deviceEvents("door-b"), "{\"n\":1}", false) < 0x80);
                        }
                        TestClient.Received received = centralClient.expectNext();
                        assertEquals(Topics.deviceEvents("door-b"), received.topic(), "central still receives, after"
                                + " door-a connected as '" + stolenId + "' (clean start " + cleanStart + ")");
                        assertTrue(thief.next(java.time.Duration.ofMillis(300)) == null,
                                "door-a got nothing of central's subscription");
                    }
                    assertTrue(centralClient.isConnected());
                    assertTrue(centralClient.publish(Topics.deviceCmd("door-b"), "{}", false) < 0x80,
                            "central's connection was never taken over");
                }
            }
        }
    }

    @Test
    void doorACannotTakeOverDoorBsSessionNorItsQueuedCommands() throws Exception {
        try (TestClient doorBClient = overTls("door-b", persistent("door-b", doorB))) {
            doorBClient.subscribe(Topics.deviceCmd("door-b"));
        }
        try (TestClient centralClient = TestClient.connect(broker.plainUrl(), CENTRAL_ID + "-queue",
                TestClient.options("svc.central", central))) {
            assertTrue(centralClient.publish(Topics.deviceCmd("door-b"), "{\"queued\":\"for door-b\"}", false) < 0x80);
        }
        for (boolean cleanStart : new boolean[] {false, true}) {
            MqttConnectionOptions options = persistent("door-a", doorA);
            options.setCleanStart(cleanStart);
            try (TestClient thief = overTls("door-b", options)) {
                assertTrue(thief.publish(Topics.deviceEvents("door-b"), "{}", false) >= 0x80,
                        "the connection is door-a's, with door-a's rights");
            }
        }
        try (TestClient doorBClient = overTls("any-id-at-all", persistent("door-b", doorB))) {
            assertEquals("{\"queued\":\"for door-b\"}", doorBClient.expectNext().payload(),
                    "door-b's session resumes under its user name, whatever client id it sends, with its queue");
        }
    }

    @Test
    void onTheMutualTlsListenerTheCertificatesNameIsTheClientId() throws Exception {
        MqttConnectionOptions withCertificate = TlsIT.withTls(persistent(null, null), broker.tls().resolve("ca.crt"),
                broker.tls(), "door-m");
        try (TestClient doorBClient = overTls("door-b", persistent("door-b", doorB));
                TestClient doorM = TestClient.connect(broker.mutualTlsUrl(), "door-b", withCertificate)) {
            assertTrue(doorM.publish(Topics.deviceStatus("door-m"), "{}", false) < 0x80);
            assertTrue(doorBClient.publish(Topics.deviceStatus("door-b"), "{}", false) < 0x80,
                    "door-b is still connected");
        }
    }
}
