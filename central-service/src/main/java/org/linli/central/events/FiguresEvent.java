package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code figures}: today's numbers of a hub.
 *
 * @param visits check-ins by service or activity id
 * @param averageWaitMinutes from drawing to being called, of today's called tickets; null when none was called
 * @param averageRating of today's ratings; null when there was none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FiguresEvent(String hub, String date, Map<String, Integer> visits, int visitsTotal, int tickets,
        Double averageWaitMinutes, int bookings, Double averageRating) implements Event {

    @Override
    public String eventName() {
        return "figures";
    }
}
