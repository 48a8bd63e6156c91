package org.linli.e2e.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel says about a program's processes, from {@code /proc}: resident set (VmRSS, and PSS, which shares
 * pages between Chromium's processes fairly instead of counting them once per process), threads, open files and CPU
 * time. A program of several processes (Chromium) is their sum.
 */
record ProcessStats(long rssKb, long pssKb, int threads, int fds, double cpuSeconds) {
    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in 1/100 s on every architecture we run on. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcessStats of(List<Long> pids) {
        long rss = 0;
        long pss = 0;
        int threads = 0;
        int fds = 0;
        double cpu = 0;
        for (long pid : pids) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                for (String line : Files.readAllLines(proc.resolve("status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += kb(line);
                    } else if (line.startsWith("Threads:")) {
                        threads += Integer.parseInt(line.substring("Threads:".length()).strip());
                    }
                }
                for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pss += kb(line);
                    }
                }
                try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
                    fds += (int) open.count();
                }
                String stat = Files.readString(proc.resolve("stat"));
                // the fields after the command name, which is in parentheses and may hold spaces
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            } catch (IOException | RuntimeException gone) {
                // a process that ended between listing and reading (a Chromium helper): it no longer counts
            }
        }
        return new ProcessStats(rss, pss, threads, fds, cpu);
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("\\D", ""));
    }

    /** Bytes of the files under {@code paths} (a database with its WAL, a data directory). */
    static long sizeKb(List<Path> paths) {
        long bytes = 0;
        for (Path path : paths) {
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                bytes += files.filter(Files::isRegularFile).mapToLong(file -> {
                    try {
                        return Files.size(file);
                    } catch (IOException gone) {
                        return 0; // rotated or deleted while walking
                    }
                }).sum();
            } catch (IOException | java.io.UncheckedIOException gone) {
                // a directory that changed while walking; the next sample reads it again
            }
        }
        return bytes / 1024;
    }
}
