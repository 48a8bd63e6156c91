package org.linli.protocol.payload;

/**
 * A message body of the Linli MQTT tree. Every payload carries {@code ts}: epoch milliseconds (UTC) taken when the
 * thing happened, not when it was sent.
 */
public sealed interface Payload
        permits StatusPayload, Payload.Sequenced, CommandPayload, KeysPayload,
        RevokedPayload, RoomRevokedPayload, RoomStatePayload, AckPayload {

    long ts();

    /**
     * A payload an agent sends to the central service; {@code seq} is a per-device counter that survives restarts, so
     * the central service can store each {@code (deviceId, seq)} once.
     */
    sealed interface Sequenced extends Payload permits OccupancyPayload, EventPayload, TelemetryPayload {
        long seq();

        /** The room the message is about, or null (telemetry). */
        String room();
    }
}
