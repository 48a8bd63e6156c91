package org.linli.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.AgentLoop;

/**
 * The JDK has no Unix datagram sockets, so the notifier runs {@code systemd-notify}; here a stand-in script of that
 * name records its arguments, and the tests check what the agent would tell systemd, and when it stays silent.
 */
class SystemdNotifierTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private Path calls;
    private String path;

    @BeforeEach
    void fakeSystemdNotify() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("calls.txt");
        Path script = bin.resolve("systemd-notify");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        path = dir.resolve("empty") + java.io.File.pathSeparator + bin;
    }

    private List<String> calls() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void staysSilentWithoutNotifySocketOrForAnotherMainProcessOrWithoutSystemdNotify() {
        assertTrue(SystemdNotifier.fromEnvironment(Map.of(), PID, path).isEmpty());
        assertTrue(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_PID", Long.toString(PID + 1)), PID, path).isEmpty(), "a wrapper script is the main process");
        assertTrue(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), PID,
                dir.resolve("empty").toString()).isEmpty(), "no systemd-notify installed");
    }

    @Test
    void sendsReadyForThisProcessAndReadsTheWatchdogTimeout() throws Exception {
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", Long.toString(PID)), PID, path).orElseThrow();
        assertEquals(Duration.ofSeconds(30), notifier.watchdogTimeout().orElseThrow());
        assertTrue(notifier.send("READY=1"));
        assertEquals(List.of("--pid=" + PID + " READY=1"), calls());

        SystemdNotifier noWatchdog = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "@notify"), PID, path)
                .orElseThrow();
        assertTrue(noWatchdog.watchdogTimeout().isEmpty());
    }

    @Test
    void petsTheWatchdogOnlyWhileTheAgentLoopAnswers() throws Exception {
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"),
                PID, path).orElseThrow();
        try (AgentLoop loop = new AgentLoop(); Watchdog watchdog = new Watchdog(loop, notifier::send)) {
            // an hour: the timer never ticks during the test; the test ticks by hand
            watchdog.start(Duration.ofHours(1));
            loop.runAndWait(() -> { });
            assertTrue(watchdog.tick(), "the loop ran the probe");
            assertEquals(List.of("--pid=" + PID + " WATCHDOG=1"), calls());

            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stuck = new CountDownLatch(1);
            loop.execute(() -> {
                stuck.countDown();
                awaitQuietly(release);
            });
            assertTrue(stuck.await(10, TimeUnit.SECONDS));
            // the probe of the first tick ran before the loop got stuck; the next one waits behind the stuck task
            assertTrue(watchdog.tick());
            assertFalse(watchdog.tick(), "a stuck loop is not reported healthy");
            assertFalse(watchdog.tick());
            assertEquals(2, calls().size(), "no pet while stuck: " + calls());

            release.countDown();
            loop.runAndWait(() -> { });
            assertTrue(watchdog.tick(), "pets again once the loop answers");
            assertEquals(3, calls().size());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
