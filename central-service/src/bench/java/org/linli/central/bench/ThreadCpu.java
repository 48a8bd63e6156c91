package org.linli.central.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * CPU time of this JVM's threads, grouped by a name the caller gives each thread, between two snapshots: where the
 * time of an in-process benchmark goes (which stage of a pipeline, the load generator, the JIT, …). Threads that end
 * between the snapshots are not counted.
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Function<String, String> group;
    private final Map<Long, Long> start = new HashMap<>();

    private ThreadCpu(Function<String, String> group) {
        this.group = group;
    }

    /** Takes the first snapshot now; {@code group} maps a thread's name to its group's name. */
    public static ThreadCpu start(Function<String, String> group) {
        ThreadCpu cpu = new ThreadCpu(group);
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                cpu.start.put(info.getThreadId(), THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    /** CPU nanoseconds per group since the first snapshot, in first-seen order of the groups. */
    public Map<String, Long> since() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            long before = start.getOrDefault(info.getThreadId(), 0L);
            result.merge(group.apply(info.getThreadName()), now - before, Long::sum);
        }
        return result;
    }

    /** The 1, 5 and 15 minute load averages as {@code uptime} prints them: other work on a shared machine. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The CPU time so far of a child process of this JVM whose command ends with {@code name}, or -1. */
    public static long ofChild(String name) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + name)).orElse(false))
                .mapToLong(p -> Cpu.ofProcess(p.pid())).findFirst().orElse(-1);
    }

    /** The CPU time so far of every descendant process whose command contains {@code name} (a browser's many). */
    public static long ofDescendants(String name) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains(name)).orElse(false))
                .mapToLong(p -> Math.max(0, Cpu.ofProcess(p.pid()))).sum();
    }
}
