package org.linli.central.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The settings the central service runs with, checked once at start. */
public record Settings(String host, int port, Path dataDir, long maxBodyBytes, Path catalogueSeed, Path secretFile,
        int retentionDays, int cardDays, RuleDefaults rules, int priorityRatio, Duration noShowWindow,
        Duration sessionLength, Path backupDir, int backupsKept, Tls tls, java.net.URI publicUrl, String dbUrl) {

    /** The PEM files HTTPS is served from: the certificate (with its chain) and its PKCS#8 private key. */
    public record Tls(Path certificate, Path key) {
    }

    /** Booking rules of rooms that do not set their own. */
    public record RuleDefaults(int slotMinutes, int minMinutes, int maxMinutes, int leadMinutes, int maxDaysAhead,
            int maxActivePerResident) {
    }

    /** @throws BadConfigException naming the key that is wrong, or a TLS file that cannot be read */
    public static Settings from(Config config) {
        return from(config, true);
    }

    /**
     * @param tlsFilesMustExist false for a restore, which may be what puts the HTTPS certificate and key in place
     * @throws BadConfigException naming the key that is wrong
     */
    public static Settings from(Config config, boolean tlsFilesMustExist) {
        Path dataDir = Path.of(text(config, "data.dir", false));
        String seed = text(config, "catalogue.seed", true);
        String secret = text(config, "residents.secret-file", true);
        String backup = text(config, "backup.dir", true);
        RuleDefaults rules = new RuleDefaults(
                number(config, "bookings.slot-minutes", 5, 240),
                number(config, "bookings.min-minutes", 5, 24 * 60),
                number(config, "bookings.max-minutes", 5, 24 * 60),
                number(config, "bookings.lead-minutes", 0, 7 * 24 * 60),
                number(config, "bookings.max-days-ahead", 1, 366),
                number(config, "bookings.max-active-per-resident", 1, 100));
        if (rules.minMinutes() > rules.maxMinutes()) {
            throw new BadConfigException("bookings.min-minutes must not be larger than bookings.max-minutes");
        }
        if (!backup.isEmpty() && text(config, "db.url", true).startsWith("jdbc:postgresql:")) {
            throw new BadConfigException("backup.dir copies the SQLite file; with db.url on PostgreSQL leave it empty"
                    + " and back the database up with PostgreSQL's own tools (pg_basebackup, WAL archiving)");
        }
        return new Settings(
                text(config, "server.host", false),
                number(config, "server.port", 0, 65535),
                dataDir,
                number(config, "http.max-body-bytes", 256, 10 * 1024 * 1024),
                seed.isEmpty() ? null : Path.of(seed),
                secret.isEmpty() ? dataDir.resolve("resident.secret") : Path.of(secret),
                number(config, "residents.retention-days", 1, 3650),
                number(config, "residents.card-days", 1, 3650),
                rules,
                number(config, "queue.priority-ratio", 1, 100),
                Duration.ofMinutes(number(config, "queue.no-show-window-minutes", 0, 24 * 60)),
                Duration.ofHours(number(config, "auth.session-hours", 1, 24 * 30)),
                backup.isEmpty() ? null : Path.of(backup),
                number(config, "backup.keep", 1, 3650),
                tls(config, tlsFilesMustExist),
                publicUrl(config),
                dbUrl(config));
    }

    /** Both PEM files or neither (plain HTTP, for the loopback and the demo), and each must be readable. */
    private static Tls tls(Config config, boolean filesMustExist) {
        String certificate = text(config, "server.tls.certificate", true);
        String key = text(config, "server.tls.private-key", true);
        if (certificate.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new BadConfigException("HTTPS needs both server.tls.certificate and server.tls.private-key");
        }
        for (String[] file : new String[][] {{"server.tls.certificate", certificate},
                {"server.tls.private-key", key}}) {
            if (filesMustExist && !Files.isReadable(Path.of(file[1]))) {
                throw new BadConfigException(file[0] + ": cannot read " + file[1]);
            }
        }
        return new Tls(Path.of(certificate), Path.of(key));
    }

    /**
     * The address residents' phones reach the service at (the ticket QR's page), e.g. {@code https://linli.example};
     * null when unset, and then a ticket carries no address of its own.
     */
    private static java.net.URI publicUrl(Config config) {
        String text = text(config, "server.public-url", true);
        if (text.isEmpty()) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new BadConfigException("server.public-url must be an address like https://linli.example, not '"
                        + text + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new BadConfigException("server.public-url is not an address: " + e.getMessage());
        }
    }

    /** Empty: SQLite in the data directory; else a JDBC address of PostgreSQL (or of another SQLite file). */
    private static String dbUrl(Config config) {
        String url = text(config, "db.url", true);
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://") && !url.startsWith("jdbc:sqlite:")) {
            throw new BadConfigException("db.url must be empty (SQLite in data.dir) or jdbc:postgresql://host/database,"
                    + " not '" + url.replaceAll("(?i)password=[^&]*", "password=***") + "'");
        }
        return url;
    }

    private static String text(Config config, String key, boolean emptyAllowed) {
        String value;
        try {
            value = config.get(key).asString().orElse("").strip();
        } catch (ConfigException e) {
            throw new BadConfigException(key + " must be a single text value");
        }
        if (value.isEmpty() && !emptyAllowed) {
            throw new BadConfigException(key + " must be set (environment variable "
                    + ConfigLoader.environmentName(key) + ")");
        }
        return value;
    }

    private static int number(Config config, String key, int min, int max) {
        String raw = text(config, key, false);
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new BadConfigException(key + " must be a whole number, not '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new BadConfigException(key + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
