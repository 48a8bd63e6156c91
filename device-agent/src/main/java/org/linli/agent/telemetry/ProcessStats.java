package org.linli.agent.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about this process and board; each read is a small file under /proc or /sys. */
public final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path THERMAL = Path.of("/sys/class/thermal/thermal_zone0/temp");

    private ProcessStats() {
    }

    /** Resident set size in bytes, or 0 where /proc is not readable. */
    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** CPU temperature in °C, or null where the board has no readable sensor (a laptop, a container). */
    public static Double cpuTempC() {
        try {
            double celsius = Long.parseLong(Files.readString(THERMAL).trim()) / 1000.0;
            return celsius >= -60 && celsius <= 150 ? celsius : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** User + system CPU time of this process in clock ticks (usually 1/100 s), or -1. */
    public static long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
