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
 * <p>An id is the time the event was numbered, in milliseconds times 1,000, plus a count (never less than the last
 * id plus one): ids keep rising across restarts, and a client that saw the previous process (which would have needed
 * over a million events a second to run ahead of the clock) is behind every new id and gets all that is kept.
 *
 * <p>Several central replicas (see {@link ReplicaEvents}): an event is numbered once, where it happened, and keeps its
 * id in every replica's journal, so a client that reconnects to another replica (a load balancer may send it
 * anywhere) names an event that replica knows too. Each journal keeps the events in the order they arrived, which
 * for another replica's events is a moment later than their ids say; so a client resumes exactly after the event it
 * names when this journal has it, and otherwise after every kept event numbered more than {@link #SKEW} earlier
 * than that: a few events twice rather than one lost.
 */
public final class EventJournal implements Consumer<Event> {
    private static final int KEPT = 500;
    /** How far apart two replicas may number events that arrive together: their clocks, and NOTIFY's delay. */
    static final long SKEW = 5_000 * 1_000L;
    /** On the thread publishing another replica's event: the id it gave it (null: it gave none). */
    private static final ThreadLocal<Relayed> RELAYED = new ThreadLocal<>();

    private record Relayed(Long id) {
    }

    /** An event with its SSE id. */
    public record Entry(long id, Event event) {
    }

    /** A kept entry, and whether it happened here (not another replica's). */
    private record Kept(Entry entry, boolean here) {
    }

    private final Deque<Kept> recent = new ArrayDeque<>(KEPT);
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final InstantSource wallClock;
    private volatile Consumer<Entry> numberedHere = entry -> { };
    private long next;

    public EventJournal() {
        this(InstantSource.system());
    }

    EventJournal(InstantSource wallClock) {
        this.wallClock = wallClock;
    }

    /** The bus subscriber. Listeners must not block (they are called on the publisher's thread). */
    @Override
    public synchronized void accept(Event event) {
        Relayed relayed = RELAYED.get();
        long id;
        if (relayed != null && relayed.id() != null) {
            id = relayed.id();
        } else {
            id = Math.max(next, wallClock.millis() * 1_000);
            next = id + 1;
        }
        Entry entry = new Entry(id, event);
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(new Kept(entry, relayed == null));
        for (Consumer<Entry> listener : listeners) {
            listener.accept(entry);
        }
        if (relayed == null) {
            numberedHere.accept(entry);
        }
    }

    /** Told of every event that happened here (not another replica's), in order, under the lock. */
    public void onNumberedHere(Consumer<Entry> listener) {
        numberedHere = listener;
    }

    /**
     * Runs {@code publish}, which publishes on the bus an event of another replica: the journal keeps the id that
     * replica gave it instead of giving it one (when null, from a replica of a version before the shared ids, it gives
     * one), and does not tell {@link #onNumberedHere} of it.
     */
    public void relayed(Long id, Runnable publish) {
        RELAYED.set(new Relayed(id));
        try {
            publish.run();
        } finally {
            RELAYED.remove();
        }
    }

    /**
     * Replays the kept events after {@code afterId} (none when null) to the listener, then feeds it every new one.
     *
     * @return what to call to unsubscribe
     */
    public synchronized Runnable subscribe(Long afterId, Consumer<Entry> listener) {
        if (afterId != null) {
            replay(afterId, listener);
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void replay(long afterId, Consumer<Entry> listener) {
        boolean found = false;
        for (Kept kept : recent) {
            if (found) {
                listener.accept(kept.entry());
            } else if (kept.entry().id() == afterId) {
                found = true;
            }
        }
        if (!found) {
            recent.stream().map(Kept::entry).filter(e -> e.id() > afterId - SKEW).forEach(listener);
        }
    }

    /**
     * Hands the kept events that happened here and were numbered after {@code afterId} to {@code to}, in order: what
     * another replica asks for again when it could not listen for a while (see {@link ReplicaEvents}).
     */
    public synchronized void numberedHereAfter(long afterId, Consumer<Entry> to) {
        recent.stream().filter(k -> k.here() && k.entry().id() > afterId).map(Kept::entry).forEach(to);
    }

    /** Whether this journal keeps the event under this id already (another replica's, sent again). */
    public synchronized boolean has(long id, Event event) {
        for (java.util.Iterator<Kept> newestFirst = recent.descendingIterator(); newestFirst.hasNext();) {
            Entry entry = newestFirst.next().entry();
            if (entry.id() == id && entry.event().equals(event)) {
                return true;
            }
        }
        return false;
    }

    public synchronized int listenerCount() {
        return listeners.size();
    }
}
