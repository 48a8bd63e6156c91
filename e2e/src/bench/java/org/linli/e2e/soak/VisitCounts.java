package org.linli.e2e.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the kiosk's visits ended, by kind: done (every tap made and, for a booking or a cancellation, the screen said
 * so), refused (the kiosk said no: a room's rules, a slot taken meanwhile), cut short (a button the screen did not
 * show, or greyed), walked away (the idle reset takes the kiosk home) or failed (the kiosk or the script broke).
 * The soak's summary reads the file this writes after every visit.
 */
final class VisitCounts {
    enum Outcome { DONE, REFUSED, CUT_SHORT, WALKED_AWAY, FAILED }

    private final Map<String, int[]> byKind = new LinkedHashMap<>();
    private int taps;

    VisitCounts(String... kinds) {
        for (String kind : kinds) {
            byKind.put(kind, new int[Outcome.values().length]);
        }
    }

    synchronized void tapped() {
        taps++;
    }

    synchronized void ended(String kind, Outcome outcome) {
        byKind.computeIfAbsent(kind, k -> new int[Outcome.values().length])[outcome.ordinal()]++;
    }

    /** "142 visits, 1130 taps; done: 20 tickets, …; refused: …; cut short: …; walked away: …; failed: 0". */
    synchronized String line() {
        int visits = byKind.values().stream().mapToInt(c -> java.util.Arrays.stream(c).sum()).sum();
        StringBuilder line = new StringBuilder(visits + " visits, " + taps + " taps");
        for (Outcome outcome : Outcome.values()) {
            StringBuilder kinds = new StringBuilder();
            int total = 0;
            for (var entry : byKind.entrySet()) {
                int n = entry.getValue()[outcome.ordinal()];
                total += n;
                if (n > 0) {
                    kinds.append(kinds.isEmpty() ? "" : ", ").append(n).append(' ').append(entry.getKey());
                }
            }
            line.append("; ").append(outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(": ").append(total).append(total > 0 ? " (" + kinds + ")" : "");
        }
        return line.toString();
    }

    synchronized void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, line() + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
