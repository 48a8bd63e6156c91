package org.linli.central.live;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Room;
import org.linli.central.events.BookingEvent;
import org.linli.central.events.Event;
import org.linli.central.events.RoomEvent;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.linli.central.web.Times;
import org.linli.protocol.payload.RoomStatePayload;

/**
 * A room as dashboards and doors see it: what the sensors say together with the bookings. Status, by precedence:
 * over capacity (counted more people than it holds), occupied, maintenance (staff blocked it for now: not a booking),
 * booked (a resident's booking runs now), free.
 */
public final class RoomViews {
    private final Database db;
    private final Catalogue catalogue;
    private final RoomStates states;
    private final Clock clock;
    /**
     * How long a room's bookings are kept at most: every booking made, cancelled, released or used is an event that
     * clears them at once (another replica's too, relayed), so this only bounds a change that came by no event.
     */
    static final long KEEP_MS = 10_000;

    private final Map<String, java.time.ZoneId> zones = new ConcurrentHashMap<>();
    /**
     * The bookings each room's status was last read from. A busy room's state goes out up to ten times a second, and
     * each time its bookings were queried again though they change a few times a day.
     */
    private final Map<String, Coming> coming = new ConcurrentHashMap<>();
    /** Raised by every booking event: bookings read before it are read again. */
    private final AtomicLong bookingsChanged = new AtomicLong();

    public RoomViews(Database db, Catalogue catalogue, RoomStates states, Clock clock) {
        this.db = db;
        this.catalogue = catalogue;
        this.states = states;
        this.clock = clock;
    }

    /**
     * A room's bookings as read at {@code readMs} (the hub's clock), good until {@code untilMs}: the first moment one
     * of them starts or ends, or {@link #KEEP_MS} later; {@code generation} the booking events seen before the read.
     */
    private record Coming(List<Span> spans, long readMs, long untilMs, long generation) {
        boolean good(long nowMs, long current) {
            return generation == current && nowMs >= readMs && nowMs < untilMs;
        }
    }

    /** An event-bus subscriber: a booking made, cancelled, released or used changes what its room shows. */
    public void onEvent(Event event) {
        if (event instanceof BookingEvent) {
            bookingsChanged.incrementAndGet();
        }
    }

    /** A booking's span, as far as the room's status cares; {@code kind} is resident or maintenance. */
    record Span(long id, Instant start, Instant end, String kind) {
        boolean maintenance() {
            return kind.equals("maintenance");
        }
    }

    /** One room right now. */
    public record RoomView(Hub hub, Room room, RoomStates.Sensed sensed, String status, Span current, Span next) {

        public Integer count() {
            return sensed == null ? null : sensed.count();
        }

        public boolean occupied() {
            return sensed != null && sensed.occupied();
        }

        /** As the API and the {@code room} event show it, with times in the hub's zone. */
        public RoomEvent event() {
            return new RoomEvent(hub.id(), room.id(), room.name(), status, occupied(), count(), room.capacity(),
                    sensed == null ? null : Times.format(Instant.ofEpochMilli(sensed.sinceTs()), hub.timezone()),
                    sensed == null ? null : sensed.source(), booking(), current != null && current.maintenance(),
                    next == null ? null : new RoomEvent.NextBooking(Times.format(next.start(), hub.timezone()),
                            Times.format(next.end(), hub.timezone()), next.kind()));
        }

        /** The resident's booking running now; a maintenance block is none. */
        private Long booking() {
            return current == null || current.maintenance() ? null : current.id();
        }

        public RoomStatePayload payload(long ts) {
            return new RoomStatePayload(ts, hub.id(), room.id(), status, occupied(), count(), room.capacity(),
                    sensed == null ? null : sensed.source(), sensed == null ? 0 : sensed.sinceTs(),
                    booking() == null ? null : Long.toString(booking()));
        }
    }

