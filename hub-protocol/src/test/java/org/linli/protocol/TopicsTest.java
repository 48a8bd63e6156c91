package org.linli.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @Test
    void buildsTheTopicsOfDesignMd() {
        assertEquals("linli/v1/devices/door-101/status", Topics.deviceStatus("door-101"));
        assertEquals("linli/v1/devices/door-101/occupancy", Topics.deviceOccupancy("door-101"));
        assertEquals("linli/v1/devices/door-101/events", Topics.deviceEvents("door-101"));
        assertEquals("linli/v1/devices/door-101/telemetry", Topics.deviceTelemetry("door-101"));
        assertEquals("linli/v1/devices/door-101/cmd", Topics.deviceCmd("door-101"));
        assertEquals("linli/v1/devices/door-101/ack", Topics.deviceAck("door-101"));
        assertEquals("linli/v1/hubs/xh-wt66/access/keys", Topics.accessKeys("xh-wt66"));
        assertEquals("linli/v1/hubs/xh-wt66/access/revoked", Topics.accessRevoked("xh-wt66"));
        assertEquals("linli/v1/hubs/xh-wt66/rooms/wt66-r101/state", Topics.roomState("xh-wt66", "wt66-r101"));
        assertEquals("$share/central/linli/v1/devices/+/+", Topics.shared("central", Topics.ALL_DEVICE_MESSAGES));
    }

    @Test
    void theCentralServiceReadsWhatDevicesSayButNotWhatItSaysToThem() {
        assertEquals(java.util.List.of("linli/v1/devices/+/status", "linli/v1/devices/+/occupancy",
                "linli/v1/devices/+/events", "linli/v1/devices/+/telemetry"), Topics.fromDevices());
    }

    @Test
    void parsesWhatItBuilds() throws TopicException {
        assertEquals(new Topic.Device("door-101", DeviceChannel.EVENTS), Topics.parse(Topics.deviceEvents("door-101")));
        assertEquals(new Topic.AccessKeys("xh-wt66"), Topics.parse(Topics.accessKeys("xh-wt66")));
        assertEquals(new Topic.AccessRevoked("xh-wt66"), Topics.parse(Topics.accessRevoked("xh-wt66")));
        assertEquals(new Topic.RoomState("xh-wt66", "r1"), Topics.parse(Topics.roomState("xh-wt66", "r1")));
        assertEquals(new Topic.RoomRevoked("xh-wt66", "r1"), Topics.parse(Topics.roomRevoked("xh-wt66", "r1")));
        assertEquals("linli/v1/hubs/xh-wt66/access/revoked/r1", Topics.roomRevoked("xh-wt66", "r1"),
                "under access/, which a device's and a bridge's grant of its hub's access/# already covers");
        for (DeviceChannel channel : DeviceChannel.values()) {
            Topic.Device topic = new Topic.Device("d1", channel);
            assertEquals(topic, Topics.parse(topic.name()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linli/v2/devices/d1/status", "linli/v1/devices/d1", "linli/v1/devices/d1/status/x",
            "linli/v1/devices//status", "linli/v1/devices/+/status", "linli/v1/devices/#/status",
            "linli/v1/devices/d1/unknown", "linli/v1/hubs/h1/access/other", "linli/v1/hubs/h1/rooms/r1",
            "linli/v1/hubs/h1/rooms/r1/other", "linli/v1/other/x/y", "other/linli/v1/devices/d1/status",
            "linli/v1/devices/döör/status", "linli/v1/devices/a b/status"})
    void rejectsTopicsOutsideTheTree(String topic) {
        assertThrows(TopicException.class, () -> Topics.parse(topic));
    }

    @Test
    void rejectsNull() {
        assertThrows(TopicException.class, () -> Topics.parse(null));
    }

    @Test
    void refusesToBuildATopicWithAWildcardInAnId() {
        assertThrows(IllegalArgumentException.class, () -> Topics.deviceStatus("a/#"));
        assertThrows(IllegalArgumentException.class, () -> Topics.roomState("h", "+"));
        assertThrows(IllegalArgumentException.class, () -> Topics.deviceStatus("x".repeat(65)));
    }
}
