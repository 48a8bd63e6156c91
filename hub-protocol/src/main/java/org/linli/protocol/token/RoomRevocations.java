package org.linli.protocol.token;

import java.util.List;
import java.util.Set;
import org.linli.protocol.payload.RoomRevokedPayload;

/**
 * A room's revocation list made ready for a door's checks: windows as sorted arrays (a binary search per scan) and
 * the valid bookings as a set. Immutable and thread-safe.
 */
public final class RoomRevocations {
    public static final RoomRevocations NONE = new RoomRevocations(new long[0], new long[0], Set.of());

    private final long[] starts;
    private final long[] ends;
    private final Set<String> valid;

    private RoomRevocations(long[] starts, long[] ends, Set<String> valid) {
        this.starts = starts;
        this.ends = ends;
        this.valid = valid;
    }

    public static RoomRevocations of(RoomRevokedPayload list) {
        List<RoomRevokedPayload.Window> windows = list.windows();
        long[] starts = new long[windows.size()];
        long[] ends = new long[windows.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = windows.get(i).start();
            ends[i] = windows.get(i).end();
        }
        return new RoomRevocations(starts, ends, Set.copyOf(list.valid()));
    }

    /** Whether a booking token of this room is refused: its window overlaps a listed one and it is not named valid. */
    public boolean revokes(AccessToken token) {
        if (token.type() != TokenType.BOOKING || starts.length == 0) {
            return false;
        }
        // the first window that ends after the token starts; windows are ascending and disjoint
        int low = 0;
        int high = starts.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ends[mid] <= token.notBefore()) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        boolean overlaps = low < starts.length && starts[low] < token.expiry();
        return overlaps && !valid.contains(token.subjectText());
    }

    public int windows() {
        return starts.length;
    }
}
