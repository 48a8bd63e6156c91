package org.linli.agent.sim;

import java.io.PrintStream;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Simulation input: a line {@code scan <room> <text>} presents {@code text} at the door of {@code room}, as if a
 * resident held a QR code up to its reader; {@code stats} prints the reader-to-relay times since the last
 * {@code stats} (the benchmark reads them this way). Lines come from standard input or from a FIFO
 * ({@code simulation.scan-file}).
 */
public final class ScanConsole {
    private static final System.Logger LOG = System.getLogger(ScanConsole.class.getName());

    private final BiConsumer<String, String> scan;
    private final Supplier<String> stats;
    private final PrintStream out;

    /** @param scan receives (room, text) */
    public ScanConsole(BiConsumer<String, String> scan) {
        this(scan, () -> "n=0", System.out);
    }

    /** @param stats the latency summary, reset by each call; printed to {@code out} as {@code stats <summary>} */
    public ScanConsole(BiConsumer<String, String> scan, Supplier<String> stats, PrintStream out) {
        this.scan = scan;
        this.stats = stats;
        this.out = out;
    }

    /** Handles one input line; anything else than a known line is explained once and ignored. */
    public void line(String line) {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length == 3 && parts[0].equals("scan")) {
            scan.accept(parts[1], parts[2]);
        } else if (parts.length == 1 && parts[0].equals("stats")) {
            out.println("stats reader-to-relay " + stats.get());
        } else if (!line.isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "simulation input: expected ''scan <room> <text>'' or ''stats'',"
                    + " got: {0}", line.length() > 80 ? line.substring(0, 80) + "…" : line);
        }
    }
}
