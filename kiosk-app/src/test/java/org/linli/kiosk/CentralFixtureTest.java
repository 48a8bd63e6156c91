package org.linli.kiosk;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The abstract test that the kiosk's client and ViewModel tests share: a fresh {@link CentralFixture} (the real
 * central, the outbox, one clock held in the morning of the hub's day) for every test, in the test's own directory.
 * A subclass's own {@code @BeforeEach} runs after the fixture is up.
 */
public abstract class CentralFixtureTest {
    @TempDir
    protected Path dir;
    protected CentralFixture f;

    @BeforeEach
    protected void startCentral() throws Exception {
        f = new CentralFixture(dir);
    }

    @AfterEach
    protected void stopCentral() {
        f.close();
    }
}
