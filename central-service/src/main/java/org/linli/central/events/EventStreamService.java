package org.linli.central.events;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.Unauthorized;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;

/**
 * {@code GET /api/v1/events[?hub=]}: the numbered events of the journal of the caller's hubs (its own and those below
 * it; all for callers of all hubs) as Server-Sent Events; a client that
 * reconnects with {@code Last-Event-ID} first gets what it missed, and one that starts afresh first gets the state of
 * now (each room of its hubs), so that a screen never waits for a change to show what it is. Each client has a bounded
 * queue; a client that falls behind by more than its queue loses events rather than slowing the service down.
 *
 * <p>Staff get the events whole. A kiosk key or a screen's display key gets each one's {@link Event#publicView}: no
 * ticket, check-in or booking id, which would let it read tickets and rate the hub's visits before their residents.
 */
public final class EventStreamService implements HttpService {
    private static final int QUEUE = 256;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    private final EventJournal journal;
    private final Guard guard;
    private final Snapshot snapshot;

    /** The state of now as events, for the hubs a caller is shown. */
    @FunctionalInterface
    public interface Snapshot {
        List<? extends Event> current(Predicate<String> hubShown);
    }

    public EventStreamService(EventJournal journal, Guard guard, Snapshot snapshot) {
        this.journal = journal;
        this.guard = guard;
        this.snapshot = snapshot;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/events", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        // Staff pages (their sign-in cookie), boards and kiosks: device states and alerts are not for everyone.
        String bearer = Requests.bearer(req);
        Caller caller = guard.require(bearer, Guard.KIOSK_OR_STAFF);
        String hub = req.query().first("hub").orElse(null);
        if (hub != null) {
            guard.requireHub(caller, hub);
        }
        Long resumeAfter = lastEventId(req);
        BlockingQueue<EventJournal.Entry> queue = new ArrayBlockingQueue<>(QUEUE);
        Runnable unsubscribe = journal.subscribe(resumeAfter, queue::offer);
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            // A first event so that clients (and tests) know the stream is open and subscribed. (Helidon's SSE
            // writer needs data on every event, so these are tiny events rather than comments.)
            sink.emit(SseEvent.builder().name("open").data("{}").build());
            if (resumeAfter == null) {
                // Subscribed first, so nothing published meanwhile is lost; without an id, so that a client that
                // reconnects still resumes from the journal.
                for (Event now : snapshot.current(eventHub -> shown(caller, hub, eventHub))) {
                    sink.emit(event(caller, now).build());
                }
            }
            while (true) {
                EventJournal.Entry entry = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                // Checked again before every event and every keep-alive: a revoked kiosk key, an ended or expired
                // session gets nothing more, and the stream ends (finding M3). The guard's cache makes it cheap.
                if (!stillAllowed(bearer)) {
                    return;
                }
                if (entry == null) {
                    sink.emit(SseEvent.builder().name("ping").data("{}").build());
                } else if (shown(caller, hub, entry.event().hub())) {
                    sink.emit(event(caller, entry.event()).id(Long.toString(entry.id())).build());
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

    /** The event as the caller is sent it: whole to staff, its public form to kiosks and screens. */
    private static SseEvent.Builder event(Caller caller, Event event) {
        Event shown = caller.signedInStaff() ? event : event.publicView();
        return SseEvent.builder().name(shown.eventName())
                .data(new String(Json.bytes(shown), StandardCharsets.UTF_8));
    }

    /** Only events of the hubs the caller reaches (its own and those below), and of the hub asked for. */
    private boolean shown(Caller caller, String asked, String eventHub) {
        if (eventHub == null) {
            return caller.hubId() == null && asked == null;
        }
        return (asked == null || asked.equals(eventHub)) && guard.reaches(caller, eventHub);
    }

    private boolean stillAllowed(String bearer) {
        try {
            guard.require(bearer, Guard.KIOSK_OR_STAFF);
            return true;
        } catch (Unauthorized | Forbidden revoked) {
            return false;
        }
    }

    /** The id a reconnecting browser sends; anything that is not a number is ignored (a fresh start). */
    private static Long lastEventId(ServerRequest req) {
        String value = req.headers().first(LAST_EVENT_ID).orElse(null);
        if (value == null || !value.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(value);
    }
}
