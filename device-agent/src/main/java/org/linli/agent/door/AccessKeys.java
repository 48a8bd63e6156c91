package org.linli.agent.door;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.linli.protocol.command.CommandVerifier;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.KeysPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.payload.RoomRevokedPayload;
import org.linli.protocol.token.RoomRevocations;
import org.linli.protocol.token.TokenVerifier;

/**
 * The hub's published verification keys and its revocation lists (the hub-wide {@code access/revoked} and one
 * {@code access/revoked/{room}} per door of this device), as last received on their retained topics, cached on disk so
 * that a door rebooted without network still opens for valid bookings.
 *
 * <p>A revocation list is judged against the one in use, not against the clock: a newer one is taken whatever the
 * clock says (and raises the {@link TimeFloor}); an older one is refused, unless this device's own synchronised clock
 * agrees with it (then the list in use came from a central clock that ran ahead). A list that cannot be applied is
 * never silent: {@code access.revocations_refused} says why and how large it was, the count goes out with the
 * telemetry, and the last good list stays. Runs on the agent loop.
 */
public final class AccessKeys {
    private static final System.Logger LOG = System.getLogger(AccessKeys.class.getName());
    private static final String HUB_WIDE = null;

    /** Where the door's complaints go: an event for central to alert on. */
    public interface Alarm {
        Alarm NONE = (room, type, reason) -> { };

        void raise(String room, EventType type, String reason);
    }

    /** A list in use: its time and its bytes (to know a retained copy of the same list when it comes again). */
    private record InUse(long ts, byte[] bytes) {
    }

    private final Path dataDir;
    private final PayloadCodec codec;
    private final TimeFloor floor;
    private final ClockTrust ownClock;
    private final Clock clock;
    private final Alarm alarm;
    private final Map<String, Duration> graceByRoom;
    /** Cached files are checked without a time bound: the clock may not be trusted yet after a reboot. */
    private final PayloadCodec cacheCodec = new PayloadCodec(Clock.fixed(Instant.parse("9999-01-01T00:00:00Z"),
            java.time.ZoneOffset.UTC));
    private volatile TokenVerifier verifier = new TokenVerifier(Map.of());
    private volatile CommandVerifier commandVerifier = new CommandVerifier(Map.of());
    private volatile Set<String> revoked = Set.of();
    private final Map<String, RoomRevocations> roomLists = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, RoomRevokedPayload> roomPayloads = new HashMap<>();
    private final Map<String, InUse> inUse = new HashMap<>();
    private final Map<String, Boolean> staleReported = new HashMap<>();
    private volatile int keyCount;
    private volatile long refused;

    /** Keys and the hub-wide list only, nothing reported: for tests of the door alone. */
    public AccessKeys(Path dataDir, PayloadCodec codec) {
        this(dataDir, codec, Map.of(), new TimeFloor(dataDir), ClockTrust.fixed(false, "none"), Clock.systemUTC(),
                Alarm.NONE);
    }

    /**
     * @param graceByRoom the rooms whose doors are here, each with its grace before a booking's start
     * @param ownClock whether this device's clock is synchronised by its own means (before the time floor)
     */
    public AccessKeys(Path dataDir, PayloadCodec codec, Map<String, Duration> graceByRoom, TimeFloor floor,
            ClockTrust ownClock, Clock clock, Alarm alarm) {
        this.dataDir = dataDir;
        this.codec = codec;
        this.graceByRoom = Map.copyOf(graceByRoom);
        this.floor = floor;
        this.ownClock = ownClock;
        this.clock = clock;
        this.alarm = alarm;
        loadCache();
    }

    private Path keysFile() {
        return dataDir.resolve("access-keys.json");
    }

    private Path listFile(String room) {
        return dataDir.resolve(room == null ? "access-revoked.json" : "access-revoked-" + room + ".json");
    }

