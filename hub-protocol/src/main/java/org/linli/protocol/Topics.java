package org.linli.protocol;

import java.util.Arrays;
import java.util.List;

/** Builds and parses the topics of the Linli MQTT tree; see DESIGN.md, "MQTT". */
public final class Topics {
    /** Every Linli topic starts with this. */
    public static final String PREFIX = "linli/v1/";
    /** Filter for everything every device publishes. */
    public static final String ALL_DEVICE_MESSAGES = PREFIX + "devices/+/+";
    /** The shared-subscription group that central replicas join to split ingestion. */
    public static final String SHARED_GROUP = "central";

    private Topics() {
    }

    public static String deviceStatus(String deviceId) {
        return new Topic.Device(deviceId, DeviceChannel.STATUS).name();
    }

    public static String deviceOccupancy(String deviceId) {
        return new Topic.Device(deviceId, DeviceChannel.OCCUPANCY).name();
    }

    public static String deviceEvents(String deviceId) {
        return new Topic.Device(deviceId, DeviceChannel.EVENTS).name();
    }

    public static String deviceTelemetry(String deviceId) {
        return new Topic.Device(deviceId, DeviceChannel.TELEMETRY).name();
    }

    public static String deviceCmd(String deviceId) {
        return new Topic.Device(deviceId, DeviceChannel.CMD).name();
    }

    /** Where the central service tells a device which of its messages it has stored: only that device reads it. */
    public static String deviceAck(String deviceId) {
        return new Topic.Device(deviceId, DeviceChannel.ACK).name();
    }

    /**
     * One filter per channel devices publish on ({@code linli/v1/devices/+/status}, …): what the central service
     * reads, without the commands and receipts it publishes itself coming back to it.
     */
    public static List<String> fromDevices() {
        return Arrays.stream(DeviceChannel.values()).filter(DeviceChannel::fromDevice)
                .map(channel -> PREFIX + "devices/+/" + channel.segment()).toList();
    }

    public static String accessKeys(String hubId) {
        return new Topic.AccessKeys(hubId).name();
    }

    public static String accessRevoked(String hubId) {
        return new Topic.AccessRevoked(hubId).name();
    }

    /** One room's revocation list (retained); see {@link Topic.RoomRevoked}. */
    public static String roomRevoked(String hubId, String roomId) {
        return new Topic.RoomRevoked(hubId, roomId).name();
    }

    public static String roomState(String hubId, String roomId) {
        return new Topic.RoomState(hubId, roomId).name();
    }

    /** {@code $share/<group>/<filter>}: an MQTT v5 shared subscription, for several central replicas. */
    public static String shared(String group, String filter) {
        return "$share/" + Ids.require("share group", group) + "/" + filter;
    }

    /**
     * Parses a topic name.
     *
     * @throws TopicException when the topic is not one of the tree's, saying why
     */
    public static Topic parse(String topic) throws TopicException {
        if (topic == null || !topic.startsWith(PREFIX)) {
            throw new TopicException("not a Linli topic (expected '" + PREFIX + "…'): " + Ids.describe(topic));
        }
        String[] parts = topic.substring(PREFIX.length()).split("/", -1);
        try {
            if (parts.length == 3 && parts[0].equals("devices")) {
                DeviceChannel channel = DeviceChannel.bySegment(parts[2]);
                if (channel == null) {
                    throw new TopicException("unknown device channel '" + parts[2] + "' in " + topic);
                }
                return new Topic.Device(parts[1], channel);
            }
            if (parts.length == 4 && parts[0].equals("hubs") && parts[2].equals("access")) {
                return switch (parts[3]) {
                    case "keys" -> new Topic.AccessKeys(parts[1]);
                    case "revoked" -> new Topic.AccessRevoked(parts[1]);
                    default -> throw new TopicException("unknown access topic '" + parts[3] + "' in " + topic);
                };
            }
            if (parts.length == 5 && parts[0].equals("hubs") && parts[2].equals("access")
                    && parts[3].equals("revoked")) {
                return new Topic.RoomRevoked(parts[1], parts[4]);
            }
            if (parts.length == 5 && parts[0].equals("hubs") && parts[2].equals("rooms") && parts[4].equals("state")) {
                return new Topic.RoomState(parts[1], parts[3]);
            }
        } catch (IllegalArgumentException badId) {
            throw new TopicException(badId.getMessage() + " in topic " + Ids.describe(topic));
        }
        throw new TopicException("topic does not match the Linli tree: " + Ids.describe(topic));
    }
}
