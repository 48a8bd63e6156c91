package org.linli.kiosk.central;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of docs/api.md that the kiosk reads, each with the {@code from} that reads it. Unknown fields are
 * ignored so the API may grow; a field that is not there reads as null (text, times, objects), 0 (counts) or false.
 */
public final class Model {
    private Model() {
    }

    /**
     * One day's hours, "08:00" to "21:00" in the hub's zone. {@code closed}: the hub does not open that day (a
     * closure or a closed weekday); the times are then the week's usual span, for an older kiosk's sake.
     */
    public record OpeningHours(String open, String close, boolean closed) {
        public OpeningHours(String open, String close) {
            this(open, close, false);
        }

        static OpeningHours from(Json json) {
            return json.isObject() ? new OpeningHours(json.path("open").asText(null), json.path("close").asText(null),
                    json.path("closed").asBoolean()) : null;
        }
    }

    /**
     * When the hub opens, beyond today: hours per weekday (a weekday left out is closed) and the days it is closed
     * whatever the weekday. Null in a {@link Hub} from a central service that does not send them.
     */
    public record Week(Map<java.time.DayOfWeek, OpeningHours> days, java.util.Set<LocalDate> closures) {
        public Week {
            days = Map.copyOf(days);
            closures = java.util.Set.copyOf(closures);
        }

        /** The hours of a date, or null when the hub is closed that day. */
        public OpeningHours on(LocalDate date) {
            return closures.contains(date) ? null : days.get(date.getDayOfWeek());
        }

