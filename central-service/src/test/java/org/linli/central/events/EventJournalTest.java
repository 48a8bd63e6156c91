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
            journal.accept(new FeedbackEvent("h" + i, 5));
        }
        journal.subscribe(0L, entry -> ids.add(entry.id())).run();
        assertEquals(5, ids.size());
        List<Long> seen = new ArrayList<>();
        Runnable off = journal.subscribe(ids.get(2), entry -> seen.add(entry.id()));
        journal.accept(new FeedbackEvent("x", 1));
        assertEquals(List.of(ids.get(3), ids.get(4), ids.get(4) + 1), seen);
        off.run();
        journal.accept(new FeedbackEvent("y", 1));
        assertEquals(3, seen.size());
        List<Long> fresh = new ArrayList<>();
        journal.subscribe(null, entry -> fresh.add(entry.id()));
        assertEquals(List.of(), fresh);
    }

    @Test
    void aClientOfThePreviousProcessGetsEverythingTheRestartedOneKept() {
        EventJournal before = new EventJournal(InstantSource.fixed(STARTED));
        for (int i = 0; i < 400; i++) {
            before.accept(new FeedbackEvent("h" + i, 5));
        }
        List<Long> ids = new ArrayList<>();
        before.subscribe(0L, entry -> ids.add(entry.id())).run();
        // the service restarts two seconds later
        EventJournal after = new EventJournal(InstantSource.fixed(STARTED.plusSeconds(2)));
        after.accept(new FeedbackEvent("a", 2));
        after.accept(new FeedbackEvent("b", 3));
        List<Object> replayed = new ArrayList<>();
        after.subscribe(ids.getLast(), entry -> replayed.add(entry.event().hub()));
        assertEquals(List.of("a", "b"), replayed);
    }
}
