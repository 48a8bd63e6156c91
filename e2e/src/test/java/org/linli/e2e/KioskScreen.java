package org.linli.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import javafx.scene.Node;
import org.linli.kiosk.Kiosk;
import org.linli.kiosk.OnScreen;
import org.linli.kiosk.KioskConfig;
import org.linli.kiosk.rooms.RoomsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk program on a headless 1920×1080 screen (Monocle) in the test's JVM, built as its {@code Main} builds it
 * and driven by taps as a resident drives it.
 */
final class KioskScreen implements AutoCloseable {
    private final FxRobot robot = new FxRobot();
    private final Kiosk kiosk;

    private KioskScreen(Kiosk kiosk) {
        this.kiosk = kiosk;
    }

    /** @param zone the hub's, as the kiosk's {@code Main} has it from the central service ({@code HubZone.await}) */
    static KioskScreen show(KioskConfig config, InstantSource clock, ZoneId zone) throws Exception {
        FxToolkit.registerPrimaryStage();
        Kiosk[] shown = new Kiosk[1];
        FxToolkit.setupStage(stage -> shown[0] = OnScreen.show(stage, config, clock, () -> { }, 1920, 1080, zone));
        shown[0].settle();
        return new KioskScreen(shown[0]);
    }

    Kiosk kiosk() {
        return kiosk;
    }

    FxRobot robot() {
        return robot;
    }

    void tap(String id) throws InterruptedException {
        awaitShown(id);
        robot.clickOn(id);
        WaitForAsyncUtils.waitForFxEvents();
        kiosk.settle();
    }

    void awaitShown(String id) {
        await(id + " on the kiosk").atMost(Duration.ofSeconds(20))
                .until(() -> robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    /**
     * Books a room for its first two free slots that start after {@code now}, for a meeting, with a phone number the
     * site has not seen (so the privacy notice comes first, and the resident agrees), and waits for the
     * confirmation.
     *
     * @return the door token the confirmation's QR shows
     */
    String book(String room, Instant now, String phone) throws InterruptedException {
        tap("#tile-rooms");
        tap("#room-" + room);
        await("the room's slots").atMost(Duration.ofSeconds(15)).until(() -> !kiosk.rooms().slots().isEmpty());
        var slots = kiosk.rooms().slots();
        int first = 0;
        while (!(slots.get(first).free() && slots.get(first + 1).free()
                && slots.get(first).start().toInstant().isAfter(now))) {
            first++;
        }
        tap("#slot-" + first);
        tap("#slot-" + (first + 1));
        tap("#to-details");
        tap("#more");
        tap("#purpose-meeting");
        for (char c : phone.toCharArray()) {
            tap("#key-" + c);
        }
        tap("#book");
        tap("#consent-agree");
        RoomsViewModel rooms = kiosk.rooms();
        await("the booking is confirmed on the kiosk").atMost(Duration.ofSeconds(20))
                .failFast("the kiosk was refused: " + rooms.slots().get(rooms.firstSlotProperty().get()) + " .. "
                        + rooms.slots().get(rooms.lastSlotProperty().get()) + ", attendees "
                        + rooms.attendeesProperty().get() + ", purpose " + rooms.purposeProperty().get(),
                        () -> rooms.stepProperty().get() == RoomsViewModel.Step.PROBLEM)
                .until(() -> robot.lookup("#booking-done").tryQuery().map(Node::isVisible).orElse(false));
        return (String) robot.lookup("#qr").match(Node::isVisible).query().getUserData();
    }

    @Override
    public void close() throws Exception {
        robot.interact(kiosk::close);
        FxToolkit.cleanupStages();
    }
}
