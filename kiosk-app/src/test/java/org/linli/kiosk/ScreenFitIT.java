package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kiosk on screens it was not drawn for (1280×1024 and 1280×800 desktop monitors, where the header and the bottom
 * of the attract screen were cut off) as on those it was: started the way {@code ./linli kiosk} starts it
 * ({@link Main#open}), each in a JVM of its own whose headless screen has that size (JavaFX takes the screen's size
 * once per JVM), against the real central service; {@link ScreenFitProbe} says what does not fit.
 */
class ScreenFitIT {
    @TempDir
    Path dir;
    TestCentral central;

    @BeforeEach
    void start() {
        central = TestCentral.start(dir.resolve("central"), TestCentral.clockAt(TestCentral.morning()),
                TestCentral.morning().zone(), java.util.Map.of());
    }

    @AfterEach
    void stop() {
        central.close();
    }

    @ParameterizedTest
    // the two monitors of the report, a laptop, a wide one, full HD less a task bar, the Pi's 7-inch panel, a tablet
    @ValueSource(strings = {"1280x1024", "1280x800", "1366x768", "1680x1050", "1920x1040", "800x480", "800x1280"})
    void theWindowAndTheAttractScreenFitTheScreen(String screen) throws Exception {
        Path config = HeadlessJvm.kioskConfig(dir, central);
        HeadlessJvm.Result probe = HeadlessJvm.run(dir, screen, List.of(ScreenFitProbe.class.getName(),
                config.toString(), TestCentral.morning().instant().toString()), java.util.Map.of(),
                Duration.ofMinutes(3));
        assertEquals(0, probe.exit(), probe.output());
    }
}
