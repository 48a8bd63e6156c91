package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.config.BadConfigException;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.central.web.Json;
import org.linli.protocol.testing.HubTime;

/**
 * The central over HTTPS with a certificate from the project's own CA, made by the very script deploy-pi uses
 * (central-broker-config/scripts/tls.sh): a client that trusts that CA gets in, plain HTTP and a client that does
 * not trust it do not; the session cookie is Secure; a ticket carries the public address its QR leads a phone to.
 */
class HttpsIT {
    static final Path TLS_SH = Path.of("..", "central-broker-config", "scripts", "tls.sh").toAbsolutePath();

    @TempDir
    static Path dir;
    static CentralServer server;
    static HttpClient trusting;
    static String kioskKey;
    static Properties credentials;

    /** A CA and a server certificate for localhost and 127.0.0.1, as deploy-pi makes them; answers the directory. */
    static Path certificates(Path dir) throws IOException, InterruptedException {
        Path tls = dir.resolve("tls");
        for (String[] args : new String[][] {{"ca", tls.toString()},
                {"server", tls.toString(), "localhost", "127.0.0.1"}}) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", TLS_SH.toString()));
            command.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
        }
        return tls;
    }

    /** An HTTP client that trusts only the CA in the PEM file. */
    static HttpClient trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("linli-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Settings settings(Map<String, String> overrides) {
        return Settings.from(ConfigLoader.load(null, Map.of(), overrides));
    }

    @BeforeAll
    static void start() throws Exception {
        Path tls = certificates(dir);
        Map<String, String> config = TestServer.onTheTestedDatabase(Map.of("data.dir", dir.resolve("data").toString(),
                "server.port", "0", "server.host", "127.0.0.1",
                "server.tls.certificate", tls.resolve("server.crt").toString(),
                "server.tls.private-key", tls.resolve("server.key").toString(),
                "server.public-url", "https://linli.example/"));
        server = CentralServer.start(settings(config), LiveSettings.from(ConfigLoader.load(null, Map.of(), config)),
                HubTime.noon().clock(), true);
        trusting = trusting(tls.resolve("ca.crt"));
        credentials = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("data").resolve(Seeding.CREDENTIALS))) {
            credentials.load(in);
        }
        kioskKey = credentials.getProperty("kiosk.kiosk-lobby.key");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI at(String scheme, String host, String path) {
        return URI.create(scheme + "://" + host + ":" + server.port() + path);
    }

    @Test
    void aClientTrustingTheProjectsCaGetsInByNameAndByAddress() throws Exception {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            HttpResponse<String> hubs = trusting.send(HttpRequest.newBuilder(at("https", host, "/api/v1/hubs"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hubs.statusCode(), hubs.body());
            assertTrue(hubs.body().contains("wutong66"), hubs.body());
        }
    }

    @Test
    void plainHttpAndAClientThatDoesNotTrustTheCaAreTurnedAway() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> plain.send(HttpRequest.newBuilder(
                at("https", "localhost", "/api/v1/hubs")).build(), HttpResponse.BodyHandlers.ofString()));
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(at("http", "localhost",
                "/api/v1/hubs")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Over TLS the session cookie is {@code Secure}: a browser never sends it over plain HTTP (decision 0012). */
    @Test
    void theSessionCookieSetOverTlsIsSecure() throws Exception {
        HttpResponse<String> login = trusting.send(HttpRequest.newBuilder(at("https", "localhost",
                "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("username", "operator",
                        "password", credentials.getProperty("staff.operator.password"))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("linli_token=") && cookie.contains("; Secure")
                && cookie.contains("HttpOnly"), cookie);
    }

    @Test
    void aTicketNamesThePublicPageItsQrLeadsTo() throws Exception {
        HttpResponse<String> drawn = trusting.send(HttpRequest.newBuilder(at("https", "localhost",
                "/api/v1/services/affairs/tickets")).header("Authorization", "Bearer " + kioskKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"priority\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, drawn.statusCode(), drawn.body());
        JsonNode ticket = Json.MAPPER.readTree(drawn.body());
        assertEquals("https://linli.example/ticket/" + ticket.get("id").asText(), ticket.get("statusUrl").asText());
    }

    @Test
    void halfATlsConfigurationOrAMissingFileIsRefusedAtStart() {
        Map<String, String> base = Map.of("data.dir", dir.resolve("other").toString());
        BadConfigException half = assertThrows(BadConfigException.class, () -> settings(with(base,
                "server.tls.certificate", dir.resolve("tls/server.crt").toString())));
        assertTrue(half.getMessage().contains("server.tls.private-key"), half.getMessage());
        BadConfigException missing = assertThrows(BadConfigException.class, () -> settings(with(with(base,
                "server.tls.certificate", dir.resolve("tls/nothing.crt").toString()),
                "server.tls.private-key", dir.resolve("tls/server.key").toString())));
        assertTrue(missing.getMessage().contains("nothing.crt"), missing.getMessage());
        BadConfigException url = assertThrows(BadConfigException.class, () -> settings(with(base,
                "server.public-url", "linli.example")));
        assertTrue(url.getMessage().contains("server.public-url"), url.getMessage());
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
