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

    /** This JVM's CPU time. */
    public static long ofThisProcess() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
