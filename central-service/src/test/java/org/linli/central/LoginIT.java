package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * Signing in and out (findings M6, L2): wrong passwords are throttled per account and per address with 429 and
 * Retry-After, a sign-out ends the session on the server, the session cookie is the server's (HttpOnly,
 * SameSite=Strict) and counts only for the event stream, and every answer carries the security headers.
 */
class LoginIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static TestServer.Response login(TestServer server, String user, String password) {
        return server.post("/api/v1/auth/login", null, Map.of("username", user, "password", password));
    }

    @Test
    void wrongPasswordsAreThrottledPerAccountAndPerAddressUntilTheWindowPasses() throws Exception {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, login(server, "admin", "guess-" + i).status());
            }
            TestServer.Response refused = login(server, "admin", "guess-5");
            assertEquals(429, refused.status(), refused.text());
            assertEquals("application/problem+json", refused.contentType());
            TestServer.Response right = login(server, "admin", server.password("admin"));
            assertEquals(429, right.status(), "the right password is not even checked while throttled");
            long retryAfter = Long.parseLong(HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"x\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("Retry-After")
                    .orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
            // another account from the same address still signs in
            assertEquals(200, login(server, "operator", server.password("operator")).status());

            // one address guessing many user names: 20 wrong passwords, then nothing more from it
            for (int i = 0; i < 15; i++) {
                assertEquals(401, login(server, "nobody-" + i, "x").status());
            }
            assertEquals(429, login(server, "nobody-else", "x").status());
            assertEquals(429, login(server, "counter", server.password("counter")).status());

            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            assertEquals(200, login(server, "admin", server.password("admin")).status());
        }
    }

    /**
     * Guesses sent all at once must not each slip past the count taken before their turn for a password check: at
     * most the limit plus the one check that may run beside the last counted one.
     */
    @Test
    void wrongPasswordsSentAllAtOnceAreCheckedNoMoreOftenThanTheLimit() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> guesses = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                guesses.add(HTTP.sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"guess-"
                                + i + "\"}")).build(), HttpResponse.BodyHandlers.discarding()));
            }
            List<Integer> statuses = guesses.stream().map(g -> g.join().statusCode()).sorted().toList();
            long checked = statuses.stream().filter(s -> s == 401).count();
            assertTrue(checked >= 5 && checked <= 6, "passwords checked: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        }
    }

    @Test
    void signingOutEndsTheSessionAndTheCookieCountsOnlyForTheEventStream() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"operator\",\"password\":\""
                            + server.password("operator") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("linli_token=") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Strict"), cookie);
            // Secure over TLS only (HttpsIT): a browser would not keep a Secure cookie a plain-HTTP site sets
            assertFalse(cookie.contains("Secure"), cookie);
            // kept until the browser closes: the session, renewed while it is used, decides (SessionRenewalIT)
            assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires"), cookie);
            String token = cookie.substring("linli_token=".length(), cookie.indexOf(';'));
            String sent = "linli_token=" + token;

            // a cookie goes with every request of the site: it does not count for writes or other reads
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/counters/counter-1/recall"))
                    .header("Cookie", sent).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/hubs/wutong66/live"))
                    .header("Cookie", sent).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(200, streamStatus(server, sent));
            assertEquals(200, server.get("/api/v1/hubs/wutong66/live", token).status());

            TestServer.Response out = server.post("/api/v1/auth/logout", token, null);
            assertEquals(204, out.status(), out.text());
            assertEquals(401, server.get("/api/v1/hubs/wutong66/live", token).status());
            assertEquals(401, streamStatus(server, sent));
        }
    }

    /**
     * Every checked sign-in is in the audit log under the account name as typed, right or wrong, with its outcome and
     * address, and every sign-out, also one by the session cookie alone; never the password. A wrong sign-in for an
     * account of a hub is that hub's (its administrators see it), one for no account every hub's.
     */
    @Test
    void signInsRightOrWrongAndSignOutsAreAuditedWithoutThePassword() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertEquals(401, login(server, "operator", "a wrong guess").status());
            assertEquals(401, login(server, "nobody.here", "another guess").status());
            TestServer.Response in = login(server, "operator", server.password("operator"));
            assertEquals(200, in.status(), in.text());
            String token = in.json().get("token").asText();
            // a page whose stored token is gone signs out by the cookie the server set
            assertEquals(204, HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/logout"))
                    .header("Cookie", "linli_token=" + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(401, server.get("/api/v1/hubs/wutong66/live", token).status(), "the session ended");

            com.fasterxml.jackson.databind.JsonNode operator = server.get("/api/v1/audit?actor=operator",
                    server.adminToken()).json();
            assertEquals(3, operator.size(), operator.toString());
            // newest first, as they arrived (a row is written once its request is answered, so by the order rows
            // were written a sign-in and the sign-out right after it were listed either way round, AuditOrderIT)
            assertEquals(List.of("POST /api/v1/auth/logout 204 operator", "POST /api/v1/auth/login 200 operator",
                    "POST /api/v1/auth/login 401 none"), java.util.stream.StreamSupport.stream(operator.spliterator(),
                    false).map(e -> e.get("action").asText() + " " + e.get("status").asInt() + " "
                    + e.get("role").asText()).toList());
            for (com.fasterxml.jackson.databind.JsonNode e : operator) {
                assertEquals("127.0.0.1", e.get("source").asText());
                assertEquals(TestServer.HUB, e.get("hub").asText(), "the operator's hub's administrators see it");
            }
            com.fasterxml.jackson.databind.JsonNode nobody = server.get("/api/v1/audit?actor=nobody.here",
                    server.adminToken()).json();
            assertEquals(1, nobody.size(), nobody.toString());
            assertEquals(401, nobody.get(0).get("status").asInt());
            assertFalse(nobody.get(0).hasNonNull("hub"), "no account: every hub's, " + nobody);
            assertEquals(4, server.get("/api/v1/audit?action=login", server.adminToken()).json().size(),
                    "the two wrong sign-ins, the operator's and this test's administrator's, by the action filter");
            String everything = server.get("/api/v1/audit", server.adminToken()).text();
            for (String password : List.of("a wrong guess", "another guess", server.password("operator"))) {
                assertFalse(everything.contains(password), "a password in the audit log: " + everything);
            }
        }
    }

    private static int streamStatus(TestServer server, String cookie) throws Exception {
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/events"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();
        return stream.statusCode();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (String path : List.of("/", "/login", "/static/js/common.js", "/api/v1/hubs", "/api/v1/nothing",
                    "/ticket/x")) {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(server.uri(path)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null), path);
                assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(null), path);
                assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(null), path);
                String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), path + csp);
            }
        }
    }
}
