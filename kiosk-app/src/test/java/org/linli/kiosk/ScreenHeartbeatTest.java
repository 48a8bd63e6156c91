package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenHeartbeatTest {
    @TempDir
    Path dir;

    /** A screen thread that stops answering lets the file go stale; it is touched again once the thread catches up. */
    @Test
    void theFileIsTouchedOnlyWhileTheScreenThreadAnswers() throws Exception {
        Path file = dir.resolve("screen-alive");
        List<Runnable> screenThread = new ArrayList<>();
        ScreenHeartbeat heartbeat = new ScreenHeartbeat(file, screenThread::add);

        heartbeat.beat();
        assertTrue(Files.exists(file), "the first beat touches the file");
        assertEquals(1, screenThread.size(), "and asks the screen thread to answer");

        Files.delete(file);
        heartbeat.beat();
        heartbeat.beat();
        assertFalse(Files.exists(file), "not touched while the screen thread has not answered");
        assertEquals(1, screenThread.size(), "nor asked again: a hung thread's queue does not grow");

        screenThread.removeFirst().run();
        heartbeat.beat();
        assertTrue(Files.exists(file), "touched again once it answered");
        assertEquals(1, screenThread.size(), "and asked again");
    }
}
