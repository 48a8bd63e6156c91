package org.linli.central.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.linli.central.config.Settings;

/**
 * The service's own daily backup ({@code backup.dir}), taken by the daily job of the running service: one directory
 * per day named by its UTC time, the newest {@code backup.keep} kept. It guards against a damaged database or a
 * mistaken change; against a lost SD card or disk, copy {@code backup.dir} off the machine (deploy-pi/README.md).
 */
public final class DailyBackup {
    static final String PREFIX = "linli-";
    static final Duration AT_MOST_EVERY = Duration.ofHours(20);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final Clock clock;

    public DailyBackup(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Backs up unless the newest backup is less than {@link #AT_MOST_EVERY} old: the job runs a minute after every
     * start too, and a service restarting all day must not push two weeks of daily backups out.
     *
     * @return the backup written, if one was due; older ones beyond the number kept are gone
     */
    public Optional<Path> run() {
        Path dir = settings.backupDir();
        List<Path> backups = backups(dir);
        String recent = PREFIX + NAME.format(clock.instant().minus(AT_MOST_EVERY));
        if (!backups.isEmpty() && backups.getLast().getFileName().toString().compareTo(recent) > 0) {
            return Optional.empty();
        }
        Path target = dir.resolve(PREFIX + NAME.format(clock.instant()));
        new Backup(clock).create(settings, target);
        prune(backups(dir));
        return Optional.of(target);
    }

    /** The backups in the directory, oldest first (the names sort by time); half-written ".partial" ones left out. */
    private static List<Path> backups(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && !p.getFileName().toString().endsWith(".partial") && Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void prune(List<Path> backups) {
        try {
            for (Path old : backups.subList(0, Math.max(0, backups.size() - settings.backupsKept()))) {
                try (Stream<Path> files = Files.list(old)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune old backups: " + e.getMessage(), e);
        }
    }
}
