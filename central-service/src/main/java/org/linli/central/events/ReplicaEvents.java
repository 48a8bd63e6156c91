package org.linli.central.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.linli.central.store.Broadcast;
import org.linli.central.store.Database;
import org.linli.central.web.Json;

/**
 * Several central replicas, one set of events: every event published on this replica's bus is broadcast to the
 * others through the database (PostgreSQL's NOTIFY), and theirs are published on this bus, so a screen connected to
 * any replica sees what happened through every one of them. The relayed events are published as if they happened
 * here, with the SSE id the journal of their replica gave them (so a client can resume on any replica, see
 * {@link EventJournal}); they are not broadcast again.
 *
 * <p>NOTIFY keeps nothing for a replica that is not listening: one whose listening connection was lost asks the
 * others, once it listens again, for the events they numbered since (a few seconds before) it last knew it heard
 * everything, and they send again those their journals still keep (the last 500 each), marked as sent again; it sends
 * its own of that time again too, for the replicas that were cut off with it. Every replica publishes such an event
 * only if its journal does not have it already. Not caught up: what a journal no longer keeps, and a replica that
 * listens again while the one it asks is still away, when the other one was cut off earlier than itself.
 */
public final class ReplicaEvents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplicaEvents.class.getName());
    static final String CHANNEL = "linli_events";
    /** A replica's request for the events numbered after an id, and the mark of an event sent again for it. */
    private static final String RESEND_AFTER = "resendAfter";
    private static final String AGAIN = "again";
    private static final Map<String, Class<? extends Event>> TYPES = new HashMap<>();

    static {
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            TYPES.put(type.getSimpleName(), type.asSubclass(Event.class));
        }
    }

    private final EventBus bus;
    private final EventJournal journal;
    private final Consumer<Event> fromOthers;
    private Broadcast broadcast;

    private ReplicaEvents(EventBus bus, EventJournal journal, Consumer<Event> fromOthers) {
        this.bus = bus;
        this.journal = journal;
        this.fromOthers = fromOthers;
    }

    /**
     * Starts relaying when the database is shared (PostgreSQL); empty on SQLite, which one process owns.
     *
     * @param fromOthers told of each event of another replica before it is published here (what it says about the
     *     devices and rooms that replica heard from)
     */
    public static Optional<ReplicaEvents> start(Database db, EventBus bus, EventJournal journal,
            Consumer<Event> fromOthers) {
        ReplicaEvents relay = new ReplicaEvents(bus, journal, fromOthers);
        Optional<Broadcast> channel = db.broadcast(CHANNEL, relay::received, relay::missed);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        relay.broadcast = channel.get();
        journal.onNumberedHere(relay::published);
        return Optional.of(relay);
    }

    private void published(EventJournal.Entry entry) {
        send(entry, false);
    }

    private void send(EventJournal.Entry entry, boolean again) {
        Event event = entry.event();
        try {
            Map<String, Object> message = new HashMap<>(Map.of("type", event.getClass().getSimpleName(),
                    "id", entry.id(), "data", event));
            if (again) {
                message.put(AGAIN, true);
            }
            broadcast.send(Json.MAPPER.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "an event could not be written for the other replicas: " + e.getMessage());
        }
    }

    /**
     * This replica could not listen since then: it asks the others for what they numbered from a little before, and
     * sends its own again, for the others that could not listen either and listen again before it does (a database
     * restarted cuts every replica off; a request sent while another is not yet back is lost to that one).
     */
    private void missed(long sinceMillis) {
        long after = sinceMillis * 1_000 - EventJournal.SKEW;
        broadcast.send("{\"" + RESEND_AFTER + "\":" + after + "}");
        journal.numberedHereAfter(after, entry -> send(entry, true));
    }

    private void received(String text) {
        Event event;
        JsonNode id;
        boolean again;
        try {
            JsonNode message = Json.MAPPER.readTree(text);
            if (message.has(RESEND_AFTER)) {
                journal.numberedHereAfter(message.get(RESEND_AFTER).asLong(), entry -> send(entry, true));
                return;
            }
            id = message.get("id");
            again = message.path(AGAIN).asBoolean(false);
            Class<? extends Event> type = TYPES.get(message.path("type").asText());
            if (type == null) {
                LOG.log(Level.WARNING, "an event of an unknown type from another replica: " + message.path("type"));
                return;
            }
            event = Json.MAPPER.treeToValue(message.get("data"), type);
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "an unreadable event from another replica: " + e.getMessage());
            return;
        }
        if (again && id != null && journal.has(id.asLong(), event)) {
            return;
        }
        try {
            fromOthers.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an event from another replica could not be applied here: " + e);
        }
        // a replica of a version before the shared ids (a rolling upgrade) sends none
        journal.relayed(id != null && id.canConvertToLong() ? id.asLong() : null, () -> bus.publish(event));
    }

    @Override
    public void close() {
        journal.onNumberedHere(entry -> { });
        broadcast.close();
    }
}
