package org.linli.central.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.central.store.Database;
import org.linli.central.store.Stores;
import org.linli.protocol.payload.OccupancyPayload;

/** A batch stored again one message at a time, in the service's own database, on both stores. */
class OneByOneTest {
    @TempDir
    Path dir;

    /** The seqs the live state was given, in order, and what it did after the commit. */
    private final List<Long> applied = new ArrayList<>();
    private final List<Long> published = new ArrayList<>();

    /** A live state that fails on seq 5, as one would on a room deleted after the message was validated. */
    private final BatchSink sink = (c, fresh) -> {
        List<Long> seqs = fresh.stream().map(m -> ((OccupancyPayload) m.payload()).seq()).toList();
        if (seqs.contains(5L)) {
            throw new IllegalStateException("no room for seq 5");
        }
        applied.addAll(seqs);
        return () -> published.addAll(seqs);
    };

    private static List<Message> seqs(long... seqs) {
        List<Message> messages = new ArrayList<>();
        for (long seq : seqs) {
            messages.add(FailuresTest.occupancy(seq));
        }
        return messages;
    }

    private static List<Long> stored(Database db) {
        return db.read(c -> {
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM occupancy_sample ORDER BY seq")) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        });
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void storesEveryMessageButTheOnesRefusedAloneInOrder(String store) {
        try (Database db = Stores.open(store, dir)) {
            RefusingTrigger.asAConstraint(db, "refuse", "NEW.seq = 3", "seq 3 refused");
            db.write(c -> IngestStore.insert(c, seqs(2)));

            OneByOne.Result result = db.write(c -> OneByOne.store(c, seqs(1, 2, 3, 4, 5, 6), sink));

            assertEquals(List.of(1L, 2L, 4L, 5L, 6L), stored(db), "seq 5, which only the live state failed on, kept");
            assertEquals(4, result.stored(), "seq 2 was stored before: a copy, not stored again");
            assertEquals(List.of(3L), result.refused().stream()
                    .map(r -> ((OccupancyPayload) r.message().payload()).seq()).toList());
            assertTrue(result.refused().get(0).why().contains("seq 3 refused"), result.refused().get(0).why());
            assertEquals(List.of(5L), result.notApplied().stream()
                    .map(r -> ((OccupancyPayload) r.message().payload()).seq()).toList());
            assertTrue(result.notApplied().get(0).why().contains("no room for seq 5"), result.notApplied().get(0).why());
            assertEquals(List.of(1L, 4L, 6L), applied);
            assertTrue(published.isEmpty(), "nothing published before the commit");
            result.afterCommit().run();
            assertEquals(List.of(1L, 4L, 6L), published);
        }
    }

    /** The store failing in the middle: nothing of the batch is stored, and the failure is the store's. */
    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aFailureOfTheStoreInTheMiddleStoresNothingOfTheBatch(String store) {
        try (Database db = Stores.open(store, dir)) {
            RefusingTrigger.asTheStore(db, "refuse", "NEW.seq = 12", "the whole transaction lost");
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> db.write(c -> OneByOne.store(c, seqs(10, 11, 12, 13), sink)));
            assertFalse(Failures.permanent(failure), failure::toString);
            assertEquals(List.of(), stored(db));
        }
    }
}
