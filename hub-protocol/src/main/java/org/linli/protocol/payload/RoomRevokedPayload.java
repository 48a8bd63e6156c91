package org.linli.protocol.payload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code hubs/{hub}/access/revoked/{room}}, retained: what one room's doors must refuse, in a form whose size does not
 * grow with the number of cancellations (docs/decisions/0006-revocation-by-room-and-window.md).
 *
 * <p>Instead of one id per cancelled booking, the list names the <em>time windows</em> of the room's cancelled (or
 * released) bookings, merged, and the bookings still valid that overlap them. A booking token for this room whose
 * window overlaps a listed window is refused unless its booking is named in {@code valid}. A thousand bookings made
 * and cancelled for one slot are one window; since a room holds no two valid bookings at once, {@code valid} is
 * bounded by the slots in the list's span, whatever the volume.
 *
 * <p>The list speaks for token windows within {@code [from, until)}: central publishes it with a sliding span (e.g.
 * from the start of the oldest booking not yet ended to two days ahead) and again as time moves on. A door whose list
 * no longer covers the time now says so ({@code access.revocations_stale}).
 *
 * @param ts when central made the list (epoch ms); a door never takes a list older than the one it has
 * @param from epoch seconds; windows start at or after it
 * @param until epoch seconds; windows end at or before it; {@code until - from} at most {@link #MAX_SPAN}
 * @param windows the merged windows, ascending, disjoint and not touching
 * @param valid ids of bookings still valid that overlap a window (no order, no duplicates)
 */
public record RoomRevokedPayload(long ts, String room, long from, long until, List<Window> windows,
        List<String> valid) implements Payload {
    /**
     * The longest span a list may cover. With 5-minute slots (the shortest a room may have) a week has 2,016 slots:
     * at most 1,008 windows (they cannot touch) and 2,016 valid bookings; see {@link #MAX_BYTES}.
     */
    public static final Duration MAX_SPAN = Duration.ofDays(7);
    /** The longest booking id in a list (a 128-bit random id is 22 characters of base64url, 26 of base32). */
    public static final int MAX_ID_LENGTH = 32;
    /**
     * The largest list a door takes, its own limit (not the 4 KiB of other payloads). The worst case of
     * {@link #MAX_SPAN} at 5-minute slots with {@link #MAX_ID_LENGTH}-character ids is 1,008 windows of at most 16
     * bytes ({@code [604200,604500],}) and 2,016 ids of at most 35 bytes ({@code "…32…",}): 86,688 bytes with the
     * envelope, under 96 KiB; the broker's {@code max_packet_size} is 128 KiB.
     */
    public static final int MAX_BYTES = 96 * 1024;

    /** A window in epoch seconds, {@code [start, end)}. */
    public record Window(long start, long end) {
        public Window {
            if (start >= end) {
                throw new IllegalArgumentException("a window must end after it starts");
            }
        }

        boolean overlaps(long otherStart, long otherEnd) {
            return start < otherEnd && otherStart < end;
        }
    }

    /** A booking still valid: its id and window in epoch seconds. */
    public record Booking(String id, long start, long end) {
    }

    public RoomRevokedPayload {
        windows = List.copyOf(windows);
        valid = List.copyOf(valid);
        if (until <= from || until - from > MAX_SPAN.toSeconds()) {
            throw new IllegalArgumentException("a list covers more than nothing and at most " + MAX_SPAN);
        }
        long previousEnd = Long.MIN_VALUE;
        for (Window w : windows) {
            if (w.start() < from || w.end() > until || w.start() <= previousEnd) {
                throw new IllegalArgumentException("windows must lie in [from, until), ascending, not touching");
            }
            previousEnd = w.end();
        }
    }

    /**
     * The list central publishes for a room: the windows of its cancelled or released bookings, cut to
     * {@code [from, until)} and merged where they overlap or touch, and the valid bookings that overlap one.
     *
     * @param cancelled windows of the room's cancelled or released bookings that have not ended
     * @param active the room's valid bookings that have not ended
     */
    public static RoomRevokedPayload of(long ts, String room, long from, long until, Collection<Window> cancelled,
            Collection<Booking> active) {
        List<Window> sorted = new ArrayList<>();
        for (Window w : cancelled) {
            long start = Math.max(w.start(), from);
            long end = Math.min(w.end(), until);
            if (start < end) {
                sorted.add(new Window(start, end));
            }
        }
        sorted.sort(Comparator.comparingLong(Window::start));
        List<Window> merged = new ArrayList<>();
        for (Window w : sorted) {
            Window last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && w.start() <= last.end()) {
                merged.set(merged.size() - 1, new Window(last.start(), Math.max(last.end(), w.end())));
            } else {
                merged.add(w);
            }
        }
        Set<String> stillValid = new LinkedHashSet<>();
        for (Booking b : active) {
            if (merged.stream().anyMatch(w -> w.overlaps(b.start(), b.end()))) {
                stillValid.add(b.id());
            }
        }
        return new RoomRevokedPayload(ts, room, from, until, merged, List.copyOf(stillValid));
    }
}
