package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        Path config = HeadlessJvm.kioskConfig(dir, central);
        HeadlessJvm.Result probe = java(List.of(TourProbe.class.getName(), config.toString(), dir.resolve("shots").toString()),
                Map.of());
        assertEquals(0, probe.exit(), probe.output());
        assertTrue(Files.exists(dir.resolve("shots").resolve("01-home-zh-800x480.png")));
    }

    /** The whole walk at one panel size against the central service named by {@code LINLI_*} variables alone. */
    @Test
    void theTourWalksTheRealCentralNamedInTheEnvironment() throws Exception {
        Path shots = dir.resolve("shots");
        // the kiosk's clock where the central service's is held, so that both see the same day
        HeadlessJvm.Result tour = java(List.of(ScreenshotTour.class.getName(), shots.toString(), "--size", "800x480", "--at",
                TestCentral.morning().instant().toString()),
                Map.of("LINLI_CENTRAL_URL", central.url().toString(), "LINLI_KIOSK_KEY", central.kioskKey(),
                        "LINLI_HUB_ID", TestCentral.HUB));
        assertEquals(0, tour.exit(), tour.output());
        try (Stream<Path> pictures = Files.list(shots)) {
            assertEquals(38, pictures.count(), "19 steps in two languages (the demo hub's own steps left out; the"
                    + " small panel's booking asks who books in a step of its own)");
        }
        assertEquals(4, central.count("SELECT count(*) FROM ticket"),
                "in each language the ticket, and the one the idle warning lies over, from this central");
    }

    /**
     * The tour as {@code ./linli screenshots} runs it (no central service named: the demo hub's own, in this JVM), at
     * one panel size: the attract screen with nobody waiting and at 03:33 with the hub closed are among its pictures.
     * The tour draws neither unless the screen shows it (the strip's "no waiting at any service", the notice of when
     * the hub opens), and no picture until the header's clock says the kiosk's time: the Chinese picture of the
     * closed hub said 10:32, the time before the tour moved the clock to the night.
     */
    @Test
    void theDemoHubsRoundDrawsNobodyWaitingAndTheHubClosedAtNight() throws Exception {
        Path shots = dir.resolve("shots");
        HeadlessJvm.Result tour = HeadlessJvm.run(dir, "1920x1080", List.of(ScreenshotTour.class.getName(),
                shots.toString(), "--size", "800x480"), Map.of(), Duration.ofMinutes(8));
        assertEquals(0, tour.exit(), tour.output());
        for (String picture : List.of("22-home-nobody-waiting", "23-home-closed")) {
            for (String language : List.of("zh", "en")) {
                assertTrue(Files.exists(shots.resolve(picture + "-" + language + "-800x480.png")), picture);
            }
        }
    }

    private HeadlessJvm.Result java(List<String> mainAndArgs, Map<String, String> environment) throws Exception {
        return HeadlessJvm.run(dir, "1920x1080", mainAndArgs, environment, Duration.ofMinutes(4));
    }
}
