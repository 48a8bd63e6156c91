package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.LiveSettings;
import org.linli.central.config.Settings;
import org.linli.protocol.testing.HubTime;

/**
 * A service that stops leaves nothing of its own running: the jobs it started at start (the report catch-up, which
 * files last month's reports of the demo's street and district hubs) finish or stop before the database closes, so
 * nothing writes into the data directory afterwards. Without it a test's temporary directory could not be deleted
 * (a report file appeared while it was) and a stopped service could write half a file.
 */
class StopIT {
    @TempDir
    Path data;

    @Test
    void stoppingLetsTheRunningJobsFinishAndLeavesNothingBehind() throws IOException {
        Set<Thread> before = linliThreads();
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage()
                            + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger service = Logger.getLogger("org.linli");
        service.addHandler(handler);
        try {
            var loaded = ConfigLoader.load(null, Map.of(), TestServer.onTheTestedDatabase(Map.of("data.dir",
                    data.toString(), "server.port", "0", "server.host", "127.0.0.1")));
            CentralServer server = CentralServer.start(Settings.from(loaded), LiveSettings.from(loaded),
                    HubTime.noon().clock(), true);
            server.close();
        } finally {
            service.removeHandler(handler);
        }

        // before, the report job begun at start had the database closed under it: "interrupted while waiting for a
        // connection", logged as a failed job, and the month's files were left to the next start
        assertEquals(List.of(), errors, "errors logged while the service stopped");

        Set<Thread> left = linliThreads();
        left.removeAll(before);
        assertEquals(Set.of(), left.stream().map(Thread::getName).collect(Collectors.toCollection(TreeSet::new)),
                "threads of the stopped service still running");
        try (Stream<Path> files = Files.walk(data)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".part")).toList(),
                    "files left half-written");
        }
    }

    private static Set<Thread> linliThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("linli-"))
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
