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
 * here (the SSE journal numbers them for this replica's clients); they are not broadcast again.
 */
public final class ReplicaEvents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplicaEvents.class.getName());
    static final String CHANNEL = "linli_events";
    private static final Map<String, Class<? extends Event>> TYPES = new HashMap<>();
    private static final ThreadLocal<Boolean> RELAYING = ThreadLocal.withInitial(() -> false);

    static {
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            TYPES.put(type.getSimpleName(), type.asSubclass(Event.class));
        }
    }

    private final EventBus bus;
    private final Consumer<Event> fromOthers;
    private Broadcast broadcast;
    private Runnable unsubscribe = () -> { };

    private ReplicaEvents(EventBus bus, Consumer<Event> fromOthers) {
        this.bus = bus;
        this.fromOthers = fromOthers;
    }

    /**
     * Starts relaying when the database is shared (PostgreSQL); empty on SQLite, which one process owns.
     *
     * @param fromOthers told of each event of another replica before it is published here (what it says about the
     *     devices and rooms that replica heard from)
     */
    public static Optional<ReplicaEvents> start(Database db, EventBus bus, Consumer<Event> fromOthers) {
        ReplicaEvents relay = new ReplicaEvents(bus, fromOthers);
        Optional<Broadcast> channel = db.broadcast(CHANNEL, relay::received);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        relay.broadcast = channel.get();
        relay.unsubscribe = bus.subscribe(relay::published);
        return Optional.of(relay);
    }

    private void published(Event event) {
        if (RELAYING.get()) {
            return;
        }
        try {
            Map<String, Object> message = Map.of("type", event.getClass().getSimpleName(), "data", event);
            broadcast.send(Json.MAPPER.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "an event could not be written for the other replicas: " + e.getMessage());
        }
    }

    private void received(String text) {
        Event event;
        try {
            JsonNode message = Json.MAPPER.readTree(text);
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
        RELAYING.set(true);
        try {
            bus.publish(event);
        } finally {
            RELAYING.set(false);
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
        broadcast.close();
    }
}
