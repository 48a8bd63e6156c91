package org.linli.kiosk.central;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The central service's live events ({@code GET /api/v1/events?hub=}) read line by line as {@code text/event-stream}.
 * When the stream breaks it reconnects after 1, 2, 4 … 30 s, sending {@code Last-Event-ID} so the service replays
 * what was missed. The central service sends a {@code ping} every 15 s; a stream silent for {@link #SILENCE} is
 * treated as dead (a pulled cable does not close a TCP connection). Each connect and each break is reported to
 * {@link Connectivity}, so the offline banner follows the stream as well as the REST calls.
 */
public final class EventStream implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventStream.class.getName());
    static final Duration SILENCE = Duration.ofSeconds(45);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final URI uri;
    private final String kioskKey;
    private final Connectivity connectivity;
    private final Consumer<ServerEvent> listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    // one thread reads the stream, the other schedules retries and watches for silence
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("events").factory());
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("events-watchdog").factory());
    private volatile String lastEventId;
    private volatile InputStream open;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean closed;
    private Duration retry = FIRST_RETRY;

    /** @param listener called on the reading thread for every event, in order */
    public EventStream(URI central, String kioskKey, String hubId, Connectivity connectivity,
            Consumer<ServerEvent> listener) {
        this.uri = central.resolve("/api/v1/events?hub=" + URLEncoder.encode(hubId, StandardCharsets.UTF_8));
        this.kioskKey = kioskKey;
        this.connectivity = connectivity;
        this.listener = listener;
    }

    public EventStream start() {
        reader.execute(this::connect);
        watchdog.scheduleWithFixedDelay(this::cutIfSilent, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    private void connect() {
        if (closed) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + kioskKey).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                LOG.log(System.Logger.Level.WARNING, "live events refused: HTTP {0}", response.statusCode());
                connectivity.report(response.statusCode() < 500);
            } else {
                connectivity.report(true);
                retry = FIRST_RETRY;
                read(response.body());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "live events broke off: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!closed) {
            connectivity.report(false);
            reader.schedule(this::connect, retry.toMillis(), TimeUnit.MILLISECONDS);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    /** The text/event-stream format: fields up to a blank line make one event; lines starting ':' are comments. */
    private void read(InputStream body) throws IOException {
        open = body;
        lastHeard = System.nanoTime();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
                lastHeard = System.nanoTime();
                if (line.isEmpty()) {
                    if (data != null) {
                        dispatch(new ServerEvent(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    data = null;
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon == 0) {
                    continue;
                }
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "id" -> id = value.isEmpty() ? null : value;
                    default -> { } // "retry" and unknown fields: our own backoff decides
                }
            }
        } finally {
            open = null;
        }
    }

    private void dispatch(ServerEvent event) {
        if (event.id() != null) {
            lastEventId = event.id();
        }
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // one odd event must not end the stream
            LOG.log(System.Logger.Level.WARNING, "could not apply live event " + event.name() + ": " + e);
        }
    }

    private void cutIfSilent() {
        InputStream stream = open;
        if (stream != null && System.nanoTime() - lastHeard > SILENCE.toNanos()) {
            LOG.log(System.Logger.Level.INFO, "live events silent for {0} s: reconnecting", SILENCE.toSeconds());
            closeQuietly(stream);
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the event stream: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream stream = open;
        if (stream != null) {
            closeQuietly(stream);
        }
        watchdog.shutdownNow();
        reader.shutdownNow();
        http.shutdownNow();
    }
}
