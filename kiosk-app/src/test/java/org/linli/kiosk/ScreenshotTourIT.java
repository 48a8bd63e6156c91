package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screenshot tour ({@code ./linli screenshots}) pointed at a real central service: the tour runs in a JVM of its
 * own, as on the command line (and because JavaFX starts once per JVM), headless through Monocle.
 */
class ScreenshotTourIT {
    @TempDir
    Path dir;
    TestCentral central;

    @BeforeEach
    void start() {
        central = TestCentral.start(dir.resolve("central"), TestCentral.clockAt(TestCentral.morning()),
                TestCentral.morning().zone(), Map.of());
    }

    @AfterEach
    void stop() {
        central.close();
    }

    /**
     * The tour closes its window after each panel size and opens the next: JavaFX must not take the moment with no
     * window for the end of the program (it did, whenever a live event or a late answer of the real central service
     * reached the idle screen thread first, and the tour then failed with "the screen thread did not answer").
     */
    @Test
    void theScreenThreadOutlivesTheGapBetweenPanelSizes() throws Exception {
        Path config = dir.resolve("kiosk.yaml");
        Files.writeString(config, """
                central:
                  url: %s
                kiosk:
                  key: %s
                hub:
                  id: %s
                data:
                  dir: %s
                """.formatted(central.url(), central.kioskKey(), TestCentral.HUB, dir.resolve("kiosk")));
        Result probe = java(List.of(TourProbe.class.getName(), config.toString(), dir.resolve("shots").toString()),
                Map.of());
        assertEquals(0, probe.exit(), probe.output());
        assertTrue(Files.exists(dir.resolve("shots").resolve("01-home-zh-800x480.png")));
    }

    /** The whole walk at one panel size against the central service named by {@code LINLI_*} variables alone. */
    @Test
    void theTourWalksTheRealCentralNamedInTheEnvironment() throws Exception {
        Path shots = dir.resolve("shots");
        // the kiosk's clock where the central service's is held, so that both see the same day
        Result tour = java(List.of(ScreenshotTour.class.getName(), shots.toString(), "--size", "800x480", "--at",
                TestCentral.morning().instant().toString()),
                Map.of("LINLI_CENTRAL_URL", central.url().toString(), "LINLI_KIOSK_KEY", central.kioskKey(),
                        "LINLI_HUB_ID", TestCentral.HUB));
        assertEquals(0, tour.exit(), tour.output());
        try (Stream<Path> pictures = Files.list(shots)) {
            assertEquals(36, pictures.count(), "18 steps in two languages (the demo hub's own steps left out)");
        }
        assertEquals(4, central.count("SELECT count(*) FROM ticket"),
                "in each language the ticket, and the one the idle warning lies over, from this central");
    }

    private record Result(int exit, String output) {
    }

    private Result java(List<String> mainAndArgs, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Dheadless.geometry=1920x1080-32", "-Djava.awt.headless=true"));
        command.addAll(mainAndArgs);
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LINLI_"));
        builder.environment().putAll(environment);
        Process child = builder.start();
        if (!child.waitFor(4, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            return new Result(-1, "did not end in 4 minutes:\n" + tail(log));
        }
        return new Result(child.exitValue(), tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
