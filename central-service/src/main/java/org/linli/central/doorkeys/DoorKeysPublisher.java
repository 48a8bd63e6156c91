package org.linli.central.doorkeys;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.events.BookingEvent;
import org.linli.central.events.Coalescer;
import org.linli.central.events.Event;
import org.linli.central.ingest.RetainedPublisher;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RevokedPayload;

/**
 * Keeps what doors need retained on the broker: each hub's public keys and its revocation list. Both are sent on
 * every connect (the broker may have lost them) and again when keys rotate or a booking is cancelled or released.
 */
public final class DoorKeysPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DoorKeysPublisher.class.getName());
    private static final Set<String> REVOKING = Set.of("cancelled", "released");
    static final Duration COALESCE = Duration.ofMillis(100);
    private final Catalogue catalogue;
    private final Function<String, List<String>> revoked;
    private final TokenKeys keys;
    private final RetainedPublisher retained;
    private final Clock clock;
    private final PayloadCodec codec;
    // Event-bus subscribers run on the publisher's thread (a request): the queries run here instead.
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("linli-door-keys").daemon(true).factory());
    // A burst of cancellations sends each list once per period, with the latest content; a cancellation reaches the
    // doors within one period (well under the 200 ms promised to them).
    private final Coalescer<String> revocations = new Coalescer<>(worker, COALESCE, this::publishRevoked);

    /**
     * @param revoked the ids of a hub's bookings whose tokens doors must refuse ({@code Bookings::revoked})
     * @param retained where retained messages go; null when there is no broker
     */
    public DoorKeysPublisher(Catalogue catalogue, Function<String, List<String>> revoked, TokenKeys keys,
            RetainedPublisher retained, Clock clock) {
        this.catalogue = catalogue;
        this.revoked = revoked;
        this.keys = keys;
        this.retained = retained;
        this.clock = clock;
        this.codec = new PayloadCodec(clock);
    }

    /** Sends everything again every so often, in case the broker lost it without our noticing. */
    public void start(Duration refreshEvery) {
        worker.scheduleWithFixedDelay(this::publishAll, refreshEvery.toMillis(), refreshEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Everything, for every hub: on start and on every (re)connect. */
    public void publishAll() {
        submit(() -> {
            for (Hub hub : catalogue.hubs()) {
                publishKeys(hub.id());
                publishRevoked(hub.id());
            }
        });
    }

    /** Call after the signing keys changed. */
    public void keysRotated() {
        submit(() -> catalogue.hubs().forEach(hub -> publishKeys(hub.id())));
    }

    /** An event-bus subscriber: a cancelled or released booking revokes its token. */
    public void onEvent(Event event) {
        if (event instanceof BookingEvent booking && REVOKING.contains(booking.status())) {
            revocations.mark(booking.hub());
        }
    }

    private void publishKeys(String hubId) {
        if (retained != null) {
            retained.publish(Topics.accessKeys(hubId), codec.encode(keys.published()));
        }
    }

    private void publishRevoked(String hubId) {
        if (retained != null) {
            retained.publish(Topics.accessRevoked(hubId),
                    codec.encode(new RevokedPayload(clock.millis(), revoked.apply(hubId))));
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "publishing door keys or revocations failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
