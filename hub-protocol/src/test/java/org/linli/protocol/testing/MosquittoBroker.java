package org.linli.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real Mosquitto (the Debian binary) for tests: started on a free port with a configuration of the test's own,
 * killed without a clean shutdown when a test wants the broker to die, restarted on the same port.
 *
 * <pre>
 * try (MosquittoBroker broker = MosquittoBroker.start(dir, "allow_anonymous true")) {
 *     connect(broker.url());
 * }
 * </pre>
 */
public final class MosquittoBroker implements AutoCloseable {
    /**
     * The production broker's queue for each client (central-broker-config/mosquitto/mosquitto.conf), unless a test
     * sets limits of its own: with Mosquitto's default of 1,000 queued messages, a burst that the central service
     * takes only a bounded number of at a time (live.receive-maximum) loses the rest in the broker, which the
     * production broker does not.
     */
    public static final List<String> PRODUCTION_QUEUE = List.of("max_queued_messages 100000",
            "max_queued_bytes 67108864");
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"));

    private final Path dir;
    private final int port;
    private final Path config;
    private Process process;

    private MosquittoBroker(Path dir, int port, Path config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /**
     * Starts a broker listening on 127.0.0.1 on a free port, with persistence in {@code dir} and the given extra
     * configuration lines (e.g. {@code allow_anonymous true}, {@code password_file …}), and the production broker's
     * queue limits ({@link #PRODUCTION_QUEUE}) unless those lines set a queue limit of their own.
     */
    public static MosquittoBroker start(Path dir, String... configLines) {
        int port = freePort();
        List<String> lines = new ArrayList<>();
        lines.add("listener " + port + " 127.0.0.1");
        lines.add("persistence true");
        lines.add("persistence_location " + dir.toAbsolutePath() + "/");
        if ("root".equals(System.getProperty("user.name"))) {
            // started as root, mosquitto drops to its own user, which may not write the test's private directory:
            // every save failed ("Error: Permission denied") and a restarted broker came back empty
            lines.add("user root");
        }
        lines.add("autosave_interval 1");
        lines.add("log_dest stdout");
        lines.add("log_type error");
        lines.add("log_type warning");
        lines.add("log_type notice");
        lines.addAll(List.of(configLines));
        if (lines.stream().noneMatch(line -> line.startsWith("max_queued_"))) {
            lines.addAll(PRODUCTION_QUEUE);
        }
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("mosquitto.conf");
            Files.write(config, lines);
            MosquittoBroker broker = new MosquittoBroker(dir, port, config);
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts mosquitto with a complete configuration file of the caller's (which must listen on {@code port}). */
    public static MosquittoBroker startWithConfigFile(Path dir, int port, Path configFile) {
        MosquittoBroker broker = new MosquittoBroker(dir, port, configFile);
        broker.startProcess();
        return broker;
    }

    public static Path binary() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("mosquitto is not installed: ./linli test installs it,"
                        + " or run: apt-get install mosquitto"));
    }

    /**
     * A port free now, for a broker started moments later. Taken at random below Linux's ephemeral range (32768 and
     * up), not from it: a port the kernel handed out for {@code bind(0)} is handed out again as soon as it is closed,
     * to the next test's server or to any outgoing connection, and mosquitto then failed with "Address already in use"
     * (seen with two test runs side by side).
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int tries = 0; tries < 100; tries++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Kills the broker with SIGKILL: no clean disconnect, no last save. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Stops the broker with SIGTERM, letting it save its state. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitForExit();
        }
    }

    /** Starts the broker again on the same port with the same configuration and data. */
    public void restart() {
        stop();
        startProcess();
    }

    /**
     * Sends SIGHUP, as {@code systemctl reload mosquitto} does (the password file and the ACL are read again). The
     * broker reloads on its own loop, moments later, and logs it only at the information level: await its effect.
     */
    public void reload() {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    private void startProcess() {
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(binary().toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + log() + ":\n"
                        + Files.readString(log()));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within 10 s; see " + log());
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
