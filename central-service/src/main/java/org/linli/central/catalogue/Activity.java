package org.linli.central.catalogue;

import java.time.Instant;

/** A lecture, class or salon residents sign up for. */
public record Activity(String id, String hubId, String roomId, Name title, Instant start, Instant end,
        int capacity) {
}
