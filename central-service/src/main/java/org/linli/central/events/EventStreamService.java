package org.linli.central.events;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.linli.central.web.Json;

/**
 * {@code GET /api/v1/events}: the event bus as Server-Sent Events. Each client has a bounded queue; a client that
 * falls behind by more than its queue loses events rather than slowing the service down.
 */
public final class EventStreamService implements HttpService {
    private static final int QUEUE = 256;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private final EventBus bus;

    public EventStreamService(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/events", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
        Runnable unsubscribe = bus.subscribe(queue::offer);
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            // A first event so that clients (and tests) know the stream is open and subscribed. (Helidon's SSE
            // writer needs data on every event, so these are tiny events rather than comments.)
            sink.emit(SseEvent.builder().name("open").data("{}").build());
            while (true) {
                Event event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    sink.emit(SseEvent.builder().name("ping").data("{}").build());
                } else {
                    sink.emit(SseEvent.builder().name(event.name())
                            .data(new String(Json.bytes(event.data()), StandardCharsets.UTF_8)).build());
                }
            }
        } catch (UncheckedIOException gone) {
            // the client went away; nothing to answer
        } catch (InterruptedException stopping) {
            // the server is stopping
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
        }
    }
}
