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
 */
public final class ReplicaEvents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplicaEvents.class.getName());
    static final String CHANNEL = "linli_events";
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
        Optional<Broadcast> channel = db.broadcast(CHANNEL, relay::received);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        relay.broadcast = channel.get();
        journal.onNumberedHere(relay::published);
        return Optional.of(relay);
    }

    private void published(EventJournal.Entry entry) {
        Event event = entry.event();
        try {
            Map<String, Object> message = Map.of("type", event.getClass().getSimpleName(), "id", entry.id(),
                    "data", event);
            broadcast.send(Json.MAPPER.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "an event could not be written for the other replicas: " + e.getMessage());
        }
    }

    private void received(String text) {
        Event event;
        JsonNode id;
        try {
            JsonNode message = Json.MAPPER.readTree(text);
            id = message.get("id");
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
