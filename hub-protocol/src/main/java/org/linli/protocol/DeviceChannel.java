package org.linli.protocol;

/** The last segment of a device topic: what the message is about. */
public enum DeviceChannel {
    STATUS("status"),
    OCCUPANCY("occupancy"),
    EVENTS("events"),
    TELEMETRY("telemetry"),
    CMD("cmd"),
    /** The central service's receipts: which {@code seq}s it has stored (or dropped for good). */
    ACK("ack");

    private final String segment;

    DeviceChannel(String segment) {
        this.segment = segment;
    }

    public String segment() {
        return segment;
    }

    /** Whether the device publishes on this channel (everything but {@code cmd} and {@code ack}). */
    public boolean fromDevice() {
        return this != CMD && this != ACK;
    }

    static DeviceChannel bySegment(String segment) {
        for (DeviceChannel channel : values()) {
            if (channel.segment.equals(segment)) {
                return channel;
            }
        }
        return null;
    }
}
