package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TrackingExecutorTest {
    /**
     * Work handed in after the kiosk closed (a live event's refresh that reached the screen thread just before) is
     * dropped, not thrown on the screen thread, and does not count as running: waiting for quiet still ends.
     */
    @Test
    void dropsWorkHandedInOnceClosed() throws Exception {
        TrackingExecutor executor = new TrackingExecutor();
        executor.close();
        AtomicBoolean ran = new AtomicBoolean();
        executor.execute(() -> ran.set(true));
        assertEquals(0, executor.inFlight());
        assertTrue(executor.awaitQuiet(Duration.ofSeconds(1)));
        assertTrue(!ran.get(), "nothing runs once closed");
    }
}