    private void loadCache() {
        try {
            if (Files.exists(keysFile())) {
                useKeys(cacheCodec.decodeKeys(Files.readAllBytes(keysFile())));
            }
        } catch (IOException | PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "cached keys {0} unreadable ({1}); waiting for the broker",
                    keysFile(), e.getMessage());
        }
        loadList(HUB_WIDE);
        graceByRoom.keySet().forEach(this::loadList);
    }

    private void loadList(String room) {
        Path file = listFile(room);
        try {
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                long ts = room == null ? useHubList(cacheCodec.decodeRevoked(bytes))
                        : useRoomList(room, cacheCodec.decodeRoomRevoked(bytes));
                inUse.put(key(room), new InUse(ts, bytes));
                floor.saw(ts, describe(room) + " of " + Instant.ofEpochMilli(ts));
            }
        } catch (IOException | PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "cached list {0} unreadable ({1}); waiting for the broker", file,
                    e.getMessage());
        }
    }

    private static String key(String room) {
        return room == null ? "" : room;
    }

    private static String describe(String room) {
        return room == null ? "the hub's revocation list" : "the revocation list of room " + room;
    }

    /** A message on {@code access/keys}. */
    public void keysArrived(byte[] payload) {
        try {
            KeysPayload keys = codec.decodeKeys(payload);
            useKeys(keys);
            save(keysFile(), payload);
        } catch (PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "ignored a bad access/keys message: {0}", e.getMessage());
        }
    }

    /** A message on {@code access/revoked}, the hub-wide list. */
    public void revokedArrived(byte[] payload) {
        listArrived(HUB_WIDE, payload);
    }

    /** A message on {@code access/revoked/{room}}. */
    public void roomRevokedArrived(String room, byte[] payload) {
        if (!graceByRoom.containsKey(room)) {
            LOG.log(System.Logger.Level.WARNING, "ignored a revocation list for room {0}, which has no door here", room);
            return;
        }
        listArrived(room, payload);
    }

    private void listArrived(String room, byte[] payload) {
        InUse current = inUse.get(key(room));
        if (current != null && Arrays.equals(current.bytes(), payload)) {
            return; // the retained copy of the list in use, again after a reconnect
        }
        long ts;
        try {
            if (room == null) {
                RevokedPayload list = codec.decodeRevoked(payload);
                ts = list.ts();
                if (!acceptable(room, ts, current, payload.length)) {
                    return;
                }
                useHubList(list);
            } else {
                RoomRevokedPayload list = codec.decodeRoomRevoked(payload);
                ts = list.ts();
                if (!list.room().equals(room)) {
                    refuse(room, payload.length, "it names room " + list.room(), current);
                    return;
                }
                if (!acceptable(room, ts, current, payload.length)) {
                    return;
                }
                useRoomList(room, list);
            }
        } catch (PayloadException e) {
            refuse(room, payload.length, e.getMessage(), current);
            return;
        }
        inUse.put(key(room), new InUse(ts, payload));
        floor.saw(ts, describe(room) + " of " + Instant.ofEpochMilli(ts));
        save(listFile(room), payload);
    }

    private boolean acceptable(String room, long ts, InUse current, int size) {
        if (current == null || ts >= current.ts()) {
            return true;
        }
        long apart = Math.abs(clock.millis() - ts);
        if (ownClock.trusted() && apart <= FlooredClockTrust.TOLERANCE.toMillis()) {
            LOG.log(System.Logger.Level.WARNING, "{0} of {1} is older than the one in use ({2}) but agrees with this"
                    + " synchronised clock: central''s clock had run ahead; taking it", describe(room),
                    Instant.ofEpochMilli(ts), Instant.ofEpochMilli(current.ts()));
            floor.reset(ts, describe(room) + " of " + Instant.ofEpochMilli(ts));
            return true;
        }
        refuse(room, size, "it is from " + Instant.ofEpochMilli(ts) + ", older than the list in use",
                current);
        return false;
    }

    private void refuse(String room, int size, String why, InUse current) {
        refused++;
        String reason = describe(room) + " (" + size + " bytes) refused: " + why + "; "
                + (current == null ? "this door has no list of that kind yet"
                        : "the list of " + Instant.ofEpochMilli(current.ts()) + " stays in use")
                + ", so bookings cancelled since may still open the door";
        LOG.log(System.Logger.Level.ERROR, reason);
        alarm.raise(room, EventType.ACCESS_REVOCATIONS_REFUSED, reason);
    }

    private void useKeys(KeysPayload keys) {
        verifier = TokenVerifier.of(keys);
        commandVerifier = CommandVerifier.of(keys);
        keyCount = keys.keys().size();
        LOG.log(System.Logger.Level.INFO, "access keys: {0} published", keyCount);
    }

    private long useHubList(RevokedPayload list) {
        revoked = Set.copyOf(list.bookings());
        return list.ts();
    }

    private long useRoomList(String room, RoomRevokedPayload list) {
        roomLists.put(room, RoomRevocations.of(list));
        roomPayloads.put(room, list);
        staleReported.remove(room);
        return list.ts();
    }

    /**
     * Says once per list when a room's list no longer covers the time its door may open for: bookings cancelled
     * for later slots are then unknown here. Called every minute on the agent loop.
     */
    public void checkStale() {
        long now = clock.instant().getEpochSecond();
        roomPayloads.forEach((room, list) -> {
            long grace = graceByRoom.getOrDefault(room, Duration.ZERO).toSeconds();
            if (now + grace >= list.until() && staleReported.putIfAbsent(room, Boolean.TRUE) == null) {
                String reason = "the revocation list of room " + room + " covers only until "
                        + Instant.ofEpochSecond(list.until()) + "; bookings cancelled for later are unknown here";
                LOG.log(System.Logger.Level.ERROR, reason);
                alarm.raise(room, EventType.ACCESS_REVOCATIONS_STALE, reason);
            }
        });
    }

    private static void save(Path file, byte[] payload) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, payload);
            // atomic, so a power cut leaves the old list or the new one, never half of one
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot cache " + file + "; doors work until the next reboot", e);
        }
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    /** Checks commands with the same published keys. */
    public CommandVerifier commandVerifier() {
        return commandVerifier;
    }

    public Set<String> revoked() {
        return revoked;
    }

    /** The room's list, or {@link RoomRevocations#NONE} until central publishes one. */
    public RoomRevocations roomRevocations(String room) {
        return roomLists.getOrDefault(room, RoomRevocations.NONE);
    }

    public int keyCount() {
        return keyCount;
    }

    /** Lists refused since the start, for the telemetry. */
    public long refused() {
        return refused;
    }

    /** The time of the oldest list in use (the one most behind central), or null before any, for the telemetry. */
    public Long oldestListTs() {
        return inUse.values().stream().map(InUse::ts).min(Long::compare).orElse(null);
    }
}
