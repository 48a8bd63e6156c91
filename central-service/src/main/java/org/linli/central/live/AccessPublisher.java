package org.linli.central.live;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.linli.central.doorkeys.Coalescer;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.booking.Bookings;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.events.Event;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.RevokedPayload;

/**
 * Keeps what doors need retained on the broker: each hub's public keys and its revocation list. Both are sent on
 * every connect (the broker may have lost them) and again when keys rotate or a booking is cancelled or released.
 * Booking changes also change a room's status, so its state is sent again too.
 */
public final class AccessPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AccessPublisher.class.getName());
    private static final Set<String> REVOKING = Set.of("cancelled", "released");
    static final Duration COALESCE = Duration.ofMillis(100);
    private final Catalogue catalogue;
    private final Bookings bookings;
    private final TokenKeys keys;
    private final RetainedPublisher retained;
    private final LiveState live;
    private final Clock clock;
    private final PayloadCodec codec;
    // Event-bus subscribers run on the publisher's thread (a request): the queries run here instead.
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("linli-access-publisher").daemon(true).factory());
    // A burst of bookings sends each list and room state once per period, with the latest content; a cancellation
    // reaches the doors within one period (well under the 200 ms promised to them).
    private final Coalescer<String> revocations = new Coalescer<>(worker, COALESCE, this::publishRevoked);
    private final Coalescer<String> roomStates = new Coalescer<>(worker, COALESCE,
            this::publishRoom);

    /** @param retained null when there is no broker: only room states for screens are refreshed */
    public AccessPublisher(Catalogue catalogue, Bookings bookings, TokenKeys keys, RetainedPublisher retained,
            LiveState live, Clock clock) {
        this.catalogue = catalogue;
        this.bookings = bookings;
        this.keys = keys;
        this.retained = retained;
        this.live = live;
        this.clock = clock;
        this.codec = new PayloadCodec(clock);
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

    /** An event-bus subscriber: bookings created, cancelled, released or used. */
    public void onEvent(Event event) {
        if (!event.name().equals("booking") || !(event.data() instanceof Map<?, ?> data)) {
            return;
        }
        Object hub = data.get("hub");
        Object room = data.get("room");
        Object status = data.get("status");
        if (hub instanceof String hubId && REVOKING.contains(String.valueOf(status))) {
            revocations.mark(hubId);
        }
        if (room instanceof String roomId) {
            roomStates.mark(roomId);
        }
    }

    private void publishRoom(String roomId) {
        live.publishRoom(roomId, clock.millis());
    }

    private void publishKeys(String hubId) {
        if (retained != null) {
            retained.publish(Topics.accessKeys(hubId), codec.encode(keys.published()));
        }
    }

    private void publishRevoked(String hubId) {
        if (retained != null) {
            retained.publish(Topics.accessRevoked(hubId),
                    codec.encode(new RevokedPayload(clock.millis(), bookings.revoked(hubId))));
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "publishing access data failed", e);
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
