package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.web.Json;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * {@code POST /api/v1/auth/password}: the current password is checked as a sign-in is (issue 13's re-check: a stolen
 * session guessed it without limit, and parallel guesses each took a bcrypt check), and a change ends the account's
 * other sessions but not the one that made it.
 */
class OwnPasswordIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String NEW = "a new long password";

    @TempDir
    Path dir;

    private static HttpRequest change(TestServer server, String session, String current) {
        return HttpRequest.newBuilder(server.uri("/api/v1/auth/password"))
                .header("Authorization", "Bearer " + session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("current", current, "password", NEW))))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongCurrentPasswordsCountAsWrongSignInsOfTheAccount() throws Exception {
        HubClock clock = HubTime.noon().clock();
        try (TestServer server = TestServer.start(dir, Map.of(), clock)) {
            String password = server.password("operator");
            String session = server.login("operator", password);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> wrong = send(change(server, session, "guess-" + i));
                assertEquals(400, wrong.statusCode(), wrong.body());
                assertTrue(wrong.body().contains("\"current\""), wrong.body());
            }
            HttpResponse<String> refused = send(change(server, session, "guess-5"));
            assertEquals(429, refused.statusCode(), refused.body());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
            assertEquals(429, send(change(server, session, password)).statusCode(),
                    "the right password is not even checked while throttled");
            // one count with the sign-in page: guessing here costs the account's sign-ins too, and the other way round
            assertEquals(429, server.post("/api/v1/auth/login", null, Map.of("username", "operator",
                    "password", password)).status());

            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            assertEquals(204, send(change(server, session, password)).statusCode());
        }
    }

    /** As for sign-ins: guesses sent at once get no more checks than the limit and the one beside the last. */
    @Test
    void currentPasswordsGuessedAllAtOnceAreCheckedNoMoreOftenThanTheLimit() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String session = server.login("operator", server.password("operator"));
            List<CompletableFuture<HttpResponse<Void>>> guesses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                guesses.add(HTTP.sendAsync(change(server, session, "guess-" + i),
                        HttpResponse.BodyHandlers.discarding()));
            }
            List<Integer> statuses = guesses.stream().map(g -> g.join().statusCode()).sorted().toList();
            long checked = statuses.stream().filter(s -> s == 400).count();
            assertTrue(checked >= 5 && checked <= 6, "passwords checked: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 400 || s == 429), statuses.toString());
        }
    }

    @Test
    void aChangeEndsTheAccountsOtherSessionsAndKeepsTheOneThatMadeIt() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String password = server.password("operator");
            String here = server.login("operator", password);
            String elsewhere = server.login("operator", password);
            String colleague = server.counterToken();
            assertEquals(200, server.get("/api/v1/staff/me", elsewhere).status());

            assertEquals(204, send(change(server, here, password)).statusCode());
            assertEquals(200, server.get("/api/v1/staff/me", here).status(),
                    "the page the password was changed on stays signed in");
            assertEquals(401, server.get("/api/v1/staff/me", elsewhere).status(),
                    "a browser signed in with the old password is still in");
            assertEquals(200, server.get("/api/v1/staff/me", colleague).status(), "another account's session ended");
            assertEquals(401, server.post("/api/v1/auth/login", null, Map.of("username", "operator",
                    "password", password)).status());
            assertEquals(200, server.post("/api/v1/auth/login", null, Map.of("username", "operator",
                    "password", NEW)).status());
        }
    }
}
