package org.linli.central;

import io.helidon.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.web.Json;

/**
 * The central service with live operations wired in as {@code Main} wires them: a real Helidon server on a free
 * port, the demo hub in a fresh SQLite file, and a real broker when the test gives its URL.
 */
public final class LiveTestServer implements AutoCloseable {
    public static final String HUB = "wutong66";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CentralServer server;
    private final Properties credentials = new Properties();
    private final Map<String, String> tokens = new HashMap<>();

    private LiveTestServer(CentralServer server, Path dataDir) {
        this.server = server;
        try (InputStream in = Files.newInputStream(dataDir.resolve(Seeding.CREDENTIALS))) {
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param config extra keys, e.g. {@code mqtt.url}, {@code live.offline-after-seconds} */
    public static LiveTestServer start(Path dataDir, Clock clock, Map<String, String> config) {
        Map<String, String> overrides = new HashMap<>(config);
        overrides.put("data.dir", dataDir.toString());
        overrides.put("server.port", "0");
        overrides.put("server.host", "127.0.0.1");
        Config loaded = ConfigLoader.load(null, Map.of(), overrides);
        return new LiveTestServer(CentralServer.start(Settings.from(loaded), LiveSettings.from(loaded), clock, true),
                dataDir);
    }

    public Components components() {
        return server.components();
    }

    public String token(String user) {
        return tokens.computeIfAbsent(user, u -> {
            Response r = post("/api/v1/auth/login", null, Map.of("username", u,
                    "password", credentials.getProperty("staff." + u + ".password")));
            if (r.status() != 200) {
                throw new IllegalStateException("login failed: " + r.text());
            }
            return r.json().get("token").asText();
        });
    }

    public String kioskKey() {
        return credentials.getProperty("kiosk.kiosk-lobby.key");
    }

    public record Response(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public Response get(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), bearer);
    }

    public Response post(String path, String bearer, Object body) {
        return postRaw(path, bearer, body == null ? "" : new String(Json.bytes(body),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    public Response postRaw(String path, String bearer, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer);
    }

    private Response send(HttpRequest.Builder builder, String bearer) {
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
