package org.linli.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The central service as its own program, started from its jar the way systemd starts it, and stopped the same way. */
final class CentralProgram implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Path dataDir;
    private final int port;
    private Process process;

    /** @param environment added to what the program inherits; a null value removes a variable */
    CentralProgram(Path jar, Path dataDir, int port, Path config, Map<String, String> environment, Path log) {
        this.command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-jar", jar.toString(), "--demo", "--data", dataDir.toString(), "--port", Integer.toString(port),
                "--config", config.toString()));
        this.environment = environment;
        this.log = log;
        this.dataDir = dataDir;
        this.port = port;
    }

    void start() throws IOException {
        launch();
        awaitHealthy();
    }

    /** Starts the program and returns at once; {@link #awaitHealthy} waits until it answers. */
    void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // a null value removes what the process would inherit
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        process = builder.start();
    }

    void awaitHealthy() {
        await("the central service answers /observe/health").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(this::healthy);
    }

    /** SIGTERM, as systemd stops it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL, as a crash or a power cut would stop it: nothing in flight is finished. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean healthy() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException("the central service exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return http.send(HttpRequest.newBuilder(uri("/observe/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(url() + path);
    }

    Properties credentials() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("demo-credentials.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    Path database() throws IOException {
        try (var files = Files.list(dataDir)) {
            return files.filter(f -> f.toString().endsWith(".db")).findFirst()
                    .orElseThrow(() -> new IOException("no database file in " + dataDir));
        }
    }

    /** The body of a GET that answers text (metrics), or the problem it answered. */
    String text(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    String login(String user, String password) throws IOException, InterruptedException {
        return call("POST", "/api/v1/auth/login", null, Map.of("username", user, "password", password)).get("token")
                .asText();
    }

    JsonNode call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, token, body);
        if (response.statusCode() >= 400) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** The answer as it is, whatever its status (a test that expects refusals). */
    HttpResponse<String> send(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter of /observe/metrics (0 when it is not there yet). */
    long metric(String name) throws IOException, InterruptedException {
        return text("/observe/metrics").lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{")
                        || line.startsWith(name + "_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The process id (the central service names its replica in the timers' leases after it). */
    long pid() {
        return process.pid();
    }

    @Override
    public String toString() {
        return dataDir.getFileName().toString();
    }

    /** Whether the program runs (a killed one does not). */
    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
