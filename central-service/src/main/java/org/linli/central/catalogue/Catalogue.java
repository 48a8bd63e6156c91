package org.linli.central.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.linli.central.errors.NotFound;
import org.linli.central.store.Database;
import org.linli.central.store.Forgetting;
import org.linli.central.store.ShortCache;
import org.linli.central.store.Sql;

/**
 * Hubs, rooms, services, counters and activities as stored; writes are upserts by id. Single hubs and rooms are read
 * on every kiosk request and change only through {@code put}, so they are kept in a {@link ShortCache} that every
 * {@code put} clears.
 */
public final class Catalogue {
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private final Database db;
    private final ShortCache<String, Hub> hubCache = new ShortCache<>(CACHE_TTL, 10_000);
    private final ShortCache<String, Room> roomCache = new ShortCache<>(CACHE_TTL, 10_000);
    private final ShortCache<String, OpeningHours> hoursCache = new ShortCache<>(CACHE_TTL, 10_000);
    private final Forgetting cachesChanged = new Forgetting("linli_catalogue", () -> {
        hubCache.clear();
        roomCache.clear();
        hoursCache.clear();
    });

    private final Consumer<Hub> hubWritten;

    /**
     * @param hubWritten told each hub once it or one of its rooms was written: the wiring root publishes it on the
     *     event bus as a {@code HubEvent}, which the doors' keys, the hub's capacity alert and the screens follow (a
     *     function rather than the bus itself, as the events package reads this one's names)
     */
    public Catalogue(Database db, Consumer<Hub> hubWritten) {
        this.db = db;
        this.hubWritten = hubWritten;
    }

    /** After the write committed and cleared the caches: the hub as it is now. */
    private void written(String hubId) {
        hub(hubId).ifPresent(hubWritten);
    }

