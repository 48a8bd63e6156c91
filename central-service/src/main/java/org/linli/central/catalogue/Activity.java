package org.linli.central.catalogue;

import java.time.Instant;

/** A lecture, class or salon residents sign up for; {@code cancelled} once staff called it off. */
public record Activity(String id, String hubId, String roomId, Name title, Instant start, Instant end,
        int capacity, boolean cancelled) {

    /** An activity that is on. */
    public Activity(String id, String hubId, String roomId, Name title, Instant start, Instant end, int capacity) {
        this(id, hubId, roomId, title, start, end, capacity, false);
    }
}
