package org.linli.central;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up most central ITs share: one real central service with the demo hub in a fresh data directory, started
 * before the class's tests and stopped after them. A subclass's own {@code @BeforeAll} runs after this one.
 */
abstract class CentralIT {
    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void startCentral() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stopCentral() {
        server.close();
    }
}
