package org.linli.agent.sim;

import java.util.function.BiConsumer;

/**
 * Simulation input: a line {@code scan <room> <text>} presents {@code text} at the door of {@code room}, as if a
 * resident held a QR code up to its reader. Lines come from standard input or from a FIFO ({@code simulation.scan-file}).
 */
public final class ScanConsole {
    private static final System.Logger LOG = System.getLogger(ScanConsole.class.getName());

    private final BiConsumer<String, String> scan;

    /** @param scan receives (room, text) */
    public ScanConsole(BiConsumer<String, String> scan) {
        this.scan = scan;
    }

    /** Handles one input line; anything else than a scan line is explained once and ignored. */
    public void line(String line) {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length == 3 && parts[0].equals("scan")) {
            scan.accept(parts[1], parts[2]);
        } else if (!line.isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "simulation input: expected ''scan <room> <text>'', got: {0}",
                    line.length() > 80 ? line.substring(0, 80) + "…" : line);
        }
    }
}
