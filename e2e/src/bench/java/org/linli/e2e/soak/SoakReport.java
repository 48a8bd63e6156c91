package org.linli.e2e.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak's table: for every program and measure, its value when the warm-up ended, at the end, and its trend per
 * hour after the warm-up (the least-squares slope through every sample from then on), with a verdict. A measure is
 * "flat" when its trend over the measured time stays within a tolerance (3 % of its level, and never less than a
 * floor of a few MB, threads or files that a collection or a pool's coming and going moves anyway); otherwise it
 * "grows" (or "shrinks").
 *
 * <p>It reads the CSV the soak writes, so a table can be made from a run that is still going
 * ({@code ./linli bench soak --report FILE.csv [warm-up minutes]}).
 */
final class SoakReport {
    static final String HEADER = "time,minute,program,pid,rss_kb,pss_kb,heap_after_gc_kb,threads,fds,cpu_s,store_kb,"
            + "dom_nodes,listeners,bookings,cancelled,revocation_bytes";

    /**
     * A measure: its CSV column, its name in the table, shown in 1024ths (kB as MB, bytes as kB), its tolerance floor,
     * and whether it is judged (history such as bookings grows by design: its trend is shown, no verdict).
     */
    private record Measure(int column, String name, boolean kb, double floor, boolean judged) {
        Measure(int column, String name, boolean kb, double floor) {
            this(column, name, kb, floor, true);
        }
    }

    private static final List<Measure> MEASURES = List.of(
            new Measure(4, "RSS MB", true, 4),
            new Measure(6, "heap after GC MB", true, 2),
            new Measure(7, "threads", false, 2),
            new Measure(8, "open files", false, 3),
            new Measure(10, "data MB", true, 1),
            new Measure(11, "DOM nodes", false, 100),
            new Measure(12, "listeners", false, 30),
            new Measure(13, "bookings", false, 0, false),
            new Measure(14, "cancelled bookings", false, 0, false),
            new Measure(15, "revocation lists bytes", false, 256));

    private record Row(double minute, String program, double[] values) {
    }

    private final List<Row> rows = new ArrayList<>();

    static SoakReport read(Path csv) throws IOException {
        SoakReport report = new SoakReport();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("time,")) {
                continue;
            }
            String[] cells = line.split(",");
            // a CSV of an older soak has fewer columns: what it did not measure is -1, as everything not measured
            double[] values = new double[Math.max(cells.length, HEADER.split(",").length)];
            java.util.Arrays.fill(values, -1);
            for (int i = 3; i < cells.length; i++) {
                values[i] = Double.parseDouble(cells[i]);
            }
            report.rows.add(new Row(Double.parseDouble(cells[1]), cells[2], values));
        }
        return report;
    }

    /** The table in Markdown, the trends measured from {@code warmupMinutes} on. */
    String table(double warmupMinutes) {
        Map<String, List<Row>> byProgram = new LinkedHashMap<>();
        for (Row row : rows) {
            byProgram.computeIfAbsent(row.program(), p -> new ArrayList<>()).add(row);
        }
        double end = rows.stream().mapToDouble(Row::minute).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Trend per hour from minute %.0f to minute %.0f (least squares over the"
                + " samples after the warm-up); each cell: at the end of the warm-up → at the end (trend per hour). RSS is"
                + " Chromium's PSS (its processes share memory); CPU %% is of one core, the mean after the warm-up."
                + "%n%n", warmupMinutes, end));
        out.append("| program |");
        List<Measure> shown = MEASURES.stream().filter(m -> rows.stream().anyMatch(r -> r.values()[m.column()] >= 0))
                .toList();
        for (Measure m : shown) {
            out.append(' ').append(m.name()).append(" |");
        }
        out.append(" CPU % |\n|---|").append("---|".repeat(shown.size() + 1)).append('\n');
        List<String> growing = new ArrayList<>();
        for (var entry : byProgram.entrySet()) {
            out.append("| ").append(entry.getKey()).append(" |");
            List<Row> after = entry.getValue().stream().filter(r -> r.minute() >= warmupMinutes).toList();
            for (Measure m : shown) {
                List<Row> points = after.stream().filter(r -> r.values()[m.column()] >= 0).toList();
                if (points.size() < 3) {
                    out.append(" – |");
                    continue;
                }
                double scale = m.kb() ? 1024 : 1;
                // Chromium is many processes that share much of their memory: its PSS adds them up fairly
                int column = m.column() == 4 && entry.getKey().equals("chromium") ? 5 : m.column();
                double first = points.get(0).values()[column] / scale;
                double last = points.get(points.size() - 1).values()[column] / scale;
                double slope = slopePerHour(points, column) / scale;
                double mean = points.stream().mapToDouble(r -> r.values()[column] / scale).average().orElse(0);
                double hours = (points.get(points.size() - 1).minute() - points.get(0).minute()) / 60;
                double tolerance = Math.max(m.floor(), 0.03 * Math.abs(mean));
                String verdict = !m.judged() || Math.abs(slope * hours) <= tolerance ? ""
                        : slope > 0 ? " **grows**" : " shrinks";
                if (verdict.contains("grows")) {
                    growing.add(entry.getKey() + " " + m.name());
                }
                out.append(String.format(Locale.ROOT, " %s → %s (%+.2f/h)%s |", number(first, m.kb()),
                        number(last, m.kb()), slope, verdict));
            }
            List<Row> cpu = after.stream().filter(r -> r.values()[9] >= 0).toList();
            out.append(cpu.size() < 2 ? " – |" : String.format(Locale.ROOT, " %.1f |",
                    100 * (cpu.get(cpu.size() - 1).values()[9] - cpu.get(0).values()[9])
                            / ((cpu.get(cpu.size() - 1).minute() - cpu.get(0).minute()) * 60)));
            out.append('\n');
        }
        out.append(growing.isEmpty() ? "\nNothing grows after the warm-up.\n"
                : "\nGrows after the warm-up: " + String.join(", ", growing) + ".\n");
        return out.toString();
    }

    private static String number(double value, boolean mb) {
        return mb ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    /** Least-squares slope of a column against time, per hour. */
    static double slopePerHour(List<Row> points, int column) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Row r : points) {
            double x = r.minute() / 60;
            double y = r.values()[column];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }
}
