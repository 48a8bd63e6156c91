package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.Topics;

/** {@code scripts/credential.sh} against a running production broker: re-issuing and revoking device credentials. */
class CredentialScriptIT {
    @TempDir
    Path dir;

    @Test
    void reissuingADeviceCredentialReplacesItsPasswordAndKeepsOneAclBlock() throws Exception {
        try (ProductionBroker broker = ProductionBroker.prepare(dir)) {
            String first = broker.credential("device", "door-a", "wutong66");
            String second = broker.credential("device", "door-a", "yushu");
            assertNotEquals(first, second);
            String acl = Files.readString(dir.resolve("etc/acl"));
            assertEquals(1, acl.split("\n# >>> linli door-a\n", -1).length - 1, acl);
            assertTrue(acl.contains("topic read linli/v1/hubs/yushu/access/#"), acl);
            assertTrue(!acl.contains("wutong66"), "the old hub's rights are gone:\n" + acl);

            broker.start();
            assertThrows(MqttException.class, () -> TestClient.connect(broker.plainUrl(), "door-a",
                    TestClient.options("door-a", first)));
            try (TestClient doorA = TestClient.connect(broker.plainUrl(), "door-a",
                    TestClient.options("door-a", second))) {
                assertTrue(doorA.isConnected());
            }
        }
    }

    /**
     * The central's devices page makes a device's password and shows it once with the line of Mosquitto's password
     * file (PBKDF2-SHA512, as mosquitto_passwd writes it, which makes the line here): the broker host takes only that
     * line, for that device alone, and prints nothing.
     */
    @Test
    void aHashedLineFromTheDevicesPageLetsThatPasswordInAndNoOther() throws Exception {
        try (ProductionBroker broker = ProductionBroker.prepare(dir)) {
            Path scratch = dir.resolve("scratch-passwd");
            Scripts.Result made = Scripts.run(Map.of(), java.util.List.of("mosquitto_passwd", "-c", "-b",
                    scratch.toString(), "door-h", "page-made-password"));
            assertEquals(0, made.exitCode(), made.stderr());
            String line = Files.readString(scratch).trim();
            assertTrue(line.startsWith("door-h:$7$101$"), line);

            Scripts.Result forOther = broker.credentialWithInput(line + "\n", "device", "door-y", "wutong66",
                    "--hashed-stdin");
            assertNotEquals(0, forOther.exitCode());
            assertTrue(forOther.stderr().contains("not 'door-y'"), forOther.stderr());
            Scripts.Result plain = broker.credentialWithInput("door-y:plain-password\n", "device", "door-y",
                    "wutong66", "--hashed-stdin");
            assertNotEquals(0, plain.exitCode(), "a password in clear is no hashed line");
            assertTrue(!Files.readString(dir.resolve("etc/acl")).contains("door-y"), "a refused line changes nothing");

            Scripts.Result taken = broker.credentialWithInput(line + "\n", "device", "door-h", "wutong66",
                    "--hashed-stdin");
            assertEquals(0, taken.exitCode(), taken.stderr());
            assertEquals("", taken.stdout(), "nothing secret is printed");
            String passwd = Files.readString(dir.resolve("etc/passwd"));
            assertEquals(java.util.List.of(line), passwd.lines().filter(l -> l.startsWith("door-h:")).toList());
            assertTrue(Files.readString(dir.resolve("etc/acl")).contains("topic read linli/v1/hubs/wutong66/access/#"));

            broker.start();
            try (TestClient door = TestClient.connect(broker.plainUrl(), "door-h",
                    TestClient.options("door-h", "page-made-password"))) {
                assertTrue(door.isConnected());
            }
            MqttException refused = assertThrows(MqttException.class, () -> TestClient.connect(broker.plainUrl(),
                    "door-h", TestClient.options("door-h", "another-password")));
            assertEquals(0x87, refused.getReasonCode());
        }
    }

    @Test
    void removedDeviceIsRefusedAfterTheBrokerReloads() throws Exception {
        try (ProductionBroker broker = ProductionBroker.prepare(dir)) {
            String doorA = broker.credential("device", "door-a", "wutong66");
            String doorB = broker.credential("device", "door-b", "wutong66");
            broker.start();
            try (TestClient client = TestClient.connect(broker.plainUrl(), "door-a",
                    TestClient.options("door-a", doorA))) {
                assertTrue(client.isConnected());
            }

            broker.credential("remove", "door-a");
            assertTrue(!Files.readString(dir.resolve("etc/acl")).contains("door-a"));
            broker.restart();

            MqttException refused = assertThrows(MqttException.class, () -> TestClient.connect(broker.plainUrl(),
                    "door-a", TestClient.options("door-a", doorA)));
            assertEquals(0x87, refused.getReasonCode());
            try (TestClient other = TestClient.connect(broker.plainUrl(), "door-b",
                    TestClient.options("door-b", doorB))) {
                assertTrue(other.isConnected(), "the other device is untouched");
            }
        }
    }

