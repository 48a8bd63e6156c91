package org.linli.agent.door;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The newest time central has vouched for, kept on disk ({@code time-floor}): the {@code ts} of each revocation list
 * the door took and of each command whose signature verified. The door's clock is never trusted when it is earlier
 * than that (less a tolerance), so a clock moved back over unauthenticated NTP cannot revive expired tokens
 * (review finding M8). Within one run the floor also moves with the monotonic clock: two hours after a list of 10:00
 * arrived, the time is at least 12:00, whatever the wall clock says.
 *
 * <p>Thread-safe. The file is written when the floor moves by a minute or more, so frequent messages cost no wear.
 */
public final class TimeFloor {
    private static final System.Logger LOG = System.getLogger(TimeFloor.class.getName());
    private static final long WRITE_STEP_MS = 60_000;

    private final Path file;
    private final LongSupplier nanos;
    private long floorMillis;
    private long seenAtNanos = -1;
    private long writtenMillis;
    private String source = "nothing yet";

    public TimeFloor(Path dataDir) {
        this(dataDir, System::nanoTime);
    }

    TimeFloor(Path dataDir, LongSupplier nanos) {
        this.file = dataDir.resolve("time-floor");
        this.nanos = nanos;
        load();
    }

    private void load() {
        try {
            if (Files.exists(file)) {
                String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ", 2);
                floorMillis = Long.parseLong(parts[0]);
                writtenMillis = floorMillis;
                source = parts.length > 1 ? parts[1] + " (before the last restart)" : "before the last restart";
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "time floor {0} unreadable ({1}); starting without one", file,
                    e.getMessage());
        }
    }

    /** Central vouched for {@code centralMillis} just now; raises the floor when it is later than the floor. */
    public synchronized void saw(long centralMillis, String what) {
        if (centralMillis > lowerBoundMillis()) {
            set(centralMillis, what);
        }
    }

    /**
     * Sets the floor to {@code centralMillis} even when lower: only when the door's own synchronised clock agrees with
     * a new list from central, so the list that raised the floor came from a clock that ran ahead.
     */
    public synchronized void reset(long centralMillis, String what) {
        LOG.log(System.Logger.Level.WARNING, "time floor lowered from {0} to {1} ({2})",
                Instant.ofEpochMilli(lowerBoundMillis()), Instant.ofEpochMilli(centralMillis), what);
        writtenMillis = Long.MIN_VALUE;
        set(centralMillis, what);
    }

    private void set(long centralMillis, String what) {
        floorMillis = centralMillis;
        seenAtNanos = nanos.getAsLong();
        source = what;
        if (Math.abs(centralMillis - writtenMillis) >= WRITE_STEP_MS) {
            write(centralMillis + " " + what);
            writtenMillis = centralMillis;
        }
    }

    private void write(String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot keep the time floor in " + file, e);
        }
    }

    /** The earliest the time can be now (epoch ms): the floor plus what the monotonic clock counted since it was set. */
    public synchronized long lowerBoundMillis() {
        if (seenAtNanos < 0) {
            return floorMillis;
        }
        return floorMillis + (nanos.getAsLong() - seenAtNanos) / 1_000_000;
    }

    /** Where the floor came from, for the log and the {@code clock.untrusted} event. */
    public synchronized String source() {
        return source;
    }
}
