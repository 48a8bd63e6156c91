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

    /** Two replicas: A numbers its events and B keeps A's numbers, interleaved with its own as they arrived. */
    @Test
    void aClientOfOneReplicaResumesOnTheOtherWithoutLosingAnEvent() {
        EventJournal a = new EventJournal(InstantSource.fixed(STARTED));
        EventJournal b = new EventJournal(InstantSource.fixed(STARTED.plusMillis(3)));
        a.onNumberedHere(entry -> b.relayed(entry.id(), () -> b.accept(entry.event())));
        b.onNumberedHere(entry -> a.relayed(entry.id(), () -> a.accept(entry.event())));
        a.accept(new FeedbackEvent("a1", 5));
        b.accept(new FeedbackEvent("b1", 5));
        a.accept(new FeedbackEvent("a2", 5));
        List<Long> seenOnA = new ArrayList<>();
        a.subscribe(0L, entry -> seenOnA.add(entry.id())).run();
        long last = seenOnA.getLast();
        // the client of A is cut; meanwhile both replicas go on, and it reconnects to B
        b.accept(new FeedbackEvent("b2", 5));
        a.accept(new FeedbackEvent("a3", 5));
        List<Object> resumedOnB = new ArrayList<>();
        b.subscribe(last, entry -> resumedOnB.add(entry.event().hub()));
        assertEquals(List.of("b2", "a3"), resumedOnB, "exactly what it missed: B has the event it names");
        List<Object> resumedOnA = new ArrayList<>();
        a.subscribe(last, entry -> resumedOnA.add(entry.event().hub()));
        assertEquals(List.of("b2", "a3"), resumedOnA, "on A the same");
    }

    @Test
    void anIdThisJournalNeverHadReplaysWhatWasNumberedFromAMomentBeforeIt() {
        EventJournal journal = new EventJournal(InstantSource.fixed(STARTED));
        long before = STARTED.toEpochMilli() * 1_000;
        journal.relayed(before - 10 * EventJournal.SKEW, () -> journal.accept(new FeedbackEvent("long ago", 5)));
        journal.relayed(before - 1_000, () -> journal.accept(new FeedbackEvent("just before", 5)));
        journal.accept(new FeedbackEvent("after", 5));
        List<Object> replayed = new ArrayList<>();
        journal.subscribe(before + 1, entry -> replayed.add(entry.event().hub()));
        assertEquals(List.of("just before", "after"), replayed, "a few twice rather than one lost");
    }

    /**
     * A replica that could not listen asks the other for its events numbered after a moment: it gets those that
     * happened there (not those relayed to it), and publishes only those its journal does not have yet.
     */
    @Test
    void whatAReplicaMissedIsWhatHappenedInTheOtherAfterAMomentAndNotWhatItHasAlready() {
        EventJournal a = new EventJournal(InstantSource.fixed(STARTED));
        EventJournal b = new EventJournal(InstantSource.fixed(STARTED.plusMillis(3)));
        a.accept(new FeedbackEvent("a1", 5));
        long cut = STARTED.toEpochMilli() * 1_000;
        b.relayed(cut + 500, () -> b.accept(new FeedbackEvent("b's, relayed to a", 5)));
        a.relayed(cut + 500, () -> a.accept(new FeedbackEvent("b's, relayed to a", 5)));
        a.accept(new FeedbackEvent("a2", 5));
        List<EventJournal.Entry> again = new ArrayList<>();
        a.numberedHereAfter(cut - 1, again::add);
        assertEquals(List.of("a1", "a2"), again.stream().map(e -> e.event().hub()).toList());
        assertEquals(List.of("a1", "a2"), again.stream().filter(e -> !b.has(e.id(), e.event()))
                .map(e -> e.event().hub()).toList(), "b has none of them yet");
        List<EventJournal.Entry> later = new ArrayList<>();
        a.numberedHereAfter(again.getFirst().id(), later::add);
        assertEquals(List.of("a2"), later.stream().map(e -> e.event().hub()).toList());
        EventJournal.Entry a2 = later.getFirst();
        b.relayed(a2.id(), () -> b.accept(a2.event()));
        assertEquals(true, b.has(a2.id(), new FeedbackEvent("a2", 5)));
        assertEquals(false, b.has(a2.id(), new FeedbackEvent("a2", 4)), "another event under the same id");
    }
}
