package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
