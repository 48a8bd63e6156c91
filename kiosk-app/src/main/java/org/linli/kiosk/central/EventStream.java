package org.linli.kiosk.central;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
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
 * treated as dead (a pulled cable does not close a TCP connection): that is the read timeout of the connection. Each
 * connect and each break is reported to {@link Connectivity}, so the offline banner follows the stream as well as
 * the REST calls.
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
    private final Duration silence;
    // reads the stream, and schedules its own retries
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("events").factory());
    private volatile String lastEventId;
    private volatile HttpURLConnection open;
    private volatile boolean closed;
    private Duration retry = FIRST_RETRY;

    /** @param listener called on the reading thread for every event, in order */
    public EventStream(URI central, String kioskKey, String hubId, Connectivity connectivity,
            Consumer<ServerEvent> listener) {
        this(central, kioskKey, hubId, connectivity, listener, SILENCE);
    }

    /** @param silence how long a stream may say nothing, pings included, before it is taken for dead */
    EventStream(URI central, String kioskKey, String hubId, Connectivity connectivity,
            Consumer<ServerEvent> listener, Duration silence) {
        this.uri = central.resolve("/api/v1/events?hub=" + URLEncoder.encode(hubId, StandardCharsets.UTF_8));
        this.kioskKey = kioskKey;
        this.connectivity = connectivity;
        this.listener = listener;
        this.silence = silence;
    }

    public EventStream start() {
        reader.execute(this::connect);
        return this;
    }

    private void connect() {
        if (closed) {
            return;
        }
        HttpURLConnection http = null;
        try {
            http = CentralClient.open(uri, kioskKey, "text/event-stream", silence);
            if (lastEventId != null) {
                http.setRequestProperty("Last-Event-ID", lastEventId);
            }
            open = http;
            int status = http.getResponseCode();
            if (status != 200) {
                LOG.log(System.Logger.Level.WARNING, "live events refused: HTTP {0}", status);
                connectivity.report(status < 500);
            } else {
                connectivity.report(true);
                retry = FIRST_RETRY;
                read(http.getInputStream());
            }
        } catch (java.net.SocketTimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "live events silent for {0} s: reconnecting", silence.toSeconds());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "live events broke off: " + e);
        } finally {
            open = null;
            if (http != null) {
                http.disconnect(); // an event stream is never handed back to the keep-alive pool
            }
        }
        if (!closed) {
            connectivity.report(false);
            reader.schedule(this::connect, retry.toMillis(), TimeUnit.MILLISECONDS);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    /** The text/event-stream format: fields up to a blank line make one event; lines starting ':' are comments. */
    private void read(InputStream body) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
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

    @Override
    public void close() {
        closed = true;
        reader.shutdownNow();
        HttpURLConnection http = open;
        if (http != null) {
            // closes the socket; it waits for a read in progress to return (the stream is locked while it reads), so
            // on a thread of its own: the reader sees "closed" at the next line or ping and ends
            Thread.ofPlatform().daemon().name("events-close").start(http::disconnect);
        }
    }
}
