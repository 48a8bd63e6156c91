package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linli-run} feeds the unit's watchdog only while the program is healthy: with {@code LINLI_HEALTH_FILE}, only
 * while that file is fresh (the kiosk keeps it so while its screen thread answers). Run with a stand-in {@code java}
 * that lives three seconds and a {@code systemd-notify} that writes down what it was told.
 */
class LinliRunIT {
    static final Path LINLI_RUN = DeployPiChecksIT.DEPLOY_PI.resolve("rootfs/opt/linli/bin/linli-run");

    @TempDir
    Path dir;

    @Test
    void aFreshHealthFileFeedsTheWatchdog() throws IOException {
        Path alive = Files.createFile(dir.resolve("screen-alive"));
        // stamped from the JVM's clock, as the kiosk's ScreenHeartbeat does: the file system's own stamp is the
        // kernel's time, which faketime (the tests at other hours) does not move while the script's date does
        Files.setLastModifiedTime(alive, FileTime.from(Instant.now()));
        String told = run(alive);
        assertTrue(told.contains("--ready"), told);
        assertTrue(told.contains("WATCHDOG=1"), told);
    }

    @Test
    void aStaleOrMissingHealthFileStarvesIt() throws IOException {
        Path alive = Files.createFile(dir.resolve("screen-alive"));
        Files.setLastModifiedTime(alive, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
        String stale = run(alive);
        assertTrue(stale.contains("--ready"), stale);
        assertFalse(stale.contains("WATCHDOG=1"), "a screen that stopped answering two minutes ago: " + stale);

        Files.delete(alive);
        String missing = run(alive);
        assertFalse(missing.contains("WATCHDOG=1"), "no file at all: " + missing);
    }

    /**
     * The central's unit asks {@code https://127.0.0.1:8443/observe/health}; an operator's own certificate names the
     * public host only, and the watchdog must be fed all the same (it was not: systemd restarted the service every
     * minute). A certificate made by tls.sh for {@code central.example} alone, served by {@code openssl s_server}.
     */
    @Test
    void anHttpsHealthUrlOnLoopbackFeedsItWhateverNameTheCertificateGives() throws Exception {
        Path tls = dir.resolve("tls");
        Scripts.script(Map.of(), "tls.sh", "ca", tls.toString());
        Scripts.script(Map.of(), "tls.sh", "server", tls.toString(), "central.example");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "https://127.0.0.1:" + port + "/observe/health";
        Map<String, String> health = Map.of("LINLI_HEALTH_URL", url,
                "LINLI_HEALTH_CA", tls.resolve("ca.crt").toString());
        Process server = new ProcessBuilder("openssl", "s_server", "-quiet", "-accept", "127.0.0.1:" + port,
                "-cert", tls.resolve("server.crt").toString(), "-key", tls.resolve("server.key").toString(), "-www")
                .redirectErrorStream(true).redirectOutput(dir.resolve("s_server.log").toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return true;
                }
            });
            String told = run(health);
            assertTrue(told.contains("WATCHDOG=1"), "a health URL that answers over loopback: " + told);
        } finally {
            server.destroy();
            server.waitFor();
        }
        String down = run(health);
        assertFalse(down.contains("WATCHDOG=1"), "nothing answers: " + down);
    }

    private String run(Path healthFile) throws IOException {
        return run(Map.of("LINLI_HEALTH_FILE", healthFile.toString()));
    }

    private String run(Map<String, String> health) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("notify.log");
        Files.deleteIfExists(log);
        executable(bin.resolve("java"), "#!/usr/bin/env bash\nexec sleep 3\n");
        executable(bin.resolve("systemd-notify"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"$NOTIFY_LOG\"\n");
        Map<String, String> env = new java.util.HashMap<>(health);
        env.putAll(Map.of("PATH", bin + ":" + System.getenv("PATH"),
                "NOTIFY_SOCKET", dir.resolve("no-socket").toString(), "WATCHDOG_USEC", "2000000",
                "NOTIFY_LOG", log.toString()));
        Scripts.Result result = Scripts.run(env, List.of(LINLI_RUN.toString(), "/opt/linli/kiosk-app/kiosk-app.jar"),
                30);
        assertEquals(0, result.exitCode(), result.stderr());
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
