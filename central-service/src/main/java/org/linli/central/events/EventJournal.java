package org.linli.central.events;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Numbers the events of the bus and keeps the last few hundred, so an SSE client that reconnects with
 * {@code Last-Event-ID} gets what it missed. Subscribing replays and registers under one lock, so nothing falls
 * between the replay and the live feed.
 *
 * <p>Ids keep rising across restarts: they start from the start time in milliseconds times 1,000, so a client that
 * saw the previous process (which would have needed over a million events a second to reach that) is behind every
 * new id and gets all that is kept, which is what it missed; an id newer than any kept replays nothing.
 */
public final class EventJournal implements Consumer<Event> {
    private static final int KEPT = 500;

    /** An event with its SSE id. */
    public record Entry(long id, Event event) {
    }

    private final Deque<Entry> recent = new ArrayDeque<>(KEPT);
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private long next;

    public EventJournal() {
        this(InstantSource.system());
    }

    EventJournal(InstantSource wallClock) {
        this.next = wallClock.millis() * 1_000;
    }

    /** The bus subscriber. Listeners must not block (they are called on the publisher's thread). */
    @Override
    public synchronized void accept(Event event) {
        Entry entry = new Entry(next++, event);
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(entry);
        for (Consumer<Entry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /**
     * Replays the kept events after {@code afterId} (none when null) to the listener, then feeds it every new one.
     *
     * @return what to call to unsubscribe
     */
    public synchronized Runnable subscribe(Long afterId, Consumer<Entry> listener) {
        if (afterId != null) {
            recent.stream().filter(e -> e.id() > afterId).forEach(listener);
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public synchronized int listenerCount() {
        return listeners.size();
    }
}
