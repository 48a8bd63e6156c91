package org.linli.agent.outbox;

import java.sql.SQLException;
import java.time.Clock;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.EventPayload;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.TelemetryPayload;

/**
 * Turns what happened into hub-protocol payloads, stamped with the time it happened and the next {@code seq}, and
 * puts them into the outbox. Called on the agent loop.
 */
public final class Reporter {
    private static final System.Logger LOG = System.getLogger(Reporter.class.getName());

    private final String deviceId;
    private final Outbox outbox;
    private final PayloadCodec codec;
    private final Clock clock;
    private final Runnable sent;

    /** @param sent called after each message is stored (wakes the pump) */
    public Reporter(String deviceId, Outbox outbox, PayloadCodec codec, Clock clock, Runnable sent) {
        this.deviceId = deviceId;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.sent = sent;
    }

    /** The longest reason the codec takes (hub-protocol's 256 characters); longer ones are cut, not dropped. */
    static final int MAX_REASON = 256;

    public void event(String room, EventType type, String bookingId, String reason) {
        long ts = clock.millis();
        String cut = reason == null || reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON - 1) + "…";
        store(Topics.deviceEvents(deviceId),
                seq -> codec.encode(new EventPayload(ts, seq, room, type.wire(), bookingId, cut)));
    }

    public void occupancy(String room, boolean occupied, Integer count, String source) {
        long ts = clock.millis();
        store(Topics.deviceOccupancy(deviceId),
                seq -> codec.encode(new OccupancyPayload(ts, seq, room, occupied, count, source)));
    }

    public void telemetry(long uptimeS, long heapBytes, long rssBytes, Double cpuTempC, String version) {
        telemetry(uptimeS, heapBytes, rssBytes, cpuTempC, version, null, null);
    }

    /** With the doors' revocation state: the oldest list's time and the lists refused (null: no doors, none). */
    public void telemetry(long uptimeS, long heapBytes, long rssBytes, Double cpuTempC, String version,
            Long revocationsTs, Long revocationsRefused) {
        long ts = clock.millis();
        store(Topics.deviceTelemetry(deviceId), seq -> codec.encode(new TelemetryPayload(ts, seq, uptimeS, heapBytes,
                rssBytes, cpuTempC, outbox.depth(), outbox.dropped(), version, revocationsTs, revocationsRefused)));
    }

    private void store(String topic, java.util.function.LongFunction<byte[]> payload) {
        try {
            outbox.append(topic, payload);
            sent.run();
        } catch (SQLException e) {
            // the disk is full or broken: the door still works, only this report is lost; say so loudly
            LOG.log(System.Logger.Level.ERROR, "cannot store a report for " + topic, e);
        }
    }
}
