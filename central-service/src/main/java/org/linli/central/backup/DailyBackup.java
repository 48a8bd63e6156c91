package org.linli.central.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.linli.central.config.Settings;

/**
 * The service's own daily backup ({@code backup.dir}), taken by the daily job of the running service: one directory
 * per day named by its UTC time, the newest {@code backup.keep} kept. It guards against a damaged database or a
 * mistaken change; against a lost SD card or disk, copy {@code backup.dir} off the machine (deploy-pi/README.md).
 */
public final class DailyBackup {
    static final String PREFIX = "linli-";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final Clock clock;

    public DailyBackup(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the backup written; older ones beyond the number kept are gone */
    public Path run() {
        Path dir = settings.backupDir();
        Path target = dir.resolve(PREFIX + NAME.format(clock.instant()));
        new Backup(clock).create(settings, target);
        prune(dir);
        return target;
    }

    private void prune(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            // The names sort by time; half-written ".partial" ones are left to the next backup of that name.
            List<Path> backups = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && !p.getFileName().toString().endsWith(".partial") && Files.isDirectory(p)).sorted().toList();
            for (Path old : backups.subList(0, Math.max(0, backups.size() - settings.backupsKept()))) {
                try (Stream<Path> files = Files.list(old)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune old backups in " + dir + ": " + e.getMessage(), e);
        }
    }
}
