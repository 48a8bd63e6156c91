package org.linli.central.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.linli.central.config.Settings;
import org.linli.central.errors.InvalidInput;
import org.linli.central.store.SecretFiles;

/**
 * A backup of a hub's central: the SQLite database, copied while the service runs and writes ({@code VACUUM INTO}
 * reads one consistent snapshot, so a backup holds every transaction committed before it began and none half), and
 * the secrets without which the copy is worth little: {@code resident.secret} (without it no phone number or card
 * finds its resident again), the token-signing key (without it every door QR already handed out stops opening) and
 * the calendar secret (without it every calendar a resident or staff member subscribed to stops answering), and the
 * HTTPS certificate and key the configuration names (server.tls), without which devices and phones need a new
 * certificate from the project's CA. Everything is written owner-only (files 600, directory 700) into a sibling directory that is renamed into place
 * at the end, so a half-written backup never looks like one. A manifest holds each file's SHA-256; restore checks it.
 */
public final class Backup {
    public static final String DATABASE = "linli.db";
    static final String MANIFEST = "backup.properties";
    // The files of a hub besides its database, by their name in a backup; the demo's credentials exist only there.
    private static final String SECRET = "resident.secret";
    private static final String SIGNING_KEY = "signing-key.properties";
    private static final String DEMO_CREDENTIALS = "demo-credentials.properties";
    // signs the calendar feeds' addresses: without it every subscribed calendar stops answering after a restore
    private static final String CALENDAR_SECRET = "calendar.secret";
    // The central's HTTPS certificate and key where server.tls names them (deploy-pi: /etc/linli/tls/central.*):
    // the site's own files, outside the data directory; without the key, every device and phone that trusts the
    // project's CA needs a new certificate signed with the CA's key, which is kept offline.
    static final String TLS_CERTIFICATE = "tls-certificate.pem";
    static final String TLS_KEY = "tls-private-key.pem";
    private static final List<String> SITE_FILES = List.of(TLS_CERTIFICATE, TLS_KEY);

    /** What a restore put back, by name with where it went, and what it left out, by name with why. */
    public record Restored(Map<String, String> restored, Map<String, LeftOut> leftOut) {
    }

    /** Why a file of the backup was not put back; {@code where} is the file left as it is, if any. */
    public record LeftOut(Reason reason, Path where) {
    }

    public enum Reason {
        /** The configuration names no server.tls: the service serves plain HTTP. */
        NOT_CONFIGURED,
        /** The machine has a file there already, not the backup's: its own certificate, left as it is. */
        DIFFERS
    }

    private final Clock clock;

    public Backup(Clock clock) {
        this.clock = clock;
    }

    /** Backs up the hub the settings describe. */
    public Map<String, String> create(Settings settings, Path target) {
        // a hub whose reports never started has no calendar secret yet
        return create(settings.dataDir().resolve(DATABASE), files(settings), List.of(DEMO_CREDENTIALS, CALENDAR_SECRET),
                target);
    }

    /** Restores into the data directory, secret file and TLS files the settings name. */
    public Restored restore(Path source, Settings settings) {
        Map<String, Path> targets = new LinkedHashMap<>(files(settings));
        targets.put(DATABASE, settings.dataDir().resolve(DATABASE));
        return restore(source, targets);
    }

    private static Map<String, Path> files(Settings settings) {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(SECRET, settings.secretFile());
        files.put(SIGNING_KEY, settings.dataDir().resolve(SIGNING_KEY));
        files.put(DEMO_CREDENTIALS, settings.dataDir().resolve(DEMO_CREDENTIALS));
        files.put(CALENDAR_SECRET, settings.dataDir().resolve(CALENDAR_SECRET));
        if (settings.tls() != null) {
            files.put(TLS_CERTIFICATE, settings.tls().certificate());
            files.put(TLS_KEY, settings.tls().key());
        }
        return files;
    }

    /**
     * @param database the service's database file
     * @param files the other files to keep, by the name they get in the backup; a missing optional one is skipped
     * @param optional the names in {@code files} that may be missing (demo credentials exist only with the demo)
     * @param target a directory that must not exist yet, or be empty
     * @return what was written, by name, with its SHA-256
     */
    public Map<String, String> create(Path database, Map<String, Path> files, List<String> optional, Path target) {
        if (!Files.isRegularFile(database)) {
            throw InvalidInput.field("data", "there is no database at " + database);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            refuseUnlessEmpty(target);
            deleteTree(partial);
            Files.createDirectories(partial.toAbsolutePath().getParent());
            createPrivateDirectory(partial);
            Map<String, String> written = new LinkedHashMap<>();
            Path copy = partial.resolve(DATABASE);
            snapshot(database, copy);
            written.put(DATABASE, sha256(copy));
            for (Map.Entry<String, Path> file : files.entrySet()) {
                if (!Files.exists(file.getValue())) {
                    if (optional.contains(file.getKey())) {
                        continue;
                    }
                    throw InvalidInput.field("data", "there is no " + file.getValue());
                }
                byte[] content = Files.readAllBytes(file.getValue());
                SecretFiles.write(partial.resolve(file.getKey()), content);
                written.put(file.getKey(), sha256(partial.resolve(file.getKey())));
            }
            writeManifest(partial.resolve(MANIFEST), written);
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write the backup to " + target + ": " + why(e), e);
        } catch (RuntimeException e) {
            // nothing half-written is left beside the target (a missing secret, a database that cannot be read)
            deleteQuietly(partial);
            throw e;
        }
    }

