package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubTime;

/**
 * Finding L5: health details and metrics (which name every device) answer the service's own machine and signed-in
 * staff, not a visitor on the hub's network, nor a screen's display key or a kiosk's key; behind a reverse proxy on
 * this machine, a forwarded request is not the machine's own.
 */
class ObserveIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** An address of this machine that is not the loopback: how another machine on the network reaches it. */
    private static Optional<InetAddress> networkAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }

    private static int status(URI uri, String bearer) throws Exception {
        return status(uri, bearer, Map.of());
    }

    private static int status(URI uri, String bearer, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A display key of the demo hub, for a lobby screen or a counter's. */
    private static String displayKey(TestServer server, String scope) {
        TestServer.Response issued = server.post("/api/v1/hubs/" + TestServer.HUB + "/display-keys",
                server.adminToken(), Map.of("label", "Lobby " + scope, "scope", scope));
        assertEquals(201, issued.status(), issued.text());
        return issued.json().get("key").asText();
    }

    @Test
    void healthAndMetricsAnswerThisMachineAndStaffOnly() throws Exception {
        Optional<InetAddress> address = networkAddress();
        assumeTrue(address.isPresent(), "this machine has no network address besides the loopback");
        try (TestServer server = TestServer.start(dir, Map.of("server.host", "0.0.0.0"), HubTime.noon().clock())) {
            int port = server.server().port();
            String remote = "http://" + address.get().getHostAddress() + ":" + port;
            for (String path : new String[] {"/observe/metrics", "/observe/health"}) {
                assertEquals(403, status(URI.create(remote + path), null), path);
                assertEquals(403, status(URI.create(remote + path), server.kioskKey()), path);
                assertEquals(403, status(URI.create(remote + path), displayKey(server, "screen")), path);
                assertEquals(200, status(URI.create(remote + path), server.operatorToken()), path);
                assertEquals(200, status(server.uri(path), null), "from this machine: " + path);
            }
            // the API and the pages are for the network as before
            assertEquals(200, status(URI.create(remote + "/api/v1/hubs"), null));
            assertTrue(server.get("/observe/metrics", null).text().contains("# TYPE"));
        }
    }

    /**
     * A reverse proxy on this machine (decision 0013) makes every request come from the loopback; the headers it adds
     * say the request came from elsewhere, and then only staff get in.
     */
    @Test
    void aRequestForwardedByAProxyOnThisMachineIsNotTheMachinesOwn() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), HubTime.noon().clock())) {
            Map<String, String> forwarded = Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded",
                    "for=203.0.113.7;proto=https", "X-Real-IP", "203.0.113.7");
            for (String path : new String[] {"/observe/metrics", "/observe/health"}) {
                for (Map.Entry<String, String> header : forwarded.entrySet()) {
                    Map<String, String> proxied = Map.of(header.getKey(), header.getValue());
                    assertEquals(403, status(server.uri(path), null, proxied), header.getKey() + " " + path);
                    assertEquals(200, status(server.uri(path), server.operatorToken(), proxied),
                            header.getKey() + " " + path);
                }
                assertEquals(200, status(server.uri(path), null), "this machine's own request: " + path);
            }
        }
    }

    /** A display key reads as an operator or a counter on its screens' routes, but metrics are no screen's business. */
    @Test
    void displayAndKioskKeysAreNotStaffHere() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), HubTime.noon().clock())) {
            Map<String, String> fromTheNetwork = Map.of("X-Forwarded-For", "192.0.2.10");
            for (String path : new String[] {"/observe/metrics", "/observe/health"}) {
                for (String scope : new String[] {"screen", "counter"}) {
                    assertEquals(403, status(server.uri(path), displayKey(server, scope), fromTheNetwork),
                            scope + " display key: " + path);
                }
                assertEquals(403, status(server.uri(path), server.kioskKey(), fromTheNetwork), path);
                assertEquals(200, status(server.uri(path), server.counterToken(), fromTheNetwork), path);
            }
        }
    }
}
