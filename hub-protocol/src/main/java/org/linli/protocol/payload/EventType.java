package org.linli.protocol.payload;

import java.util.Arrays;
import java.util.Optional;

/** The {@code type} of an event an agent reports on {@code devices/{id}/events}. */
public enum EventType {
    ACCESS_GRANTED("access.granted"),
    ACCESS_DENIED("access.denied"),
    DOOR_OPENED("door.opened"),
    DOOR_CLOSED("door.closed"),
    DOOR_HELD_OPEN("door.held_open"),
    DOOR_UNLOCKED_REMOTELY("door.unlocked_remotely"),
    CLOCK_UNTRUSTED("clock.untrusted"),
    IDENTIFY_DONE("identify.done"),
    CONFIG_RELOADED("config.reloaded"),
    COMMAND_REJECTED("command.rejected"),
    /** A command refused before it was believed: unsigned, badly signed, stale, replayed (reason says which). */
    COMMAND_REFUSED("command.refused"),
    /**
     * The door could not apply a revocation list (too large, malformed, older than the one it has): it keeps the
     * last good one, which may let a cancelled booking in. The reason says why and how large the list was.
     */
    ACCESS_REVOCATIONS_REFUSED("access.revocations_refused"),
    /** A room's revocation list no longer covers the time now: cancelled bookings of later slots are unknown. */
    ACCESS_REVOCATIONS_STALE("access.revocations_stale"),
    /**
     * A lock with a sense output does not do what the relay told it, once it had time to: reports open while locked
     * (a relay wired or configured the wrong way round, a lock failed or forced) or locked while opened. The reason
     * starts with which: {@code "open: …"} or {@code "shut: …"}.
     */
    LOCK_FAULT("lock.fault"),
    /** The lock does what the relay tells it again, after a {@link #LOCK_FAULT}. */
    LOCK_OK("lock.ok"),
    OUTBOX_DROPPED("outbox.dropped"),
    AGENT_STARTED("agent.started");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire, e.g. {@code access.granted}. */
    public String wire() {
        return wire;
    }

    public static Optional<EventType> byWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
