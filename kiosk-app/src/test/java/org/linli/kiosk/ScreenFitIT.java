package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path config = Files.writeString(dir.resolve("kiosk.yaml"), """
                central:
                  url: %s
                kiosk:
                  key: %s
                hub:
                  id: %s
                data:
                  dir: %s
                """.formatted(central.url(), central.kioskKey(), TestCentral.HUB, dir.resolve("kiosk")));
        Path log = dir.resolve("probe.log");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dprism.text=t2k", "-Dheadless.geometry=" + screen + "-32",
                "-Djava.awt.headless=true", ScreenFitProbe.class.getName(), config.toString(),
                TestCentral.morning().instant().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(3, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        assertEquals(0, child.isAlive() ? -1 : child.exitValue(), tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
