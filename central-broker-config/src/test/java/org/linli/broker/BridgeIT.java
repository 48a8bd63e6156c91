package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.Topics;

/**
 * A residential hub's broker bridged to its street hub's broker with {@code scripts/bridge.sh}, both running the
 * production configuration: the device talks only to the residential broker, the central service only to the
 * street one.
 */
class BridgeIT {
    @TempDir
    Path streetDir;
    @TempDir
    Path residentialDir;

    @Test
    void residentialDevicesReachTheStreetBrokerAndTheirCommandsAndReceiptsComeBack() throws Exception {
        try (ProductionBroker street = ProductionBroker.prepare(streetDir);
                ProductionBroker residential = ProductionBroker.prepare(residentialDir)) {
            String central = street.credential("central");
            String bridgePassword = street.credential("bridge", "xh001", "xh001-door");
            String door = residential.credential("device", "xh001-door", "xh001");
            Files.copy(street.tls().resolve("ca.crt"), residential.tls().resolve("street-ca.crt"));
            String bridgeConf = Scripts.script(Map.of("LINLI_BRIDGE_PASSWORD", bridgePassword), "bridge.sh", "xh001",
                    street.tlsUrl().replace("ssl://", ""), "xh001-door");
            residential.addConfD("linli-bridge.conf", bridgeConf + "\n");
            try {
                exchange(street, residential, central, door);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nstreet broker log:\n" + street.logText()
                        + "\nresidential broker log:\n" + residential.logText(), e);
            }
        }
    }

    private static void exchange(ProductionBroker street, ProductionBroker residential, String central, String door)
            throws Exception {
        {
            street.start();

            try (TestClient centralClient = TestClient.connect(street.plainUrl(), "central",
                    TestClient.options("svc.central", central))) {
                centralClient.subscribe(Topics.ALL_DEVICE_MESSAGES);
                assertTrue(centralClient.publish(Topics.accessKeys("xh001"), "[\"k1\"]", true) < 0x80);
                residential.start();

                try (TestClient device = TestClient.connect(residential.plainUrl(), "xh001-door",
                        TestClient.options("xh001-door", door))) {
                    device.subscribe(Topics.deviceCmd("xh001-door"), Topics.deviceAck("xh001-door"),
                            "linli/v1/hubs/xh001/access/#");
                    assertEquals("[\"k1\"]", device.expectNext().payload(), "the hub's keys came down the bridge");

                    assertTrue(device.publish(Topics.deviceOccupancy("xh001-door"), "{\"occupied\":true}", false)
                            < 0x80);
                    TestClient.Received up = centralClient.expectNext();
                    assertEquals(Topics.deviceOccupancy("xh001-door"), up.topic());

                    assertTrue(centralClient.publish(Topics.deviceCmd("xh001-door"), "{\"cmd\":\"unlock\"}", false)
                            < 0x80);
                    assertEquals(Topics.deviceCmd("xh001-door"), device.expectNext().topic());

                    // the receipt for what the device sent comes back over the bridge too
                    assertTrue(centralClient.publish(Topics.deviceAck("xh001-door"), "{\"seqs\":[[0,0]]}", false)
                            < 0x80);
                    assertEquals(Topics.deviceAck("xh001-door"), device.expectNext().topic());
                }
            }
        }
    }
}
