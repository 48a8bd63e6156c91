package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.ui.Theme;

/**
 * The screenshot tour ({@code ./linli screenshots}) pointed at a real central service: the tour runs in a JVM of its
 * own, as on the command line (and because JavaFX starts once per JVM), headless through Monocle; and the faces its
 * pictures are drawn in against a real window's.
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

    /**
     * The pictures and a real window draw in the same faces (issue 21: Latin text in a window under Xvfb was in
     * another face than in the pictures). Every screen in both languages, once in a real window (JavaFX's GTK
     * platform on an X server of its own, as on a desktop and in {@code ./linli screenshots}) and once on Monocle's
     * headless screen (as the layout test and this class's tours see it): the faces of all texts are the same in
     * both, all of the face the kiosk's stylesheet asks for ({@link Theme#FONT}), its regular and its own bold, and
     * JavaFX answers the kiosk's font with that face in both weights rather than its "System" stand-in.
     */
    @Test
    void aRealWindowDrawsEveryTextInTheFacesOfThePictures() throws Exception {
        Path config = HeadlessJvm.kioskConfig(dir, central);
        List<String> probe = List.of(WindowFonts.class.getName(), config.toString());
        HeadlessJvm.Result window = HeadlessJvm.inWindow(dir, "1920x1080", probe, Duration.ofMinutes(4));
        assertEquals(0, window.exit(), window.output());
        HeadlessJvm.Result headless = java(probe, Map.of());
        assertEquals(0, headless.exit(), headless.output());

        assertEquals(Set.of("GtkApplication"), printed(window, "platform "), "a real window, not Monocle");
        assertEquals(Set.of("MonocleApplication"), printed(headless, "platform "));
        Set<String> asked = Set.of("NORMAL " + Theme.FONT, "BOLD " + Theme.FONT + " Bold");
        assertEquals(asked, printed(window, "asked "), "the kiosk's font as JavaFX finds it in a window");
        assertEquals(asked, printed(headless, "asked "), "the kiosk's font as JavaFX finds it headless");
        Set<String> faces = faces(window);
        assertEquals(faces(headless), faces, "the faces of the window and of the pictures:\n" + window.output()
                + "\n---\n" + headless.output());
        assertEquals(Set.of(Theme.FONT + "|" + Theme.FONT, Theme.FONT + "|" + Theme.FONT + " Bold"), faces,
                "every text in " + Theme.FONT + ", regular and bold:\n" + window.output());
    }

    /** What {@link WindowFonts} printed after {@code prefix}, one entry a line. */
    private static Set<String> printed(HeadlessJvm.Result result, String prefix) {
        Set<String> found = new TreeSet<>();
        result.output().lines().filter(line -> line.startsWith(prefix))
                .forEach(line -> found.add(line.substring(prefix.length())));
        assertTrue(!found.isEmpty(), "nothing starting with '" + prefix + "':\n" + result.output());
        return found;
    }

    /** The faces (family|name) the texts were drawn in, without the text seen in each. */
    private static Set<String> faces(HeadlessJvm.Result result) {
        Set<String> faces = new TreeSet<>();
        printed(result, "face ").forEach(line -> faces.add(line.substring(0, line.lastIndexOf('|'))));
        return faces;
    }

    private HeadlessJvm.Result java(List<String> mainAndArgs, Map<String, String> environment) throws Exception {
        return HeadlessJvm.run(dir, "1920x1080", mainAndArgs, environment, Duration.ofMinutes(4));
    }
}
