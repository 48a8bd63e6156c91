package org.linli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the provisioning tests share: the central service's jar run as a program, {@code provision-device} run as
 * root on a simulated Pi, and the API of a central over HTTPS reached with only the project's CA trusted.
 */
final class TlsCentral {
    private static final Path HOME = EndToEndIT.HOME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient https;
    private final int port;

    /** @param caFile the only CA the client trusts */
    TlsCentral(Path caFile, int port) throws Exception {
        this.https = trusting(caFile);
        this.port = port;
    }

    record Run(int status, String output) {
    }

    /** provision-device as root on a Pi whose /etc/linli is {@code pi}/etc; its output in a file of {@code dir}. */
    static Run provision(Path dir, Path pi, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("deploy-pi/provision-device").toString()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "provision", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("LINLI_ETC", pi.resolve("etc").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "provision-device finished");
        return new Run(process.exitValue(), Files.readString(out));
    }

    /** The central service's jar with {@code args}. */
    static ProcessBuilder java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-jar", HOME.resolve("central-service/target/central-service.jar").toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static HttpClient trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The status of a request, or -1 when the central does not answer (yet). */
    int status(String method, String path, String bearer, Object body) {
        try {
            return send(method, path, bearer, body).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A request that must succeed, and its JSON answer. */
    JsonNode call(String method, String path, String bearer, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, bearer, body);
        assertTrue(response.statusCode() < 300, method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String bearer, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
