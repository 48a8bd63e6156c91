package org.linli.central.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJournalTest {
    @Test
    void resumesAfterTheLastEventIdAndThenFollowsLive() {
        EventJournal journal = new EventJournal();
        for (int i = 0; i < 5; i++) {
            journal.accept(new Event("room", i));
        }
        List<Long> seen = new ArrayList<>();
        Runnable off = journal.subscribe(3L, entry -> seen.add(entry.id()));
        journal.accept(new Event("alert", "x"));
        assertEquals(List.of(4L, 5L, 6L), seen);
        off.run();
        journal.accept(new Event("alert", "y"));
        assertEquals(3, seen.size());
        List<Long> fresh = new ArrayList<>();
        journal.subscribe(null, entry -> fresh.add(entry.id()));
        assertEquals(List.of(), fresh);
    }
}
