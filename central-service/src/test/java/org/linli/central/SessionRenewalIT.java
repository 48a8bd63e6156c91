package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staff session in use renews itself past the 12 hours of a hub day; an idle one still ends. */
class SessionRenewalIT {
    @TempDir
    Path data;

    @Test
    void aSessionInUseLastsThroughTheHubsDayAndAnIdleOneEnds() {
        try (TestServer server = TestServer.start(data)) {
            String counter = server.counterToken();
            // a counter console open from 08:00 to 21:00, asking every few hours
            for (int hour = 0; hour < 13; hour += 3) {
                assertEquals(200, server.get("/api/v1/staff/me", counter).status(), "after " + hour + " h");
                server.clock().advance(Duration.ofHours(3));
            }
            assertEquals(200, server.get("/api/v1/staff/me", counter).status(), "15 h after signing in");
            server.clock().advance(Duration.ofHours(12).plusMinutes(1));
            assertEquals(401, server.get("/api/v1/staff/me", counter).status(), "left alone for 12 hours");
        }
    }

    /**
     * A counter console signed in at 08:00 and used all day loads its page and opens its event stream with the
     * session cookie at 20:00 and at 23:00: the cookie the browser was given must not end before the session does.
     */
    @Test
    void theCookieOfASessionInUseStillOpensThePageAndTheEventStreamInTheEvening() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (TestServer server = TestServer.start(data)) {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"counter\",\"password\":\""
                            + server.password("counter") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            String token = setCookie.substring("linli_token=".length(), setCookie.indexOf(';'));
            for (int hour = 0; hour <= 15; hour++) {
                // the console's API calls, with the token from sign-in, every hour of the day
                assertEquals(200, server.get("/api/v1/staff/me", token).status(), "after " + hour + " h");
                if (hour == 12 || hour == 15) {
                    assertEquals(List.of(200, 200), pageAndStream(http, server, setCookie), "after " + hour + " h");
                }
                server.clock().advance(Duration.ofHours(1));
            }
            server.clock().advance(Duration.ofHours(12));
            assertEquals(List.of(303, 401), pageAndStream(http, server, setCookie), "left alone for 12 hours");
        }
    }

    /** The status of the counter page and of the event stream, sent with the cookie the browser keeps. */
    private static List<Integer> pageAndStream(HttpClient http, TestServer server, String setCookie)
            throws IOException, InterruptedException {
        if (setCookie.contains("Max-Age=")
                && Long.parseLong(setCookie.replaceAll(".*Max-Age=(\\d+).*", "$1")) <= Duration.ofHours(12).toSeconds()) {
            return List.of(-1, -1); // a browser has dropped a cookie given for 12 hours by the evening
        }
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        int page = http.send(HttpRequest.newBuilder(server.uri("/counter/counter-1")).header("Cookie", cookie).GET()
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(server.uri("/api/v1/events"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();
        return List.of(page, stream.statusCode());
    }
}