    /**
     * Puts a backup back: checks every file against the manifest and the database's integrity, then writes each to
     * where the service reads it. Refuses to overwrite anything: a restore goes into a clean data directory, so a
     * mistyped command cannot replace a running hub's data. The TLS certificate and key are the site's: put back
     * where missing, checked where already there (deploy-pi puts them in place as root first), and a machine's own
     * left as it is.
     *
     * @param targets where each file of the backup goes, by name (the database under {@link #DATABASE})
     */
    public Restored restore(Path source, Map<String, Path> targets) {
        Properties manifest = readManifest(source);
        Map<String, String> restored = new LinkedHashMap<>();
        Map<String, LeftOut> leftOut = new LinkedHashMap<>();
        List<String> toWrite = new ArrayList<>();
        for (String name : manifest.stringPropertyNames().stream().filter(n -> n.startsWith("sha256."))
                .map(n -> n.substring("sha256.".length())).sorted().toList()) {
            Path file = source.resolve(name);
            String sum = manifest.getProperty("sha256." + name);
            if (!targets.containsKey(name) && !SITE_FILES.contains(name)) {
                throw InvalidInput.field("backup", "the backup holds " + name + ", which this version does not know");
            }
            if (!Files.isRegularFile(file) || !sha256(file).equals(sum)) {
                throw InvalidInput.field("backup", name + " in " + source + " is missing or damaged (its checksum"
                        + " differs from the manifest's)");
            }
            Path target = targets.get(name);
            if (target == null) {
                leftOut.put(name, new LeftOut(Reason.NOT_CONFIGURED, null));
                continue;
            }
            if (Files.exists(target)) {
                if (!SITE_FILES.contains(name)) {
                    throw InvalidInput.field("data", target + " exists already: restore into a clean data"
                            + " directory (stop the service and move the old one aside first)");
                }
                if (!sha256(target).equals(sum)) {
                    leftOut.put(name, new LeftOut(Reason.DIFFERS, target));
                    continue;
                }
            } else {
                toWrite.add(name);
            }
            restored.put(name, target.toString());
        }
        if (!restored.containsKey(DATABASE)) {
            throw InvalidInput.field("backup", source + " holds no database");
        }
        checkIntegrity(source.resolve(DATABASE));
        try {
            for (String name : toWrite) {
                SecretFiles.write(targets.get(name), Files.readAllBytes(source.resolve(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore into " + targets.get(DATABASE).getParent() + ": "
                    + why(e), e);
        }
        return new Restored(restored, leftOut);
    }

    /** The moment the backup was taken, as its manifest says. */
    public static String createdAt(Path source) {
        return readManifest(source).getProperty("created", "?");
    }

    private void snapshot(Path database, Path copy) throws IOException {
        // An empty owner-only file first: SQLite fills an empty file but would create a new one world-readable.
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("the database could not be copied: " + e.getMessage(), e);
        }
        checkIntegrity(copy);
    }

    private static void checkIntegrity(Path database) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath()
                + "?mode=ro");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
            if (!problems.equals(List.of("ok"))) {
                throw InvalidInput.field("backup", "the database copy is damaged: " + String.join("; ", problems));
            }
        } catch (SQLException e) {
            throw InvalidInput.field("backup", "the database copy cannot be read: " + e.getMessage());
        }
    }

    private void writeManifest(Path file, Map<String, String> written) throws IOException {
        StringBuilder text = new StringBuilder("# Linli central backup. Restore with ./linli central restore DIR\n");
        text.append("created=").append(clock.instant()).append('\n');
        written.forEach((name, sum) -> text.append("sha256.").append(name).append('=').append(sum).append('\n'));
        SecretFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Properties readManifest(Path source) {
        Path file = source.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw InvalidInput.field("backup", source + " is not a Linli backup (it has no " + MANIFEST + ")");
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            manifest.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return manifest;
    }

    private static void refuseUnlessEmpty(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw InvalidInput.field("target", target + " is not empty: give a new directory for each backup");
                }
            }
        } else if (Files.exists(target)) {
            throw InvalidInput.field("target", target + " is a file, not a directory");
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " appeared meanwhile", e);
        }
    }

    /** What went wrong, in words: file exceptions' own messages are only the path. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "no permission to write " + denied.getFile() + " (run as the service's user, and create the"
                    + " directory for it first if its parent is not that user's)";
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "there is no " + missing.getFile();
        }
        return e.getMessage();
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // the failure being reported matters more; a later backup clears it first
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (DirectoryNotEmptyException e) {
            throw new IOException("cannot clear " + dir, e);
        }
        Files.delete(dir);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