    /** The time zone of a hub, for the times shown to its staff; every hub has one, and an unknown hub is a 404. */
    public java.time.ZoneId zone(String hubId) {
        return zones.computeIfAbsent(hubId, id -> catalogue.requireHub(id).timezone());
    }

    public List<RoomView> hub(Hub hub) {
        List<RoomView> views = new ArrayList<>();
        for (Room room : catalogue.rooms(hub.id())) {
            views.add(view(hub, room));
        }
        return views;
    }

    /** The state of each room of the hubs shown, as the events a screen that starts afresh needs first. */
    public List<RoomEvent> events(java.util.function.Predicate<String> hubShown) {
        return catalogue.hubs().stream().filter(hub -> hubShown.test(hub.id()))
                .flatMap(hub -> hub(hub).stream()).map(RoomView::event).toList();
    }

    /** People in a hub's rooms now, from the sensors alone. */
    public HubPeople people(Hub hub) {
        List<RoomStates.Sensed> sensed = new ArrayList<>();
        for (Room room : catalogue.rooms(hub.id())) {
            states.get(room.id()).ifPresent(sensed::add);
        }
        return HubPeople.of(sensed, hub.capacity());
    }

    /** A hub, if it is still in the catalogue. */
    public java.util.Optional<Hub> findHub(String hubId) {
        return catalogue.hub(hubId);
    }

    /** The hub of a room, if the room is still in the catalogue. */
    public java.util.Optional<Hub> hubOf(String roomId) {
        return catalogue.room(roomId).flatMap(room -> catalogue.hub(room.hubId()));
    }

    /** Every room of every hub. */
    public List<String> roomIds() {
        return catalogue.hubs().stream().flatMap(hub -> catalogue.rooms(hub.id()).stream()).map(Room::id).toList();
    }

    public RoomView room(String roomId) {
        Room room = catalogue.requireRoom(roomId);
        return view(catalogue.requireHub(room.hubId()), room);
    }

    private RoomView view(Hub hub, Room room) {
        Instant now = clock.instant();
        List<Span> coming = upcoming(room.id(), now);
        Span current = coming.isEmpty() || coming.getFirst().start().isAfter(now) ? null : coming.getFirst();
        Span next = coming.stream().filter(s -> s.start().isAfter(now)).findFirst().orElse(null);
        RoomStates.Sensed sensed = states.get(room.id()).orElse(null);
        String status;
        if (sensed != null && sensed.count() != null && sensed.count() > room.capacity()) {
            status = "over_capacity";
        } else if (sensed != null && sensed.occupied()) {
            status = "occupied";
        } else if (current != null && current.maintenance()) {
            status = "maintenance";
        } else if (current != null) {
            status = "booked";
        } else {
            status = "free";
        }
        return new RoomView(hub, room, sensed, status, current, next);
    }

    private List<Span> upcoming(String roomId, Instant now) {
        long nowMs = now.toEpochMilli();
        long generation = bookingsChanged.get(); // before the read: an event during it makes the read stale at once
        Coming kept = coming.get(roomId);
        if (kept != null && kept.good(nowMs, generation)) {
            return kept.spans();
        }
        List<Span> spans = read(roomId, now);
        long until = nowMs + KEEP_MS;
        for (Span span : spans) {
            until = Math.min(until, (span.start().isAfter(now) ? span.start() : span.end()).toEpochMilli());
        }
        coming.put(roomId, new Coming(spans, nowMs, until, generation));
        return spans;
    }

    private List<Span> read(String roomId, Instant now) {
        return db.read(c -> Sql.list(c, """
                SELECT id, start_ts, end_ts, kind FROM booking
                WHERE room_id = ? AND status IN ('active', 'used') AND end_ts > ? ORDER BY start_ts LIMIT 2""",
                rs -> new Span(rs.getLong(1), Instant.ofEpochSecond(rs.getLong(2)),
                        Instant.ofEpochSecond(rs.getLong(3)), rs.getString(4)),
                roomId, now.getEpochSecond()));
    }
}
