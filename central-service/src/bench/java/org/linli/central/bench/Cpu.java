package org.linli.central.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the server and of the load generator. On a shared machine req/s depends on what else runs; CPU time
 * per request does much less, so the benchmark reports both.
 */
public final class Cpu {
    // USER_HZ: 100 on every Linux we run on (the kernel ABI fixes it for /proc, whatever the kernel's own HZ).
    private static final long NANOS_PER_TICK = 10_000_000L;

    private Cpu() {
    }

    /** utime + stime of a process from /proc/PID/stat, or -1. */
    public static long ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time of a process's JIT compiler threads ("C1/C2 CompilerThread"). A server that runs for weeks has long
     * finished compiling; on a starved benchmark machine C2 is still at work during the measured phases, so the
     * benchmark reports the server's CPU per request with and without it.
     */
    public static long ofCompilerThreads(long pid) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.contains("CompilerThre")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a thread ended while we listed them, or no /proc: report what we have
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The resident set of a process (VmRSS from /proc/PID/status) in bytes, or -1. */
    public static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).strip().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc, or the process is gone
        }
        return -1;
    }

    /**
     * CPU time of each thread of a process so far, summed by a group the caller gives each thread's name (Linux
     * keeps the first 15 characters of a Java thread's name). Threads that ended are not counted.
     */
    public static java.util.Map<String, Long> ofThreads(long pid, java.util.function.Function<String, String> group) {
        java.util.Map<String, Long> result = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
                    result.merge(group.apply(name), nanos, Long::sum);
                } catch (IOException ended) {
                    // the thread ended while we listed them
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: report what we have
        }
        return result;
    }

    /** This JVM's CPU time. */
    public static long ofThisProcess() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
