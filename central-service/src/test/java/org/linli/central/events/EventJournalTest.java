package org.linli.central.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJournalTest {
    static final Instant STARTED = Instant.parse("2026-11-28T02:00:00Z");

    @Test
    void resumesAfterTheLastEventIdAndThenFollowsLive() {
        EventJournal journal = new EventJournal(InstantSource.fixed(STARTED));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            journal.accept(new Event("room", i));
        }
        journal.subscribe(0L, entry -> ids.add(entry.id())).run();
        assertEquals(5, ids.size());
        List<Long> seen = new ArrayList<>();
        Runnable off = journal.subscribe(ids.get(2), entry -> seen.add(entry.id()));
        journal.accept(new Event("alert", "x"));
        assertEquals(List.of(ids.get(3), ids.get(4), ids.get(4) + 1), seen);
        off.run();
        journal.accept(new Event("alert", "y"));
        assertEquals(3, seen.size());
        List<Long> fresh = new ArrayList<>();
        journal.subscribe(null, entry -> fresh.add(entry.id()));
        assertEquals(List.of(), fresh);
    }

    @Test
    void aClientOfThePreviousProcessGetsEverythingTheRestartedOneKept() {
        EventJournal before = new EventJournal(InstantSource.fixed(STARTED));
        for (int i = 0; i < 400; i++) {
            before.accept(new Event("room", i));
        }
        List<Long> ids = new ArrayList<>();
        before.subscribe(0L, entry -> ids.add(entry.id())).run();
        // the service restarts two seconds later
        EventJournal after = new EventJournal(InstantSource.fixed(STARTED.plusSeconds(2)));
        after.accept(new Event("room", "a"));
        after.accept(new Event("call", "b"));
        List<Object> replayed = new ArrayList<>();
        after.subscribe(ids.getLast(), entry -> replayed.add(entry.event().data()));
        assertEquals(List.of("a", "b"), replayed);
    }
}
