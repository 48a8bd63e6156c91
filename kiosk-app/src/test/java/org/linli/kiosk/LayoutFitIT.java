package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.central.SampleCentral;
import org.linli.kiosk.ui.I18n;
import org.linli.kiosk.ui.Screen;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen and step, in both languages, on the 1920×1080 landscape panel: nothing sticks out of the screen,
 * every touch target is at least 15 mm, and no text is smaller than 24 px.
 */
class LayoutFitIT {
    /** A 21.5-inch 1920×1080 panel. */
    static final double DPI = 102;
    static final double MIN_TARGET_PX = 15 / 25.4 * DPI;
    static final double MIN_TEXT_PX = 24;

    /**
     * Steps known to overflow at 1920×1080 today (the service and room tile lists grow taller than the screen and
     * push the header up; the ticket card likewise). They are walked but not yet checked: remove a name here when
     * its screen is fixed, and the test guards it from then on.
     */
    static final java.util.Set<String> KNOWN_TO_OVERFLOW = java.util.Set.of();

    @TempDir
    Path dir;
    final AdjustableClock clock = new AdjustableClock(InstantSource.system());
    SampleCentral central;
    Kiosk kiosk;

    @BeforeAll
    static void platform() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        central = new SampleCentral("fit-key", clock, Kiosk.zone()).start(0);
        KioskConfig config = KioskConfig.from(Map.of("central.url", central.url().toString(), "kiosk.key",
                "fit-key", "hub.id", SampleCentral.HUB, "data.dir", dir.toString()));
        FxToolkit.setupStage(stage -> {
            try {
                kiosk = new Kiosk(config, clock, () -> { }, 1920, 1080);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            stage.setScene(kiosk.scene());
            stage.setWidth(1920);
            stage.setHeight(1080);
            stage.show();
            kiosk.start(System::nanoTime);
        });
        kiosk.settle();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(kiosk::close);
        FxToolkit.cleanupStages();
        central.close();
    }

    @Test
    void everyScreenFitsWithLargeTargetsAndText() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Locale language : List.of(I18n.CHINESE, I18n.ENGLISH)) {
            step(problems, "home " + language, () -> {
                kiosk.i18n().localeProperty().set(language);
                kiosk.shell().home();
            });
            step(problems, "check-in", () -> kiosk.shell().go(Screen.CHECKIN));
            step(problems, "check-in phone", () -> kiosk.checkin().usePhone());
            step(problems, "check-in welcome", () -> kiosk.scanned(central.residentToken(5)));
            step(problems, "queue", () -> kiosk.shell().go(Screen.QUEUE));
            step(problems, "queue priority", () -> kiosk.queue().choose(kiosk.queue().tiles().get(0)));
            step(problems, "queue ticket", () -> kiosk.queue().take(false));
            step(problems, "rooms", () -> kiosk.shell().go(Screen.ROOMS));
            step(problems, "rooms timeline", () -> kiosk.rooms().choose(kiosk.rooms().rooms().get(2).room()));
            step(problems, "rooms details", () -> {
                int free = 0;
                while (!kiosk.rooms().slots().get(free).free()) {
                    free++;
                }
                kiosk.rooms().tapSlot(free);
                kiosk.rooms().toDetails();
                kiosk.rooms().setPurpose("class");
                "13800138000".chars().forEach(c -> kiosk.rooms().phone().press((char) c));
            });
            step(problems, "rooms booked", () -> kiosk.rooms().book());
            step(problems, "activities", () -> kiosk.shell().go(Screen.ACTIVITIES));
            step(problems, "activities sign-up", () -> kiosk.activities().choose(
                    kiosk.activities().activities().get(0)));
            step(problems, "rating", () -> kiosk.shell().go(Screen.RATING));
            step(problems, "card", () -> kiosk.shell().go(Screen.CARD));
            step(problems, "card shown", () -> {
                "13700137000".chars().forEach(c -> kiosk.card().phone().press((char) c));
                kiosk.card().request();
            });
        }
        assertEquals(List.of(), problems);
    }

    private void step(List<String> problems, String name, Runnable action) throws Exception {
        FxToolkit.setupFixture(action);
        kiosk.settle();
        WaitForAsyncUtils.waitForFxEvents();
        if (KNOWN_TO_OVERFLOW.contains(name)) {
            return;
        }
        FxToolkit.setupFixture((Callable<Void>) () -> {
            kiosk.scene().getRoot().applyCss();
            kiosk.scene().getRoot().layout();
            check(kiosk.scene().getRoot(), name, problems);
            return null;
        });
    }

    private void check(Node node, String where, List<String> problems) {
        if (!node.isVisible()) {
            return;
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        String what = where + ": " + describe(node);
        if (b.getWidth() > 0 && (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > kiosk.scene().getWidth() + 1
                || b.getMaxY() > kiosk.scene().getHeight() + 1)) {
            problems.add(what + " sticks out of the screen at " + b);
        }
        if (node instanceof ButtonBase button && Math.min(b.getWidth(), b.getHeight()) < MIN_TARGET_PX) {
            problems.add(what + " is a small touch target: " + Math.round(b.getWidth()) + "×"
                    + Math.round(b.getHeight()) + " px");
        }
        if (node instanceof Labeled labeled && !labeled.getText().isBlank()
                && labeled.getFont().getSize() < MIN_TEXT_PX) {
            problems.add(what + " has small text: " + labeled.getFont().getSize() + " px");
        }
        if (node instanceof ScrollPane) {
            return; // a list that scrolls may reach past the screen: that is what scrolling is for
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> check(child, where, problems));
        }
    }

    private static String describe(Node node) {
        String text = node instanceof Labeled l ? " '" + l.getText() + "'" : "";
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId()) + text;
    }
}
