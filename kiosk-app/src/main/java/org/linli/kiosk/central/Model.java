package org.linli.kiosk.central;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The JSON shapes of docs/api.md that the kiosk reads. Unknown fields are ignored so the API may grow. */
public final class Model {
    private Model() {
    }

    public record OpeningHours(String open, String close) {
    }

    public record RoomRules(int slotMinutes, int minMinutes, int maxMinutes, int leadMinutes, int maxDaysAhead) {
    }

    public record Room(String id, Names name, int capacity, List<String> facilities, RoomRules rules) {
    }

    public record Service(String id, String letter, Names name, int typicalMinutes) {
    }

    public record Hub(String id, Names name, String timezone, OpeningHours openingHours, List<Room> rooms,
            List<Service> services) {
        public Hub {
            rooms = rooms == null ? List.of() : List.copyOf(rooms);
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    public record QueueStatus(String service, String letter, int waiting, int estimatedWaitMinutes,
            String nowServing) {
        /**
         * This status with the figures of a {@code queue} event, which carries only the waiting count and the
         * estimate: the letter and the number now served are kept unless the event has them.
         */
        public QueueStatus updatedBy(QueueStatus event) {
            return new QueueStatus(service, event.letter() == null ? letter : event.letter(), event.waiting(),
                    event.estimatedWaitMinutes(), event.nowServing() == null ? nowServing : event.nowServing());
        }
    }

    public record Activity(String id, Names title, String room, OffsetDateTime start, OffsetDateTime end,
            int capacity, int signedUp, int waitlisted) {
        public boolean full() {
            return signedUp >= capacity;
        }
    }

    public record Slot(OffsetDateTime start, OffsetDateTime end, boolean free) {
    }

    public record Availability(String room, LocalDate date, int slotMinutes, List<Slot> slots) {
    }

    /** Either {@code phone} or {@code residentToken} is set; the other is left out of the JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BookingRequest(String room, OffsetDateTime start, OffsetDateTime end, String phone,
            String residentToken, int attendees, String purpose) {
    }

    public record Booking(String id, String hub, String room, OffsetDateTime start, OffsetDateTime end,
            int attendees, String purpose, String status, String token) {
    }

    public record Card(String token, String phoneLast4, OffsetDateTime expires) {
    }

    public record CheckinResult(String id, String kind, String bookingId, String room) {
    }

    public record Ticket(String id, String number, String service, int peopleAhead, int estimatedWaitMinutes,
            String state) {
    }

    public record Signup(String status, Integer position) {
        public boolean waitlisted() {
            return "waitlisted".equals(status);
        }
    }

    /** A room's live state from the central service's {@code room} events. */
    public record RoomState(String room, String status, boolean occupied, Integer count, int capacity) {
    }
}
