package org.linli.protocol.payload;

/**
 * {@code devices/{id}/telemetry}: the agent's health, every minute.
 *
 * @param cpuTempC null where the temperature is not readable
 */
public record TelemetryPayload(long ts, long seq, long uptimeS, long heapBytes, long rssBytes, Double cpuTempC,
        int outboxDepth, long outboxDropped, String version) implements Payload.Sequenced {

    @Override
    public String room() {
        return null;
    }
}
