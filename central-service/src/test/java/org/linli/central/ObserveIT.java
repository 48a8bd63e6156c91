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
 * staff, not a visitor on the hub's network.
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
                assertEquals(200, status(URI.create(remote + path), server.operatorToken()), path);
                assertEquals(200, status(server.uri(path), null), "from this machine: " + path);
            }
            // the API and the pages are for the network as before
            assertEquals(200, status(URI.create(remote + "/api/v1/hubs"), null));
            assertTrue(server.get("/observe/metrics", null).text().contains("# TYPE"));
        }
    }
}
