package org.linli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time every program of the story keeps, moved forward together when the story says so: the door's and the
 * kiosk's through the clocks they are built with, the central service's (a program of its own) through libfaketime,
 * which reads the same shift from a file (Debian package {@code faketime}; {@code ./linli test} installs it). Until
 * the first move it is the machine's time.
 */
final class StoryTime {
    private static final Duration OUTER = outer();
    private final Path file;
    private volatile Duration shift = Duration.ZERO;

    StoryTime(Path file) {
        this.file = file;
        write();
    }

    /**
     * What the central service's process needs in its environment to keep this time; a null value removes what it
     * would inherit (a test run under {@code faketime} itself: its offset goes into the file instead).
     */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(Map.of("LD_PRELOAD", library().toString(),
                "FAKETIME_TIMESTAMP_FILE", file.toString(),
                // the file is read again at most once a second, not on every look at the clock
                "FAKETIME_CACHE_DURATION", "1"));
        environment.put("FAKETIME", null);
        environment.put("FAKETIME_SHARED", null);
        // The monotonic clock is shifted too: a shift only moves it on, which the JVM's timed waits take in their
        // stride (they fire early at a jump). Leaving it alone (FAKETIME_DONT_FAKE_MONOTONIC) made every clock read
        // of this libfaketime contend for a lock: the service started in 35 s instead of 6, a login took 14 s.
        environment.put("FAKETIME_DONT_FAKE_MONOTONIC", null);
        return environment;
    }

    Instant now() {
        return Instant.now().plus(shift);
    }

    /** The clock the in-process programs are built with. */
    Clock clock() {
        return new Shifted(ZoneOffset.UTC);
    }

    /** Seen from any zone, the same shifted time. */
    private final class Shifted extends Clock {
        private final ZoneId zone;

        Shifted(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return now();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Shifted(other);
        }
    }

    /** Every program's clock jumps to {@code target} (to the second); the central service follows within ~1 s. */
    void moveTo(Instant target) {
        shift = Duration.ofSeconds(Duration.between(Instant.now(), target).toSeconds());
        write();
    }

    private void write() {
        long seconds = OUTER.plus(shift).toSeconds();
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, (seconds < 0 ? "" : "+") + seconds + "\n");
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The offset of a {@code faketime -f "-4h"} the whole test run is under (the machine's clock is then this far
     * from the real one; the central service's must be too): {@code [+-]N[smhd]}. Other forms start each process's
     * clock anew and cannot be shared.
     */
    private static Duration outer() {
        String spec = System.getenv("FAKETIME");
        if (spec == null || spec.isBlank()) {
            return Duration.ZERO;
        }
        Matcher m = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([smhd]?)").matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalStateException("FAKETIME='" + spec + "': run the tests under a relative offset such as"
                    + " faketime -f '-4h', which every program can share");
        }
        double unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            default -> 1;
        };
        return Duration.ofSeconds(Math.round(Double.parseDouble(m.group(1)) * unit));
    }

    private static Path library() {
        try (var dirs = Files.newDirectoryStream(Path.of("/usr/lib"), "*-linux-gnu*")) {
            for (Path dir : dirs) {
                Path lib = dir.resolve("faketime/libfaketime.so.1");
                if (Files.exists(lib)) {
                    return lib;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("libfaketime is not installed (Debian package faketime; ./linli test"
                + " installs it): the story moves the central service's clock with it");
    }
}