        static Week from(Json week, Json closures) {
            if (!week.isObject()) {
                return null;
            }
            Map<java.time.DayOfWeek, OpeningHours> days = new java.util.EnumMap<>(java.time.DayOfWeek.class);
            for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
                OpeningHours hours = OpeningHours.from(week.path(day.name().toLowerCase(java.util.Locale.ROOT)));
                if (hours != null && hours.open() != null && hours.close() != null) {
                    days.put(day, hours);
                }
            }
            java.util.Set<LocalDate> shut = new java.util.HashSet<>();
            closures.elements().forEach(c -> {
                LocalDate date = c.path("date").asDate();
                if (date != null) {
                    shut.add(date);
                }
            });
            return new Week(days, shut);
        }
    }

    public record RoomRules(int slotMinutes, int minMinutes, int maxMinutes, int leadMinutes, int maxDaysAhead) {
        static RoomRules from(Json json) {
            return json.isObject() ? new RoomRules(json.path("slotMinutes").asInt(), json.path("minMinutes").asInt(),
                    json.path("maxMinutes").asInt(), json.path("leadMinutes").asInt(),
                    json.path("maxDaysAhead").asInt()) : null;
        }
    }

    public record Room(String id, Names name, int capacity, List<String> facilities, RoomRules rules) {
        static Room from(Json json) {
            return new Room(json.path("id").asText(null), json.path("name").asNames(), json.path("capacity").asInt(),
                    json.path("facilities").asTextList(), RoomRules.from(json.path("rules")));
        }
    }

    public record Service(String id, String letter, Names name, int typicalMinutes) {
        static Service from(Json json) {
            return new Service(json.path("id").asText(null), json.path("letter").asText(null),
                    json.path("name").asNames(), json.path("typicalMinutes").asInt());
        }
    }

    /** @param week the hours beyond today and the closures, or null when the central service does not send them */
    public record Hub(String id, Names name, String timezone, OpeningHours openingHours, Week week, List<Room> rooms,
            List<Service> services) {
        public Hub {
            rooms = rooms == null ? List.of() : List.copyOf(rooms);
            services = services == null ? List.of() : List.copyOf(services);
        }

        /**
         * Whether the hub opens at all on a date of its zone: false on a closure or a closed weekday; true when that
         * is not known (an older central service).
         */
        public boolean opensOn(LocalDate date, LocalDate today) {
            if (date.equals(today) && openingHours != null && openingHours.closed()) {
                return false;
            }
            return week == null || week.on(date) != null;
        }

        public static Hub from(Json json) {
            return new Hub(json.path("id").asText(null), json.path("name").asNames(),
                    json.path("timezone").asText(null), OpeningHours.from(json.path("openingHours")),
                    Week.from(json.path("week"), json.path("closures")),
                    json.path("rooms").elements().stream().map(Room::from).toList(),
                    json.path("services").elements().stream().map(Service::from).toList());
        }
    }

    /**
     * @param countersOpen how many open counters serve the service; null from a central of before 2026-12, which has
     *     no closed counters (ADR 0026): every counter counts as open
     */
    public record QueueStatus(String service, String letter, int waiting, int estimatedWaitMinutes,
            String nowServing, Integer countersOpen) {
        public QueueStatus(String service, String letter, int waiting, int estimatedWaitMinutes, String nowServing) {
            this(service, letter, waiting, estimatedWaitMinutes, nowServing, null);
        }

        public static QueueStatus from(Json json) {
            return new QueueStatus(json.path("service").asText(null), json.path("letter").asText(null),
                    json.path("waiting").asInt(), json.path("estimatedWaitMinutes").asInt(),
                    json.path("nowServing").asText(null), json.path("countersOpen").asInteger());
        }

        /**
         * Every counter that serves the service is closed (lunch, the day's end): there is no wait to tell, the
         * estimate is what one counter would take once it opens.
         */
        public boolean noCounterOpen() {
            return countersOpen != null && countersOpen == 0;
        }

        /**
         * This status with the figures of a {@code queue} event, which carries only the waiting count, the estimate
         * and the open counters: the letter and the number now served are kept unless the event has them.
         */
        public QueueStatus updatedBy(QueueStatus event) {
            return new QueueStatus(service, event.letter() == null ? letter : event.letter(), event.waiting(),
                    event.estimatedWaitMinutes(), event.nowServing() == null ? nowServing : event.nowServing(),
                    event.countersOpen() == null ? countersOpen : event.countersOpen());
        }

        /** This status with another ticket at the counter (a {@code call} event). */
        public QueueStatus serving(String ticket) {
            return new QueueStatus(service, letter, waiting, estimatedWaitMinutes, ticket, countersOpen);
        }
    }

    public record Activity(String id, Names title, String room, OffsetDateTime start, OffsetDateTime end,
            int capacity, int signedUp, int waitlisted) {
        public static Activity from(Json json) {
            return new Activity(json.path("id").asText(null), json.path("title").asNames(),
                    json.path("room").asText(null), json.path("start").asTime(), json.path("end").asTime(),
                    json.path("capacity").asInt(), json.path("signedUp").asInt(), json.path("waitlisted").asInt());
        }

        public boolean full() {
            return signedUp >= capacity;
        }
    }

    /** A slot of a room's day; {@code maintenance} when staff closed the room then (it is not free either). */
    public record Slot(OffsetDateTime start, OffsetDateTime end, boolean free, boolean maintenance) {
        static Slot from(Json json) {
            return new Slot(json.path("start").asTime(), json.path("end").asTime(), json.path("free").asBoolean(),
                    json.path("maintenance").asBoolean());
        }
    }

    public record Availability(String room, LocalDate date, int slotMinutes, List<Slot> slots) {
        public static Availability from(Json json) {
            return new Availability(json.path("room").asText(null), json.path("date").asDate(),
                    json.path("slotMinutes").asInt(), json.path("slots").elements().stream().map(Slot::from).toList());
        }
    }

    /** Either {@code phone} or {@code residentToken} is set; the other is left out of the JSON. */
    public record BookingRequest(String room, OffsetDateTime start, OffsetDateTime end, String phone,
            String residentToken, int attendees, String purpose) {
        /** The request's JSON fields; {@link Json#write} leaves out the null ones. */
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("room", room);
            fields.put("start", start);
            fields.put("end", end);
            fields.put("phone", phone);
            fields.put("residentToken", residentToken);
            fields.put("attendees", attendees);
            fields.put("purpose", purpose);
            return fields;
        }
    }

    public record Booking(String id, String hub, String room, OffsetDateTime start, OffsetDateTime end,
            int attendees, String purpose, String status, String token) {
        public static Booking from(Json json) {
            return new Booking(json.path("id").asText(null), json.path("hub").asText(null),
                    json.path("room").asText(null), json.path("start").asTime(), json.path("end").asTime(),
                    json.path("attendees").asInt(), json.path("purpose").asText(null),
                    json.path("status").asText(null), json.path("token").asText(null));
        }
    }

    public record Card(String token, String phoneLast4, OffsetDateTime expires) {
        public static Card from(Json json) {
            return new Card(json.path("token").asText(null), json.path("phoneLast4").asText(null),
                    json.path("expires").asTime());
        }
    }

    /**
     * @param statusUrl the page a phone follows the ticket on, when the central knows its public address
     * @param queued when it was taken (a transfer keeps the first ticket's time); null when the central did not say
     * @param countersOpen while it waits, how many open counters serve its service; null when the central did not
     *     say (one of before 2026-12, or a ticket no longer waiting)
     */
    public record Ticket(String id, String number, String service, int peopleAhead, int estimatedWaitMinutes,
            String state, String statusUrl, OffsetDateTime queued, Integer countersOpen) {
        public Ticket(String id, String number, String service, int peopleAhead, int estimatedWaitMinutes,
                String state) {
            this(id, number, service, peopleAhead, estimatedWaitMinutes, state, null, null, null);
        }

        public static Ticket from(Json json) {
            return new Ticket(json.path("id").asText(null), json.path("number").asText(null),
                    json.path("service").asText(null), json.path("peopleAhead").asInt(),
                    json.path("estimatedWaitMinutes").asInt(), json.path("state").asText(null),
                    json.path("statusUrl").asText(null), json.path("queued").asTime(),
                    json.path("countersOpen").asInteger());
        }

        /** Every counter of its service is closed now: no wait to tell; it is called in turn once one opens. */
        public boolean noCounterOpen() {
            return countersOpen != null && countersOpen == 0;
        }

        /** This ticket with the open counters a {@code queue} event of its service tells (kept when it says none). */
        public Ticket withCountersOpen(Integer open) {
            return open == null ? this : new Ticket(id, number, service, peopleAhead, estimatedWaitMinutes, state,
                    statusUrl, queued, open);
        }
    }

    public record Signup(String status, Integer position) {
        public static Signup from(Json json) {
            return new Signup(json.path("status").asText(null), json.path("position").asInteger());
        }

        public boolean waitlisted() {
            return "waitlisted".equals(status);
        }
    }

    /** A room's live state from the central service's {@code room} events. */
    public record RoomState(String room, String status, boolean occupied, Integer count, int capacity) {
        public static RoomState from(Json json) {
            return new RoomState(json.path("room").asText(null), json.path("status").asText(null),
                    json.path("occupied").asBoolean(), json.path("count").asInteger(), json.path("capacity").asInt());
        }
    }
}
