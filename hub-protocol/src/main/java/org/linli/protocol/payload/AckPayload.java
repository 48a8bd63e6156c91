package org.linli.protocol.payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code devices/{id}/ack}, central → that device, not retained: the {@code seq}s of the device's messages that the
 * central service has committed to its database (or judged and dropped for good: a malformed payload, a room that is
 * not the device's), as ascending, non-overlapping, inclusive ranges. The agent keeps each message in its outbox until
 * a receipt names its {@code seq}; a receipt lost on the way only makes the agent send the message again, and the
 * central service stores it once and acknowledges it again.
 *
 * @param ts when the central service committed them (epoch ms)
 * @param seqs at most {@link #MAX_RANGES} ranges
 */
public record AckPayload(long ts, List<Range> seqs) implements Payload {
    /** Ranges in one receipt; more go in several (a committed batch of one device is almost always one range). */
    public static final int MAX_RANGES = 64;

    /** {@code from..to}, both included, {@code 0 <= from <= to}. */
    public record Range(long from, long to) {
        public Range {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("not a range of seqs: " + from + ".." + to);
            }
        }

        public boolean contains(long seq) {
            return seq >= from && seq <= to;
        }
    }

    public AckPayload {
        seqs = List.copyOf(seqs);
        if (seqs.isEmpty() || seqs.size() > MAX_RANGES) {
            throw new IllegalArgumentException("a receipt names 1-" + MAX_RANGES + " ranges, not " + seqs.size());
        }
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i).from() <= seqs.get(i - 1).to()) {
                throw new IllegalArgumentException("ranges must ascend without overlapping: " + seqs);
            }
        }
    }

    /**
     * The receipts for these seqs (in any order, repeats allowed): ascending ranges, adjacent seqs joined, split into
     * payloads of at most {@link #MAX_RANGES} ranges.
     */
    public static List<AckPayload> of(long ts, long[] seqs, int count) {
        long[] sorted = Arrays.copyOf(seqs, count);
        Arrays.sort(sorted);
        List<AckPayload> receipts = new ArrayList<>(1);
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            long from = sorted[i];
            long to = from;
            // a difference, not to + 1, which overflows at Long.MAX_VALUE (seqs are never negative)
            while (i < sorted.length && sorted[i] - to <= 1) {
                to = Math.max(to, sorted[i]);
                i++;
            }
            ranges.add(new Range(from, to));
            if (ranges.size() == MAX_RANGES) {
                receipts.add(new AckPayload(ts, ranges));
                ranges.clear();
            }
        }
        if (!ranges.isEmpty()) {
            receipts.add(new AckPayload(ts, ranges));
        }
        return receipts;
    }
}
