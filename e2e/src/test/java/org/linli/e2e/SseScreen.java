package org.linli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A screen following a central service's event stream ({@code /api/v1/events}) as the operators' dashboard does,
 * signed in as staff (a kiosk's key is sent no booking ids, which these tests follow), resumed after an id when one is
 * given, its lines collected as they come; closing it cuts the connection.
 */
record SseScreen(Stream<String> body, List<String> lines) implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static SseScreen of(CentralProgram central, String lastEventId) throws Exception {
        String staff = central.login("admin", central.credentials().getProperty("staff.admin.password"));
        HttpRequest.Builder request = HttpRequest.newBuilder(central.uri("/api/v1/events"))
                .header("Authorization", "Bearer " + staff);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        SseScreen screen = new SseScreen(response.body(), new CopyOnWriteArrayList<>());
        Thread.ofVirtual().start(() -> {
            try {
                screen.body().forEach(screen.lines()::add);
            } catch (RuntimeException e) {
                // cut when the test ends
            }
        });
        return screen;
    }

    /** Whether a booking's event came. */
    boolean has(long bookingId) {
        return lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"id\":" + bookingId + ","));
    }

    /** The SSE id of a booking's event. */
    String idOf(long bookingId) {
        String id = null;
        for (String line : lines) {
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:") && line.contains("\"id\":" + bookingId + ",")) {
                return id;
            }
        }
        throw new AssertionError("no event of booking " + bookingId);
    }

    @Override
    public void close() {
        body.close();
    }
}
