package org.linli.central;

import io.helidon.config.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import org.linli.central.admin.FirstAdmin;
import org.linli.central.audit.AuditLog;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Role;
import org.linli.central.backup.Backup;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.config.BadConfigException;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;
import org.linli.central.doorkeys.KeyRotation;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.InvalidInput;
import org.linli.central.store.Database;
import org.linli.central.store.Databases;

/**
 * The central's maintenance commands, run beside (or instead of) the service on the same data directory:
 * {@code ./linli central admin add NAME --role ROLE [--hub HUB] [--password-stdin]}, {@code backup DIR},
 * {@code restore DIR} (see {@link Backup}) and {@code keys rotate [--retire-now]} (see {@link KeyRotation}). They print for the person at the
 * terminal and log nothing, so a password shown once is in no journal.
 */
final class Tools {
    static final Set<String> COMMANDS = Set.of("admin", "backup", "restore", "keys");
    private static final String USAGE = """
            central admin add NAME --role admin|operator|counter [--hub HUB] [--password-stdin] [--config F] [--data DIR]
                   central backup DIR [--config F] [--data DIR]
                   central restore DIR [--config F] [--data DIR]
                   central keys rotate [--retire-now] [--config F] [--data DIR]""";

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final ResourceBundle text;

    Tools(BufferedReader in, PrintStream out, PrintStream err, Clock clock, Locale locale) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.clock = clock;
        // No fallback to the machine's locale: an English request on a Chinese machine gets English.
        this.text = ResourceBundle.getBundle("tools", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** @return the process's exit status: 0 done, 1 refused, 2 wrong usage */
    int run(String[] args) {
        try {
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            return switch (args[0]) {
                case "admin" -> admin(rest);
                case "backup" -> backup(rest);
                case "restore" -> restore(rest);
                case "keys" -> keys(rest);
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (BadConfigException e) {
            // the configuration is wrong, not the command: say which setting, without the usage
            err.println(say("refused", e.getMessage()));
            return 2;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (InvalidInput e) {
            err.println(say("refused", e.getMessage()));
            return 1;
        } catch (Conflict e) {
            err.println(say("refused", e.getMessage()));
            return 1;
        } catch (java.io.UncheckedIOException | org.linli.central.store.StoreException e) {
            err.println(say("refused", e.getMessage()));
            return 1;
        }
    }

    private int admin(List<String> args) {
        if (args.size() < 2 || !args.getFirst().equals("add")) {
            return usage("admin needs: add NAME --role ROLE");
        }
        String name = args.get(1);
        List<String> options = new ArrayList<>(args.subList(2, args.size()));
        String roleName = take(options, "--role");
        String hub = take(options, "--hub");
        boolean fromStdin = options.remove("--password-stdin");
        if (roleName == null) {
            return usage("--role is required (admin, operator or counter)");
        }
        Role role;
        try {
            role = Role.staff(roleName);
        } catch (IllegalArgumentException e) {
            return usage("--role is admin, operator or counter, not '" + roleName + "'");
        }
        Settings settings = settings(options);
        String password = fromStdin ? readLine() : null;
        try (Database db = Databases.open(settings.dbUrl(), settings.dataDir())) {
            FirstAdmin admins = new FirstAdmin(db, new Accounts(db, clock, settings.sessionLength()),
                    new Catalogue(db, written -> { })); // the command writes no hub
            String chosen = admins.add(name, role, hub, password);
            audit(db, settings, hub, "CLI admin add", name + " as " + role.wire());
            out.println(say("admin.added", name, role.wire(), hub == null ? say("admin.allHubs") : hub));
            if (password == null) {
                out.println(say("admin.password", chosen));
            }
        }
        return 0;
    }

    private int backup(List<String> args) {
        if (args.isEmpty() || args.getFirst().startsWith("--")) {
            return usage("backup needs the directory to write to");
        }
        Path target = Path.of(args.getFirst());
        Settings settings = settings(new ArrayList<>(args.subList(1, args.size())));
        Map<String, String> written = new Backup(clock).create(settings, target);
        try (Database db = Databases.open(settings.dbUrl(), settings.dataDir())) {
            audit(db, settings, null, "CLI backup", "to " + target.toAbsolutePath());
        }
        out.println(say("backup.written", target, String.join(", ", written.keySet())));
        return 0;
    }

    private int restore(List<String> args) {
        if (args.isEmpty() || args.getFirst().startsWith("--")) {
            return usage("restore needs the backup's directory");
        }
        Path source = Path.of(args.getFirst());
        // the HTTPS certificate and key may be among what it puts back
        Settings settings = settings(new ArrayList<>(args.subList(1, args.size())), false);
        Backup.Restored restored = new Backup(clock).restore(source, settings);
        // in the restored database: it says where it came from, whatever the backup's own log ended with
        try (Database db = Databases.open(settings.dbUrl(), settings.dataDir())) {
            audit(db, settings, null, "CLI restore", "from " + source.toAbsolutePath() + ", made "
                    + Backup.createdAt(source));
        }
        out.println(say("restore.done", source, Backup.createdAt(source), settings.dataDir(),
                String.join(", ", restored.restored().keySet())));
        restored.leftOut().forEach((name, left) -> out.println(left.reason() == Backup.Reason.DIFFERS
                ? say("restore.differs", name, left.where()) : say("restore.notConfigured", name)));
        return 0;
    }

    /** An administrative command in the audit log, as the account on this machine that ran it, "console". */
    private void audit(Database db, Settings settings, String hub, String action, String detail) {
        new AuditLog(db, clock, Duration.ofDays(settings.retentionDays())).record(
                System.getProperty("user.name", "?"), "console", hub, action, 200, "console", detail);
    }

    /**
     * {@code keys rotate [--retire-now]}: a new token-signing key, taken in by the running service within seconds
     * (decision 0021). Refused without the service's data directory, where the key lives.
     */
    private int keys(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("rotate")) {
            return usage("keys needs: rotate [--retire-now]");
        }
        List<String> options = new ArrayList<>(args.subList(1, args.size()));
        boolean retireNow = options.remove("--retire-now");
        Settings settings = settings(options);
        Path data = settings.dataDir();
        if (!Files.isDirectory(data)) {
            err.println(say("refused", say("keys.noData", data.toAbsolutePath())));
            return 1;
        }
        Path file = data.resolve(FeatureParts.SIGNING_KEY_FILE);
        if (!Files.isRegularFile(file)) {
            err.println(say("refused", say("keys.noKey", file.toAbsolutePath())));
            return 1;
        }
        KeyRotation.Result result;
        try (Database db = Databases.open(settings.dbUrl(), data)) {
            result = new KeyRotation(db, clock, Duration.ofDays(settings.cardDays())).rotate(file, retireNow);
            audit(db, settings, null, "CLI keys rotate" + (retireNow ? " --retire-now" : ""),
                    "key " + result.oldKid() + " -> " + result.newKid());
        }
        out.println(say("keys.rotated", result.newKid(), result.oldKid()));
        if (result.retiredNow()) {
            int losing = result.bookingsLosingTheirQr().values().stream().mapToInt(Integer::intValue).sum();
            out.println(say("keys.retiredNow", result.oldKid(), losing));
            result.bookingsLosingTheirQr().forEach((hub, count) -> out.println(say("keys.losingAt", hub, count)));
        } else {
            out.println(say("keys.retiring", result.oldKid(), result.doorsUntil(), result.cardsUntil()));
        }
        return 0;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin: no password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** The configuration from {@code --config F} and {@code --data DIR}, as the service itself reads it. */
    private static Settings settings(List<String> options) {
        return settings(options, true);
    }

    private static Settings settings(List<String> options, boolean tlsFilesMustExist) {
        String file = take(options, "--config");
        String data = take(options, "--data");
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown option '" + options.getFirst() + "'");
        }
        Map<String, String> overrides = data == null ? Map.of() : Map.of("data.dir", data);
        Config config = ConfigLoader.load(file == null ? null : Path.of(file), System.getenv(), overrides);
        return Settings.from(config, tlsFilesMustExist);
    }

    /** Removes {@code option VALUE} from the list; answers the value, or null when the option is absent. */
    private static String take(List<String> options, String option) {
        int at = options.indexOf(option);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= options.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        String value = options.get(at + 1);
        options.subList(at, at + 2).clear();
        return value;
    }

    private int usage(String problem) {
        err.println("usage: linli " + USAGE);
        err.println(say("refused", problem));
        return 2;
    }

    private String say(String key, Object... args) {
        return MessageFormat.format(text.getString(key), args);
    }
}
