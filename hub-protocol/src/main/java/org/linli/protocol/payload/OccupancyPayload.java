package org.linli.protocol.payload;

/**
 * {@code devices/{id}/occupancy}: whether a room is occupied and, where a beam counter exists, how many are inside.
 *
 * @param count people inside, or null where the sensors cannot count
 * @param source which sensor decided: {@code pir}, {@code beam}, {@code door}, {@code manual}, {@code sim}
 */
public record OccupancyPayload(long ts, long seq, String room, boolean occupied, Integer count, String source)
        implements Payload.Sequenced {
}
