package org.linli.agent.door;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Asks the system whether the clock is synchronised: systemd-timesyncd's flag file, else the kernel's NTP state as
 * {@code timedatectl} reports it (any NTP daemon sets it). Refreshed by {@link #refresh} (each minute, off the door's
 * path: a scan never waits for a process). A clock before 2025 is never trusted, whatever the system says. NTP is
 * not authenticated, so the agent puts a {@link TimeFloor} over this ({@link FlooredClockTrust}).
 */
public final class SystemClockTrust implements ClockTrust {
    private static final System.Logger LOG = System.getLogger(SystemClockTrust.class.getName());
    static final Instant FLOOR = Instant.parse("2025-01-01T00:00:00Z");
    static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final Clock clock;
    private final Path timesyncFlag;
    private final BooleanSupplier kernelSynced;
    private volatile boolean synced;
    private volatile String why = "not checked yet";

    public SystemClockTrust(Clock clock) {
        this(clock, TIMESYNC_FLAG, SystemClockTrust::timedatectlSaysSynced);
    }

    SystemClockTrust(Clock clock, Path timesyncFlag, BooleanSupplier kernelSynced) {
        this.clock = clock;
        this.timesyncFlag = timesyncFlag;
        this.kernelSynced = kernelSynced;
        refresh();
    }

    /** Checks again every minute on a thread of its own, so no scan ever waits for {@code timedatectl}. */
    public void startRefreshing() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "clock-trust");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, 60, 60, TimeUnit.SECONDS);
    }

    public void refresh() {
        if (Files.exists(timesyncFlag)) {
            synced = true;
            why = "synchronised by systemd-timesyncd";
            return;
        }
        synced = kernelSynced.getAsBoolean();
        why = synced ? "synchronised (timedatectl)" : "the system clock has not been synchronised since boot";
    }

    private static boolean timedatectlSaysSynced() {
        try {
            Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(2, TimeUnit.SECONDS);
            return out.equals("yes");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "timedatectl not available: {0}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean trusted() {
        return synced && !clock.instant().isBefore(FLOOR);
    }

    @Override
    public String why() {
        return clock.instant().isBefore(FLOOR) ? "the clock says " + clock.instant() + ", before 2025" : why;
    }
}
