package org.linli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import java.util.stream.Stream;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * The Debian mosquitto running this module's production {@code mosquitto.conf} and {@code acl}, with the passwords
 * and TLS material made by this module's own scripts. Only what cannot be the same on a test machine is rewritten:
 * the three listener ports (to free ones, all on 127.0.0.1) and the directories {@code /etc/mosquitto/linli/} and
 * {@code /var/lib/mosquitto/} (to a temporary directory).
 */
public final class ProductionBroker implements AutoCloseable {
    static final Path CONF = Scripts.MODULE.resolve("mosquitto/mosquitto.conf");
    static final Path ACL = Scripts.MODULE.resolve("mosquitto/acl");

    private final Path dir;
    private final Path etc;
    private final int plainPort = MosquittoBroker.freePort();
    private final int tlsPort = MosquittoBroker.freePort();
    private final int mutualTlsPort = MosquittoBroker.freePort();
    private MosquittoBroker broker;

    private ProductionBroker(Path dir) {
        this.dir = dir;
        this.etc = dir.resolve("etc");
    }

    /** Lays out the configuration in {@code dir} (CA, server certificate, ACL, empty password file); not started. */
    public static ProductionBroker prepare(Path dir) {
        ProductionBroker prepared = new ProductionBroker(dir);
        try {
            Files.createDirectories(prepared.etc.resolve("tls"));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("conf.d"));
            Files.copy(ACL, prepared.etc.resolve("acl"));
            Scripts.script(Map.of(), "tls.sh", "ca", prepared.tls().toString());
            Scripts.script(Map.of(), "tls.sh", "server", prepared.tls().toString(), "localhost", "127.0.0.1");
            Files.writeString(dir.resolve("mosquitto.conf"), prepared.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prepared;
    }

    /** The production file with ports and directories rewritten; each rewrite must find its line. */
    String render() throws IOException {
        String conf = Files.readString(CONF);
        conf = replace(conf, "\nlistener 1883 127.0.0.1\n", "\nlistener " + plainPort + " 127.0.0.1\n");
        conf = replace(conf, "\nlistener 8883\n", "\nlistener " + tlsPort + " 127.0.0.1\n");
        conf = replace(conf, "\nlistener 8884\n", "\nlistener " + mutualTlsPort + " 127.0.0.1\n");
        conf = replace(conf, " /var/lib/mosquitto/\n", " " + dir.resolve("data") + "/\n");
        conf = replace(conf, " /etc/mosquitto/conf.d\n", " " + dir.resolve("conf.d") + "\n");
        return replace(conf, " /etc/mosquitto/linli/", " " + etc + "/");
    }

    private static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new AssertionError(CONF + " no longer contains '" + from.strip()
                    + "': update ProductionBroker, which rewrites it for the test");
        }
        return text.replace(from, to);
    }

    public ProductionBroker start() {
        grantToMosquittoUser();
        broker = MosquittoBroker.startWithConfigFile(dir, plainPort, dir.resolve("mosquitto.conf"));
        return this;
    }

    /**
     * Kills the broker with SIGKILL, as a power cut would: no last save, so it comes back ({@link #restart}) with what
     * it saved last (every {@code autosave_interval}, 30 s), without the sessions and messages of the time since.
     */
    public void kill() {
        broker.kill();
    }

    /**
     * Stops the broker (it saves its database) and starts it again with the files as they are now; after
     * {@link #kill}, only starts it.
     */
    public void restart() {
        grantToMosquittoUser();
        broker.restart();
    }

    /** {@code systemctl reload mosquitto}: SIGHUP, after which the password file and the ACL are read again. */
    public void reload() {
        grantToMosquittoUser();
        broker.reload();
    }

    /** Runs {@code credential.sh} with {@code input} on its stdin against this broker's files. */
    public Scripts.Result credentialWithInput(String input, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Scripts.SCRIPTS.resolve("credential.sh").toString());
        command.addAll(java.util.List.of(args));
        return Scripts.run(Map.of("LINLI_BROKER_DIR", etc.toString()), command, 60, input);
    }

    /** Runs {@code credential.sh} against this broker's files; returns its stdout (a new password, if any). */
    public String credential(String... args) {
        return Scripts.script(Map.of("LINLI_BROKER_DIR", etc.toString()), "credential.sh", args);
    }

    /** Adds a file to the broker's {@code conf.d} (as a site would), with production paths rewritten like the rest. */
    void addConfD(String name, String text) {
        try {
            Files.writeString(dir.resolve("conf.d").resolve(name), text.replace("/etc/mosquitto/linli/", etc + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path tls() {
        return etc.resolve("tls");
    }

    public String plainUrl() {
        return "tcp://127.0.0.1:" + plainPort;
    }

    public String tlsUrl() {
        return "ssl://localhost:" + tlsPort;
    }

    String mutualTlsUrl() {
        return "ssl://localhost:" + mutualTlsPort;
    }

    Path log() {
        return broker.log();
    }

    /** The broker's log so far, for a failure message. */
    public String logText() {
        try {
            return Files.exists(dir.resolve("mosquitto.log")) ? Files.readString(dir.resolve("mosquitto.log")) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Started as root, mosquitto drops to the {@code mosquitto} user before it reads the password file, the ACL and
     * the server key, exactly as in production; so the files are handed to that user as the install steps do.
     */
    private void grantToMosquittoUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName("mosquitto");
            GroupPrincipal group = lookup.lookupPrincipalByGroupName("mosquitto");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x--x"));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.setOwner(file, user);
                    Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
                            .setGroup(group);
                }
            }
        } catch (UserPrincipalNotFoundException noMosquittoUser) {
            // mosquitto then runs as root and reads everything
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