    /**
     * Review finding L10: rights come only from a user's own ACL block, so a removed device keeps none, not even on
     * the mutual-TLS listener, where its certificate (until revoked, see TlsIT) still lets it connect.
     */
    @Test
    void aRemovedDeviceKeepsNoRightsEvenWithItsCertificate() throws Exception {
        try (ProductionBroker broker = ProductionBroker.prepare(dir)) {
            broker.credential("device", "door-c", "wutong66");
            Scripts.script(java.util.Map.of(), "tls.sh", "device", broker.tls().toString(), "door-c");
            broker.start();
            org.eclipse.paho.mqttv5.client.MqttConnectionOptions options = TlsIT.withTls(
                    TestClient.options(null, null), broker.tls().resolve("ca.crt"), broker.tls(), "door-c");
            try (TestClient doorC = TestClient.connect(broker.mutualTlsUrl(), "door-c", options)) {
                assertTrue(doorC.publish(Topics.deviceStatus("door-c"), "{}", true) < 0x80);
            }
            broker.credential("remove", "door-c");
            broker.reload();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                try (TestClient doorC = TestClient.connect(broker.mutualTlsUrl(), "door-c", options)) {
                    return doorC.publish(Topics.deviceStatus("door-c"), "{}", true) == 0x87
                            && doorC.publish(Topics.deviceEvents("door-c"), "{}", false) == 0x87;
                }
            });
        }
    }

    @Test
    void aReplicaHasCentralsRightsUnderItsOwnNameAndNeitherKnocksTheOtherOff() throws Exception {
        try (ProductionBroker broker = ProductionBroker.prepare(dir)) {
            String central = broker.credential("central");
            String replica = broker.credential("central", "r2");
            String door = broker.credential("device", "door-a", "wutong66");
            assertTrue(Files.readString(dir.resolve("etc/acl")).contains("user svc.central.r2\ntopic read linli/v1/devices/#\n"));
            broker.start();
            java.nio.file.Path ca = broker.tls().resolve("ca.crt");
            try (TestClient first = TestClient.connect(broker.tlsUrl(), "central",
                    TlsIT.withTls(TestClient.options("svc.central", central), ca, null, null));
                    TestClient second = TestClient.connect(broker.tlsUrl(), "central",
                            TlsIT.withTls(TestClient.options("svc.central.r2", replica), ca, null, null));
                    TestClient doorA = TestClient.connect(broker.plainUrl(), "door-a",
                            TestClient.options("door-a", door))) {
                first.subscribe(Topics.ALL_DEVICE_MESSAGES);
                second.subscribe(Topics.ALL_DEVICE_MESSAGES);
                doorA.subscribe(Topics.deviceCmd("door-a"));
                assertTrue(doorA.publish(Topics.deviceEvents("door-a"), "{}", false) < 0x80);
                assertEquals(Topics.deviceEvents("door-a"), first.expectNext().topic());
                assertEquals(Topics.deviceEvents("door-a"), second.expectNext().topic());
                assertEquals(0, second.publish(Topics.deviceCmd("door-a"), "{}", false));
                assertEquals(Topics.deviceCmd("door-a"), doorA.expectNext().topic());
                assertEquals(0x87, second.publish(Topics.deviceStatus("door-a"), "{}", true));
                assertTrue(first.isConnected() && first.publish(Topics.deviceCmd("door-a"), "{}", false) == 0);
            }
        }
    }

    /** After an upgrade of the ACL lines, refresh rewrites the old blocks; the passwords stay as they were. */
    @Test
    void refreshRewritesOldBlocksAndKeepsThePasswords() throws Exception {
        try (ProductionBroker broker = ProductionBroker.prepare(dir)) {
            String door = broker.credential("device", "door-old", "wutong66");
            broker.credential("bridge", "xh9", "xh9-a", "xh9-b");
            java.nio.file.Path acl = dir.resolve("etc/acl");
            String current = Files.readString(acl);
            // the blocks as the scripts wrote them before: rights came from 'pattern' lines
            String old = current.substring(0, current.indexOf("# >>> linli door-old")) + """
                    # >>> linli door-old
                    user door-old
                    # hub wutong66: the keys and revocations its door checks tokens with
                    topic read linli/v1/hubs/wutong66/access/#
                    # <<< linli door-old
                    # >>> linli bridge.xh9
                    user bridge.xh9
                    topic read linli/v1/hubs/xh9/access/#
                    topic write linli/v1/devices/xh9-a/#
                    topic read linli/v1/devices/xh9-a/cmd
                    topic write linli/v1/devices/xh9-b/#
                    topic read linli/v1/devices/xh9-b/cmd
                    # <<< linli bridge.xh9
                    """;
            Files.writeString(acl, old);
            broker.credential("refresh");
            assertEquals(current, Files.readString(acl), "the same blocks as freshly written ones");
            broker.start();
            try (TestClient doorOld = TestClient.connect(broker.plainUrl(), "door-old",
                    TestClient.options("door-old", door))) {
                assertTrue(doorOld.publish(Topics.deviceStatus("door-old"), "{}", true) < 0x80, "password kept");
            }
        }
    }
}