    public List<Hub> hubs() {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM hub ORDER BY id")) {
                return hubs(st);
            }
        });
    }

    public Optional<Hub> hub(String id) {
        return hubCache.get(id, () -> db.read(c -> hub(c, id)));
    }

    public Hub requireHub(String id) {
        return hub(id).orElseThrow(() -> new NotFound("no hub " + id));
    }

    /** When the hub is open: its week and closures (every day its opens-closes when its week was never set). */
    public OpeningHours hours(Hub hub) {
        return hoursCache.get(hub.id(), () -> Optional.of(db.read(c -> HoursStore.read(c, hub)))).orElseThrow();
    }

    static Optional<Hub> hub(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM hub WHERE id = ?")) {
            st.setString(1, id);
            return hubs(st).stream().findFirst();
        }
    }

    private static List<Hub> hubs(PreparedStatement st) throws SQLException {
        List<Hub> hubs = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                hubs.add(new Hub(rs.getString("id"), rs.getString("level"), rs.getString("parent"), name(rs),
                        ZoneId.of(rs.getString("timezone")), LocalTime.parse(rs.getString("opens")),
                        LocalTime.parse(rs.getString("closes")), capacity(rs)));
            }
        }
        return hubs;
    }

    private static Integer capacity(ResultSet rs) throws SQLException {
        int capacity = rs.getInt("capacity");
        return rs.wasNull() ? null : capacity;
    }

    private static Name name(ResultSet rs) throws SQLException {
        return new Name(rs.getString("name_zh"), rs.getString("name_en"));
    }

    /** Retired or not: {@code retired_ts} is set (V193). */
    private static boolean retired(ResultSet rs) throws SQLException {
        return rs.getObject("retired_ts") != null;
    }

    /** The hub's rooms, the retired ones included (reports, past bookings); {@link Retiring#inUse} for the others. */
    public List<Room> rooms(String hubId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM room WHERE hub_id = ? ORDER BY id")) {
                st.setString(1, hubId);
                return rooms(st);
            }
        });
    }

    public Optional<Room> room(String id) {
        return roomCache.get(id, () -> db.read(c -> room(c, id)));
    }

    public Room requireRoom(String id) {
        return room(id).orElseThrow(() -> new NotFound("no room " + id));
    }

    public static Optional<Room> room(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM room WHERE id = ?")) {
            st.setString(1, id);
            return rooms(st).stream().findFirst();
        }
    }

    private static List<Room> rooms(PreparedStatement st) throws SQLException {
        List<Room> rooms = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String facilities = rs.getString("facilities");
                rooms.add(new Room(rs.getString("id"), rs.getString("hub_id"), name(rs), rs.getInt("capacity"),
                        facilities.isEmpty() ? List.of() : Arrays.asList(facilities.split(",")),
                        new Room.Rules(rs.getInt("slot_minutes"), rs.getInt("min_minutes"),
                                rs.getInt("max_minutes"), rs.getInt("lead_minutes"), rs.getInt("max_days_ahead"),
                                rs.getInt("max_active_per_resident")), retired(rs)));
            }
        }
        return rooms;
    }

    public List<ServiceItem> services(String hubId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM service WHERE hub_id = ? ORDER BY letter")) {
                st.setString(1, hubId);
                return services(st);
            }
        });
    }

    public Optional<ServiceItem> service(String id) {
        return db.read(c -> service(c, id));
    }

    public ServiceItem requireService(String id) {
        return service(id).orElseThrow(() -> new NotFound("no service " + id));
    }

    public static Optional<ServiceItem> service(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM service WHERE id = ?")) {
            st.setString(1, id);
            return services(st).stream().findFirst();
        }
    }

    private static List<ServiceItem> services(PreparedStatement st) throws SQLException {
        List<ServiceItem> services = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                services.add(new ServiceItem(rs.getString("id"), rs.getString("hub_id"), rs.getString("letter"),
                        name(rs), rs.getInt("typical_minutes"), retired(rs)));
            }
        }
        return services;
    }

    public List<Counter> counters(String hubId) {
        return db.read(c -> {
            List<Counter> counters = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM counter WHERE hub_id = ? ORDER BY id")) {
                st.setString(1, hubId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counters.add(new Counter(rs.getString("id"), hubId, name(rs), List.of(), retired(rs)));
                    }
                }
            }
            List<Counter> result = new ArrayList<>();
            for (Counter counter : counters) {
                result.add(new Counter(counter.id(), hubId, counter.name(), counterServices(c, counter.id()),
                        counter.retired()));
            }
            return result;
        });
    }

    /** The hub's counters their clerk closed (the queue opens and closes them; see {@code queue.Queues}). */
    public java.util.Set<String> closedCounters(String hubId) {
        return java.util.Set.copyOf(db.read(c -> Sql.list(c,
                "SELECT id FROM counter WHERE hub_id = ? AND is_open = 0", rs -> rs.getString(1), hubId)));
    }

    public Optional<Counter> counter(String id) {
        return db.read(c -> counter(c, id));
    }

    public static Optional<Counter> counter(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM counter WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Counter(id, rs.getString("hub_id"), name(rs), counterServices(c, id),
                        retired(rs)));
            }
        }
    }

    private static List<String> counterServices(Connection c, String counterId) throws SQLException {
        List<String> services = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT service_id FROM counter_service WHERE counter_id = ? ORDER BY service_id")) {
            st.setString(1, counterId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    services.add(rs.getString(1));
                }
            }
        }
        return services;
    }

    /** The activities of a hub that are on (not cancelled) between from and to. */
    public List<Activity> activities(String hubId, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT * FROM activity WHERE hub_id = ? AND end_ts > ? AND start_ts < ? AND cancelled_ts IS NULL
                    ORDER BY start_ts, id""")) {
                st.setString(1, hubId);
                st.setLong(2, from.getEpochSecond());
                st.setLong(3, to.getEpochSecond());
                return activities(st);
            }
        });
    }

    public Optional<Activity> activity(String id) {
        return db.read(c -> activity(c, id));
    }

    public static Optional<Activity> activity(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM activity WHERE id = ?")) {
            st.setString(1, id);
            return activities(st).stream().findFirst();
        }
    }

    private static List<Activity> activities(PreparedStatement st) throws SQLException {
        List<Activity> activities = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                activities.add(new Activity(rs.getString("id"), rs.getString("hub_id"), rs.getString("room_id"),
                        new Name(rs.getString("title_zh"), rs.getString("title_en")),
                        Instant.ofEpochSecond(rs.getLong("start_ts")), Instant.ofEpochSecond(rs.getLong("end_ts")),
                        rs.getInt("capacity"), rs.getObject("cancelled_ts") != null));
            }
        }
        return activities;
    }

    // ---- writes (seed and staff edits) ----

    /**
     * Every catalogue write goes through here, so the caches are cleared once it committed: here and, once
     * {@link #shareCaches} was called, in the other replicas sharing the database.
     */
    private void write(Database.Work<?> work) {
        try {
            db.write(work);
        } finally {
            cachesChanged.forget();
        }
    }

    /** With several central replicas: an edit through one reaches the others' rules at once. */
    public void shareCaches() {
        cachesChanged.share(db);
    }

    public void stopSharingCaches() {
        cachesChanged.close();
    }

    public void put(Hub hub) {
        write(c -> CatalogueWrites.upsert(c, hub));
        written(hub.id());
    }

    /** A hub with its week and closures, in one transaction (staff edits). */
    public void put(Hub hub, OpeningHours hours) {
        write(c -> {
            CatalogueWrites.upsert(c, hub);
            HoursStore.replace(c, hub.id(), hours);
            return null;
        });
        written(hub.id());
    }

    public void put(Room room) {
        write(c -> CatalogueWrites.upsert(c, room));
        written(room.hubId());
    }

    public void put(ServiceItem service) {
        write(c -> CatalogueWrites.upsert(c, service));
    }

    public void put(Counter counter) {
        write(c -> {
            CatalogueWrites.upsert(c, counter);
            return null;
        });
    }

    /**
     * Retires an entry ({@code at} set) or brings it back ({@code at} null), in one transaction with the check that it
     * is no longer in use.
     *
     * @param kind room, service or counter: its table
     * @param check null when bringing back; else what refuses an entry still in use, in the same transaction
     */
    void retire(String kind, String id, String hubId, Instant at, Retiring.InUse check) {
        String table = switch (kind) {
            case "room", "service", "counter" -> kind;
            default -> throw new IllegalArgumentException(kind);
        };
        write(c -> {
            if (check != null) {
                check.refuse(c);
            }
            // retired again, it keeps the day it was first retired
            return at == null ? Sql.update(c, "UPDATE " + table + " SET retired_ts = NULL WHERE id = ?", id)
                    : Sql.update(c, "UPDATE " + table
                    + " SET retired_ts = COALESCE(retired_ts, ?) WHERE id = ?", at.getEpochSecond(), id);
        });
        if (kind.equals("room")) {
            written(hubId);
        }
    }

    public void put(Activity activity) {
        write(c -> CatalogueWrites.upsert(c, activity));
    }
}
