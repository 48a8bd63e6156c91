package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** The two TLS listeners of the production configuration, with certificates made by {@code scripts/tls.sh}. */
class TlsIT {
    @TempDir
    static Path dir;
    @TempDir
    static Path foreign;
    static ProductionBroker broker;
    static String doorAPassword;

    @BeforeAll
    static void startBroker() {
        broker = ProductionBroker.prepare(dir);
        doorAPassword = broker.credential("device", "door-a", "wutong66");
        broker.credential("device", "door-c", "wutong66");
        Scripts.script(Map.of(), "tls.sh", "device", broker.tls().toString(), "door-c");
        broker.credential("device", "door-e", "wutong66");
        Scripts.script(Map.of(), "tls.sh", "device", broker.tls().toString(), "door-e");
        // another CA, as an attacker would make, issuing a certificate in the name of a real device
        Scripts.script(Map.of(), "tls.sh", "ca", foreign.toString());
        Scripts.script(Map.of(), "tls.sh", "device", foreign.toString(), "door-c");
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    static MqttConnectionOptions withTls(MqttConnectionOptions options, Path ca, Path tlsDir, String device) {
        Path cert = device == null ? null : tlsDir.resolve("devices/" + device + ".crt");
        Path key = device == null ? null : tlsDir.resolve("devices/" + device + ".key");
        options.setSocketFactory(TestClient.tls(ca, cert, key));
        return options;
    }

    @Test
    void deviceLogsInWithItsPasswordOverTls() throws Exception {
        MqttConnectionOptions options = withTls(TestClient.options("door-a", doorAPassword),
                broker.tls().resolve("ca.crt"), null, null);
        try (TestClient doorA = TestClient.connect(broker.tlsUrl(), "door-a", options)) {
            assertTrue(doorA.publish(Topics.deviceTelemetry("door-a"), "{}", false) < 0x80);
            assertEquals(0x87, doorA.publish(Topics.deviceTelemetry("door-c"), "{}", false));
        }
    }

    @Test
    void tlsListenerRefusesPlainMqtt() {
        String plainToTlsPort = broker.tlsUrl().replace("ssl://localhost", "tcp://127.0.0.1");
        assertThrows(MqttException.class,
                () -> TestClient.connect(plainToTlsPort, "door-a", TestClient.options("door-a", doorAPassword)));
    }

    @Test
    void deviceRefusesABrokerWhoseCertificateItsCaDidNotSign() {
        MqttConnectionOptions options = withTls(TestClient.options("door-a", doorAPassword),
                foreign.resolve("ca.crt"), null, null);
        assertThrows(MqttException.class, () -> TestClient.connect(broker.tlsUrl(), "door-a", options));
    }

    @Test
    void mutualTlsDeviceIsKnownByItsCertificateCommonName() throws Exception {
        MqttConnectionOptions options = withTls(TestClient.options(null, null), broker.tls().resolve("ca.crt"),
                broker.tls(), "door-c");
        try (TestClient doorC = TestClient.connect(broker.mutualTlsUrl(), "door-c", options)) {
            assertTrue(doorC.publish(Topics.deviceStatus("door-c"), "{\"state\":\"online\"}", true) < 0x80);
            assertEquals(0x87, doorC.publish(Topics.deviceStatus("door-a"), "{\"state\":\"online\"}", true),
                    "the CN, not the client id or a user name, decides");
        }
    }

    @Test
    void mutualTlsRefusesACertificateFromAForeignCa() {
        MqttConnectionOptions options = withTls(TestClient.options(null, null), broker.tls().resolve("ca.crt"),
                foreign, "door-c");
        assertThrows(MqttException.class, () -> TestClient.connect(broker.mutualTlsUrl(), "door-c", options));
    }

    @Test
    void mutualTlsRefusesAClientWithoutCertificateEvenWithAPassword() {
        MqttConnectionOptions options = withTls(TestClient.options("door-a", doorAPassword),
                broker.tls().resolve("ca.crt"), null, null);
        assertThrows(MqttException.class, () -> TestClient.connect(broker.mutualTlsUrl(), "door-a", options));
    }

    /**
     * Review finding L10: a stolen door's certificate is revoked with {@code tls.sh revoke}; after a reload (SIGHUP,
     * {@code systemctl reload mosquitto}) the broker refuses it, and other devices go on.
     */
    @Test
    void aRevokedDeviceCertificateIsRefusedAfterAReload() throws Exception {
        MqttConnectionOptions doorE = withTls(TestClient.options(null, null), broker.tls().resolve("ca.crt"),
                broker.tls(), "door-e");
        try (TestClient client = TestClient.connect(broker.mutualTlsUrl(), "door-e", doorE)) {
            assertTrue(client.publish(Topics.deviceStatus("door-e"), "{}", true) < 0x80);
        }
        String said = Scripts.script(Map.of(), "tls.sh", "revoke", broker.tls().toString(), "door-e");
        assertEquals("", said, "tls.sh reports on stderr only");
        broker.reload();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (TestClient refused = TestClient.connect(broker.mutualTlsUrl(), "door-e", doorE)) {
                return false;
            } catch (MqttException e) {
                return true;
            }
        });
        MqttConnectionOptions doorC = withTls(TestClient.options(null, null), broker.tls().resolve("ca.crt"),
                broker.tls(), "door-c");
        try (TestClient client = TestClient.connect(broker.mutualTlsUrl(), "door-c", doorC)) {
            assertTrue(client.publish(Topics.deviceStatus("door-c"), "{}", true) < 0x80, "door-c is not revoked");
        }
    }
}
