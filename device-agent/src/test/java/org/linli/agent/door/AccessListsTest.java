package org.linli.agent.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.payload.RoomRevokedPayload;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.token.AccessToken;

/**
 * How a door takes revocation lists (review findings H2 and M8): judged against the list it has, not its clock;
 * never silently refused; a room's list applied to its door only; a stale one said once.
 */
class AccessListsTest {
    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");
    static final String ROOM = "r101";

    @TempDir
    Path dir;

    record Raised(String room, EventType type, String reason) {
    }

    final HubClock clock = new HubClock(NOW, ZoneOffset.UTC);
    final PayloadCodec codec = new PayloadCodec(clock);
    final List<Raised> raised = new ArrayList<>();

    AccessKeys keys(ClockTrust ownClock) {
        return new AccessKeys(dir, codec, Map.of(ROOM, Duration.ofMinutes(15)), new TimeFloor(dir), ownClock, clock,
                (room, type, reason) -> raised.add(new Raised(room, type, reason)));
    }

    byte[] hubList(long ts, String... ids) {
        return codec.encode(new RevokedPayload(ts, List.of(ids)));
    }

    @Test
    void takesANewerListWhateverTheClockSaysAndRefusesAnOlderOneLoudly() {
        AccessKeys keys = keys(ClockTrust.fixed(true, "synced"));
        long ahead = NOW.plus(Duration.ofDays(2)).toEpochMilli();
        keys.revokedArrived(hubList(ahead, "4711"));
        assertEquals(Set.of("4711"), keys.revoked(), "a list from the clock's future is taken");

        keys.revokedArrived(hubList(ahead - 60_000, "1"));
        assertEquals(Set.of("4711"), keys.revoked(), "an older list is not");
        assertEquals(1, raised.size());
        assertEquals(EventType.ACCESS_REVOCATIONS_REFUSED, raised.getFirst().type());
        assertTrue(raised.getFirst().reason().contains("older than the list in use"), raised.getFirst().reason());
        assertEquals(1, keys.refused());

        keys.revokedArrived(hubList(ahead, "4711"));
        assertEquals(1, raised.size(), "the retained copy of the list in use, again, is no news");
        assertEquals(ahead, keys.oldestListTs());
    }

    @Test
    void anOlderListThatAgreesWithTheDoorsOwnSynchronisedClockReplacesOneFromACentralClockThatRanAhead() {
        AccessKeys keys = keys(ClockTrust.fixed(true, "synced"));
        keys.revokedArrived(hubList(NOW.plus(Duration.ofDays(365)).toEpochMilli(), "1"));
        keys.revokedArrived(hubList(NOW.toEpochMilli() - 5_000, "2"));
        assertEquals(Set.of("2"), keys.revoked());
        assertTrue(raised.isEmpty(), raised.toString());
        assertEquals(NOW.toEpochMilli() - 5_000, new TimeFloor(dir).lowerBoundMillis(), "the floor came down too");

        AccessKeys unsynced = keys(ClockTrust.fixed(false, "never synchronised"));
        unsynced.revokedArrived(hubList(NOW.toEpochMilli() - 10_000, "3"));
        assertEquals(Set.of("2"), unsynced.revoked(), "without a synchronised clock of its own, the door keeps it");
    }

    @Test
    void aListOverTheDoorsLimitIsRefusedWithItsSizeAndTheLastGoodOneStays() {
        AccessKeys keys = keys(ClockTrust.fixed(true, "synced"));
        keys.revokedArrived(hubList(NOW.toEpochMilli(), "4711"));
        String[] many = new String[12_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = Integer.toString(1_000_000 + i);
        }
        byte[] huge = hubList(NOW.toEpochMilli() + 1, many);
        keys.revokedArrived(huge);
        assertEquals(Set.of("4711"), keys.revoked());
        Raised refused = raised.getFirst();
        assertEquals(EventType.ACCESS_REVOCATIONS_REFUSED, refused.type());
        assertTrue(refused.reason().contains(huge.length + " bytes") && refused.reason().contains("over the limit"),
                refused.reason());
        assertTrue(refused.reason().contains("may still open"), refused.reason());
    }

    @Test
    void aRoomListRevokesByWindowAndIsKeptOnDisk() {
        AccessKeys keys = keys(ClockTrust.fixed(true, "synced"));
        long slot = NOW.getEpochSecond() + 3600;
        RoomRevokedPayload list = RoomRevokedPayload.of(NOW.toEpochMilli(), ROOM, NOW.getEpochSecond(),
                NOW.getEpochSecond() + 86_400, List.of(new RoomRevokedPayload.Window(slot, slot + 1800)),
                List.of(new RoomRevokedPayload.Booking("900", slot, slot + 1800)));
        keys.roomRevokedArrived(ROOM, codec.encode(list));
        AccessToken cancelled = AccessToken.booking(1, 899, "h", ROOM, Instant.ofEpochSecond(slot),
                Instant.ofEpochSecond(slot + 1800));
        AccessToken current = AccessToken.booking(1, 900, "h", ROOM, Instant.ofEpochSecond(slot),
                Instant.ofEpochSecond(slot + 1800));
        assertTrue(keys.roomRevocations(ROOM).revokes(cancelled));
        assertFalse(keys.roomRevocations(ROOM).revokes(current));
        assertFalse(keys.roomRevocations("r102").revokes(cancelled), "another room's door knows nothing of it");

        AccessKeys afterReboot = keys(ClockTrust.fixed(false, "not yet"));
        assertTrue(afterReboot.roomRevocations(ROOM).revokes(cancelled), "cached for a reboot without network");

        keys.roomRevokedArrived(ROOM, codec.encode(RoomRevokedPayload.of(NOW.toEpochMilli() + 1, "r102",
                NOW.getEpochSecond(), NOW.getEpochSecond() + 60, List.of(), List.of())));
        assertEquals(EventType.ACCESS_REVOCATIONS_REFUSED, raised.getLast().type(), "a list naming another room");
        assertTrue(keys.roomRevocations(ROOM).revokes(cancelled));
    }

    @Test
    void aRoomListThatNoLongerCoversTheDoorsTimeIsSaidOnce() {
        AccessKeys keys = keys(ClockTrust.fixed(true, "synced"));
        keys.roomRevokedArrived(ROOM, codec.encode(RoomRevokedPayload.of(NOW.toEpochMilli(), ROOM,
                NOW.getEpochSecond(), NOW.getEpochSecond() + 3600, List.of(), List.of())));
        keys.checkStale();
        assertTrue(raised.isEmpty());
        clock.set(NOW.plus(Duration.ofMinutes(46)));
        keys.checkStale();
        keys.checkStale();
        assertEquals(1, raised.size(), "within the door's 15-minute grace of the end, once");
        assertEquals(EventType.ACCESS_REVOCATIONS_STALE, raised.getFirst().type());
        assertEquals(ROOM, raised.getFirst().room());
    }
}
