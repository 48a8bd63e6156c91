package org.linli.protocol;

/** A parsed topic of the Linli MQTT tree ({@code linli/v1/...}). */
public sealed interface Topic {

    /** The topic string. */
    String name();

    /** What a device publishes about itself, or the commands it receives. */
    record Device(String deviceId, DeviceChannel channel) implements Topic {
        public Device {
            Ids.require("device", deviceId);
        }

        @Override
        public String name() {
            return Topics.PREFIX + "devices/" + deviceId + "/" + channel.segment();
        }
    }

    /** The hub's verification keys (retained). */
    record AccessKeys(String hubId) implements Topic {
        public AccessKeys {
            Ids.require("hub", hubId);
        }

        @Override
        public String name() {
            return Topics.PREFIX + "hubs/" + hubId + "/access/keys";
        }
    }

    /** The hub's revoked bookings (retained). */
    record AccessRevoked(String hubId) implements Topic {
        public AccessRevoked {
            Ids.require("hub", hubId);
        }

        @Override
        public String name() {
            return Topics.PREFIX + "hubs/" + hubId + "/access/revoked";
        }
    }

    /**
     * One room's revocations (retained): the windows of its cancelled bookings and the bookings still valid in them
     * ({@link org.linli.protocol.payload.RoomRevokedPayload}). Under {@code access/}, so a device's and a bridge's
     * grant of their hub's {@code access/#} covers it.
     */
    record RoomRevoked(String hubId, String roomId) implements Topic {
        public RoomRevoked {
            Ids.require("hub", hubId);
            Ids.require("room", roomId);
        }

        @Override
        public String name() {
            return Topics.PREFIX + "hubs/" + hubId + "/access/revoked/" + roomId;
        }
    }

    /** A room's live state as the central service sees it (retained). */
    record RoomState(String hubId, String roomId) implements Topic {
        public RoomState {
            Ids.require("hub", hubId);
            Ids.require("room", roomId);
        }

        @Override
        public String name() {
            return Topics.PREFIX + "hubs/" + hubId + "/rooms/" + roomId + "/state";
        }
    }
}
