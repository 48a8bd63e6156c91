package org.linli.central.reports;

import java.util.Map;
import java.util.TreeMap;

/**
 * Waits counted per whole minute, so that a median or p90 over any period can be taken from days kept apart. Its text
 * form ({@code "0:3,4:1,12:2"}: minute, then how many waited that long) is what {@code report_service_day} stores.
 */
final class WaitHistogram {
    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long total;

    void add(long waitSeconds) {
        add((int) Math.max(0, waitSeconds / 60), 1);
    }

    void add(int minute, long n) {
        if (n > 0) {
            counts.merge(minute, n, Long::sum);
            total += n;
        }
    }

    void addAll(WaitHistogram other) {
        other.counts.forEach(this::add);
    }

    /** Adds the counts of a stored text form; an empty text adds nothing. */
    void addText(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        int start = 0;
        while (start < text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            int colon = text.indexOf(':', start);
            add(Integer.parseInt(text, start, colon, 10), Long.parseLong(text, colon + 1, end, 10));
            start = end + 1;
        }
    }

    String text() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(e.getKey()).append(':').append(e.getValue());
        }
        return text.toString();
    }

    long total() {
        return total;
    }

    /** The nearest-rank quantile in whole minutes (the wait that q of the tickets did not exceed); null when empty. */
    Integer quantile(double q) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }

    /** How many waited the target or longer (whole minutes: a wait of 15:30 is over a 15-minute target). */
    long atLeast(int minutes) {
        return counts.tailMap(minutes, true).values().stream().mapToLong(Long::longValue).sum();
    }
}
