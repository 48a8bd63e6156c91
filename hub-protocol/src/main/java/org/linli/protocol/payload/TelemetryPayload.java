package org.linli.protocol.payload;

/**
 * {@code devices/{id}/telemetry}: the agent's health, every minute.
 *
 * @param cpuTempC null where the temperature is not readable
 * @param revocationsTs the {@code ts} of the oldest revocation list a door of this device applies (the one most
 *     behind central), or null for a device without doors or before any list; central can alert when it lags
 * @param revocationsRefused revocation lists this device refused since it started (too large, malformed, older than
 *     the one in use), or null for none; each was also reported as {@code access.revocations_refused}
 */
public record TelemetryPayload(long ts, long seq, long uptimeS, long heapBytes, long rssBytes, Double cpuTempC,
        int outboxDepth, long outboxDropped, String version, Long revocationsTs, Long revocationsRefused)
        implements Payload.Sequenced {

    /** Telemetry of a device without doors, as agents sent it before the revocation fields. */
    public TelemetryPayload(long ts, long seq, long uptimeS, long heapBytes, long rssBytes, Double cpuTempC,
            int outboxDepth, long outboxDropped, String version) {
        this(ts, seq, uptimeS, heapBytes, rssBytes, cpuTempC, outboxDepth, outboxDropped, version, null, null);
    }

    @Override
    public String room() {
        return null;
    }
}
