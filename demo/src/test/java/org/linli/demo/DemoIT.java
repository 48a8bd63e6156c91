package org.linli.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.MosquittoBroker;

/**
 * {@code ./linli demo} on a machine without a display, as a newcomer starts it: the banner tells how to start a
 * kiosk on that demo, and the command it prints works as printed (here under Xvfb, as the banner also suggests); no
 * staff password is printed.
 */
class DemoIT {
    static final Path HOME = Path.of(System.getProperty("linli.home", "..")).toAbsolutePath().normalize();
    static final Pattern KIOSK_COMMAND = Pattern.compile(" Kiosk .*run: (.+?)  \\(or: xvfb-run");
    static final Pattern SSE_CLIENTS = Pattern.compile("(?m)^linli_sse_clients(?:\\{[^}]*})? ([0-9.]+)");

    @TempDir
    Path dir;
    Process demo;
    Process kiosk;

    @AfterEach
    void stop() throws InterruptedException {
        // the kiosk first (xvfb-run, its Xvfb and the kiosk's JVM: each by its process id), then the demo, which
        // stops its own programs on SIGTERM as on Ctrl-C
        for (Process process : new Process[] {kiosk, demo}) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    void withoutADisplayThePrintedKioskCommandStartsAKioskOnTheDemo() throws Exception {
        int port = MosquittoBroker.freePort();
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx128m", "-jar",
                HOME.resolve("demo/target/demo.jar").toString(), "--data", dir.resolve("data").toString(),
                "--port", Integer.toString(port), "--mqtt-port", Integer.toString(MosquittoBroker.freePort()))
                .directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        demo = builder.start();
        List<String> out = collect(demo, dir.resolve("demo.log"));

        await("the demo's banner").atMost(Duration.ofMinutes(4)).until(() -> out.stream().anyMatch(
                l -> l.startsWith(" Stop")) || !demo.isAlive());
        String command = out.stream().map(KIOSK_COMMAND::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no kiosk command in the banner: " + out));
        assertTrue(command.startsWith("./linli kiosk --config "), command);

        Path config = Path.of(command.substring("./linli kiosk --config ".length()));
        assertEquals(dir.resolve("data/kiosk/kiosk.yaml"), config);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)),
                "the file holds the kiosk key");
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("data/central/demo-credentials.properties"))) {
            credentials.load(in);
        }
        assertTrue(Files.readString(config).contains(credentials.getProperty("kiosk.kiosk-lobby.key")));
        assertNoStaffPassword(credentials, out);

        assertEquals(0.0, sseClients(port).orElse(0.0), "nobody listens to the demo's live events yet");
        ProcessBuilder typed = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c",
                command).directory(HOME.toFile()).redirectErrorStream(true);
        typed.environment().put("LINLI_JAVA_OPTS", "-Xmx256m");
        kiosk = typed.start();
        List<String> kioskOut = collect(kiosk, dir.resolve("kiosk.log"));
        // the kiosk's live events need its key: a listener proves it read the file, reached the demo and was let in
        await("the kiosk listens to the demo's live events").atMost(Duration.ofMinutes(3))
                .until(() -> sseClients(port).orElse(0.0) >= 1 || !kiosk.isAlive());
        assertTrue(kiosk.isAlive(), "the kiosk exited: " + kioskOut);
        assertTrue(kioskOut.stream().noneMatch(l -> l.contains("bad configuration")), kioskOut.toString());
        assertNoStaffPassword(credentials, out);
    }

    /**
     * Finding L8: the staff's passwords stay in the credentials file (mode 600), never on the demo's output, which
     * a terminal's scrollback, a screen share or a CI log shows to others; the banner names the file instead.
     */
    private static void assertNoStaffPassword(Properties credentials, List<String> out) {
        List<String> passwords = credentials.stringPropertyNames().stream()
                .filter(name -> name.startsWith("staff.") && name.endsWith(".password"))
                .map(credentials::getProperty).toList();
        assertEquals(3, passwords.size(), "admin, operator and counter: " + credentials.stringPropertyNames());
        assertTrue(out.stream().anyMatch(l -> l.contains("demo-credentials.properties")), "the banner names the file");
        for (String password : passwords) {
            assertTrue(password.length() >= 12 && out.stream().noneMatch(l -> l.contains(password)),
                    "a staff password on the demo's output");
        }
    }

    private static Optional<Double> sseClients(int port) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = SSE_CLIENTS.matcher(metrics.body());
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** The process's output, line by line, as it comes; also kept in a file for a failure's reader. */
    private static List<String> collect(Process process, Path log) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException ended) {
                // the process ended
            }
        });
        return lines;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
