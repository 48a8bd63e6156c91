package org.linli.central.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * A throwaway PostgreSQL cluster for the tests: Debian's {@code postgresql} package (the newest version under
 * /usr/lib/postgresql), initdb in a temporary directory, on a free port of the loopback with its socket in that
 * directory, without fsync (the tests check behaviour, not durability). One per test JVM, started when first asked
 * for and stopped when the JVM exits; every {@link #newDatabase()} is an empty database of its own.
 *
 * <p>initdb refuses to run as root, and the tests run as root in CI: then the cluster belongs to the
 * {@code postgres} user the package created, and its commands run through {@code runuser}.
 *
 * <p>The store-dependent tests run on it when the system property {@value #PROPERTY} is {@code postgresql} (the
 * second failsafe execution in central-service's pom).
 */
public final class PostgresCluster {
    public static final String PROPERTY = "linli.test.db";
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private PostgresCluster(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Whether the tests were asked to run on PostgreSQL. */
    public static boolean wanted() {
        return "postgresql".equals(System.getProperty(PROPERTY));
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start();
            PostgresCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "postgres-stop"));
        }
        return shared;
    }

    /** Starts a cluster of its own (a test that stops it, or needs two). */
    public static PostgresCluster start() {
        return start(false);
    }

    /**
     * @param durable with fsync, synchronous commit and full page writes on, as a production server runs (for the
     *     benchmarks); else without, for the tests
     */
    public static PostgresCluster start(boolean durable) {
        try {
            Path bin = newestBin();
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("linli-pg");
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), dir);
            }
            PostgresCluster cluster = new PostgresCluster(dir, bin, MosquittoBroker.freePort(), root);
            cluster.pg("initdb", "-D", cluster.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync");
            cluster.pg("pg_ctl", "-D", cluster.data(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                    "-o", "-p " + cluster.port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                            + " -c max_connections=300",
                    "start");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty database; answers its JDBC address (user postgres, no password: trust on the loopback). */
    public String newDatabase() {
        return newDatabase("template1");
    }

    /** A new database, a copy of the template (a database of this cluster nobody is connected to). */
    public String newDatabase(String template) {
        String name = "linli_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database: " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The database's name in its JDBC address. */
    public static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public int port() {
        return port;
    }

    /** Stops the server at once (as a lost machine would) and deletes its files. */
    public void stop() {
        try {
            pg("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it some day
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command, dir);
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path newestBin() throws IOException {
        if (!Files.isDirectory(VERSIONS)) {
            throw new IllegalStateException("PostgreSQL is not installed (Debian: apt-get install postgresql)");
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + VERSIONS));
        }
    }
}
