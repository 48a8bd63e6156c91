package org.linli.central.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/** The timers' leases on both stores: one holder at a time, renewed by it, taken over once run out or given back. */
class LeasesIT {
    private static final Duration LENGTH = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void oneHolderAtATimeUntilItsLeaseRunsOut(String engine) {
        HubClock clock = HubTime.noon().clock();
        try (Database db = Stores.open(engine, dir)) {
            Leases a = new Leases(db, clock, "replica-a");
            Leases b = new Leases(db, clock, "replica-b");
            assertTrue(a.take("no-show-release", LENGTH));
            assertFalse(b.take("no-show-release", LENGTH));
            assertTrue(b.take("reports", LENGTH), "each job has its own lease");
            clock.advance(Duration.ofSeconds(30));
            assertTrue(a.take("no-show-release", LENGTH), "the holder renews");
            clock.advance(Duration.ofSeconds(30));
            assertFalse(b.take("no-show-release", LENGTH), "renewed 30 s ago: still a's");
            clock.advance(Duration.ofSeconds(16));
            assertTrue(b.take("no-show-release", LENGTH), "a missed its renewal: b takes over");
            assertFalse(a.take("no-show-release", LENGTH));
            b.releaseAll();
            assertTrue(a.take("no-show-release", LENGTH), "given back: free at once");
        }
    }

    @ParameterizedTest
    @MethodSource("org.linli.central.store.Stores#both")
    void aTimerRunsOnlyWhereItsLeaseIsHeldOnPostgresql(String engine) {
        HubClock clock = HubTime.noon().clock();
        try (Database db = Stores.open(engine, dir)) {
            AtomicInteger runs = new AtomicInteger();
            new Leases(db, clock, "replica-a").runIfHeld("daily", LENGTH, runs::incrementAndGet);
            new Leases(db, clock, "replica-b").runIfHeld("daily", LENGTH, runs::incrementAndGet);
            // SQLite is one process by construction: there every timer runs
            assertEquals(engine.equals("postgresql") ? 1 : 2, runs.get());
        }
    }
}
