package org.linli.central.doorkeys;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Room;
import org.linli.central.events.BookingEvent;
import org.linli.central.events.Coalescer;
import org.linli.central.events.Event;
import org.linli.central.events.HubEvent;
import org.linli.central.ingest.RetainedPublisher;
import org.linli.central.timers.Timers;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;
import org.linli.protocol.payload.RevokedPayload;
import org.linli.protocol.payload.RoomRevokedPayload;

/**
 * Keeps what doors need retained on the broker: each hub's public keys and one revocation list per room
 * ({@code access/revoked/{room}}, docs/decisions/0006-revocation-by-room-and-window.md). Everything is sent on every
 * connect (the broker may have lost it) and hourly, as a room's list covers a sliding span; a room's list again on
 * every booking, cancellation or release of the room. A list its doors would refuse is not published: an alert says
 * so instead, and the doors keep their last list.
 *
 * <p>The hub-wide {@code access/revoked} list, one id per cancellation, had no bound (finding H2); it is published
 * empty so that doors drop a large one they may still hold, and the room lists say everything it said.
 */
public final class DoorKeysPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DoorKeysPublisher.class.getName());
    static final Duration COALESCE = Duration.ofMillis(100);
    /**
     * How far ahead a room's list speaks. A token is usable from its start less the door's grace (at most hours), and
     * lists are published again hourly, so two days leave a door cut off from the broker a day and more before its
     * list goes stale; the worst case of two days of 5-minute slots is about a quarter of the door's limit.
     */
    static final Duration SPAN = Duration.ofDays(2);

    /** A room's bookings, as the list needs them ({@code Bookings::roomBookings}). */
    @FunctionalInterface
    public interface RoomBookings {
        /** @return the windows of cancelled or released bookings and the valid bookings, in epoch seconds */
        Source of(String roomId, long from, long until);
    }

    /** Cancelled windows and valid bookings of one room. */
    public record Source(List<RoomRevokedPayload.Window> cancelled, List<RoomRevokedPayload.Booking> valid) {
    }

    /** Where a refusal to publish goes: an alert for the hub's staff. */
    @FunctionalInterface
    public interface Alarm {
        void unpublishable(String hubId, String roomId, int bytes, String reason);

        /** The room's list is one its doors take again (as nearly always): an alert about it has ended. */
        default void publishable(String hubId, String roomId) {
            // nothing to say by default
        }
    }

    private final Catalogue catalogue;
    private final RoomBookings bookings;
    private final TokenKeys keys;
    private final RetainedPublisher retained;
    private final Alarm alarm;
    private final Clock clock;
    private final PayloadCodec codec;
    // Event-bus subscribers run on the publisher's thread (a request): the queries run here instead.
    private final ScheduledExecutorService worker = Timers.single("linli-door-keys");
    // A burst of bookings and cancellations sends each room's list once per period, with the latest content; a
    // cancellation reaches the doors within one period (well under the 200 ms promised to them).
    private final Coalescer<String> rooms = new Coalescer<>(worker, COALESCE, this::publishRoom);

    /**
     * @param retained where retained messages go; null when there is no broker
     */
    public DoorKeysPublisher(Catalogue catalogue, RoomBookings bookings, TokenKeys keys, RetainedPublisher retained,
            Alarm alarm, Clock clock) {
        this.catalogue = catalogue;
        this.bookings = bookings;
        this.keys = keys;
        this.retained = retained;
        this.alarm = alarm;
        this.clock = clock;
        this.codec = new PayloadCodec(clock);
    }

    /** Sends everything again every so often: the room lists' span slides, and the broker may have lost them. */
    public void start(Duration refreshEvery) {
        worker.scheduleWithFixedDelay(this::publishAll, refreshEvery.toMillis(), refreshEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Looks at the signing-key file every so often ({@link TokenKeys#refresh()}): a rotation written by
     * {@code ./linli central keys rotate} is taken in, and retiring keys leave once their time is up; either way the
     * doors of every hub get the new key set at once.
     */
    public void watchKeys(Duration every) {
        worker.scheduleWithFixedDelay(this::checkKeys, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Publishes the keys of every hub when the keys doors must hold changed. */
    public void checkKeys() {
        submit(() -> {
            if (keys.refresh()) {
                keysRotated();
            }
        });
    }

    /** Everything, for every hub: on start, on every (re)connect and hourly. */
    public void publishAll() {
        submit(() -> {
            for (Hub hub : catalogue.hubs()) {
                publishKeys(hub.id());
                publishHubWide(hub.id());
                for (Room room : catalogue.rooms(hub.id())) {
                    publishRoom(room.id());
                }
            }
        });
    }

    /** A hub made or changed after start (the catalogue page): its doors need its keys now, not within the hour. */
    private void hubWritten(String hubId) {
        submit(() -> {
            publishKeys(hubId);
            publishHubWide(hubId);
            for (Room room : catalogue.rooms(hubId)) {
                publishRoom(room.id());
            }
        });
    }

    /** The keys of every hub, after the signing keys changed ({@link #checkKeys()}). */
    public void keysRotated() {
        submit(() -> catalogue.hubs().forEach(hub -> publishKeys(hub.id())));
    }

    /**
     * An event-bus subscriber: every change of a room's bookings changes its list (a cancellation adds a window, a
     * booking in a cancelled slot must be named valid before its resident comes); a hub or room written after start
     * has its hub's keys and lists sent at once (those seeded before start go out when the broker connects).
     */
    public void onEvent(Event event) {
        if (event instanceof BookingEvent booking && !booking.status().equals("used")) {
            rooms.mark(booking.room());
        } else if (event instanceof HubEvent hub) {
            hubWritten(hub.hub());
        }
    }

    private void publishKeys(String hubId) {
        if (retained != null) {
            retained.publish(Topics.accessKeys(hubId), codec.encode(keys.published()));
        }
    }

    private void publishHubWide(String hubId) {
        if (retained != null) {
            retained.publish(Topics.accessRevoked(hubId), codec.encode(new RevokedPayload(clock.millis(), List.of())));
        }
    }

    private void publishRoom(String roomId) {
        if (retained == null) {
            return;
        }
        catalogue.room(roomId).ifPresent(room -> checkedList(room.hubId(), roomId)
                .ifPresent(list -> retained.publish(Topics.roomRevoked(room.hubId(), roomId), list)));
    }

    /** The room's list, unless its doors would refuse it: then the alarm goes off and there is none. */
    Optional<byte[]> checkedList(String hubId, String roomId) {
        byte[] list = roomList(roomId);
        Optional<String> refusal = refusal(list);
        if (refusal.isPresent()) {
            LOG.log(Level.ERROR, "not publishing the revocation list of room " + roomId + " (" + list.length
                    + " bytes): its doors would refuse it (" + refusal.get() + "); they keep their last list");
            alarm.unpublishable(hubId, roomId, list.length, refusal.get());
            return Optional.empty();
        }
        alarm.publishable(hubId, roomId);
        return Optional.of(list);
    }

    /** The room's list now, encoded: from this minute to {@link #SPAN} ahead. */
    byte[] roomList(String roomId) {
        long now = clock.millis();
        long from = Math.floorDiv(now, 60_000L) * 60L;
        long until = from + SPAN.toSeconds();
        Source source = bookings.of(roomId, from, until);
        return codec.encode(RoomRevokedPayload.of(now, roomId, from, until, source.cancelled(), source.valid()));
    }

    /** Why a door would refuse these bytes, checked with the door's own decoder; empty when it takes them. */
    Optional<String> refusal(byte[] list) {
        try {
            codec.decodeRoomRevoked(list);
            return Optional.empty();
        } catch (PayloadException e) {
            return Optional.of(e.getMessage());
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
        Timers.stop(worker, "the door keys publisher");
    }
}
