package org.linli.e2e.soak;

import static org.linli.kiosk.OnScreen.fx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.linli.kiosk.Kiosk;

/**
 * What a resident's hand does to the kiosk, one {@link Step} at a time, on the screen thread: fires the button as a
 * finger would, holds a card to the USB scanner (a keyboard: it types the code and Enter into whatever screen is shown,
 * as KioskFlowIT's scanner does), keeps the code of the card the screen shows (the QR's text, as a photo of it would),
 * or looks whether the screen shows what the visit was for.
 */
final class Finger {
    private final Kiosk kiosk;
    private final Random random;
    /** The residents' cards by phone: what they photographed at the kiosk, kept by them, not by the kiosk. */
    private final Map<String, String> cards;

    Finger(Kiosk kiosk, Random random, Map<String, String> cards) {
        this.kiosk = kiosk;
        this.random = random;
        this.cards = cards;
    }

    /** Does the step; false when the screen does not allow it (no such button, or greyed; no card; not shown). */
    boolean act(Step step) throws InterruptedException {
        // a number new to the central service brought the privacy notice: the resident reads it and agrees
        AtomicBoolean asked = new AtomicBoolean();
        fx(() -> {
            if (kiosk.consent().asking()) {
                asked.set(true);
                kiosk.consent().agree();
            }
        });
        if (asked.get()) {
            kiosk.settle();
        }
        int choice = random.nextInt(1000);
        AtomicBoolean done = new AtomicBoolean();
        fx(() -> done.set(switch (step.kind()) {
            case TAP, DIGIT -> tap(step, choice);
            case EXPECT -> shows(step.ids().get(0));
            case KEEP_CARD -> keepCard(step.phone());
            case SCAN_CARD -> scan(cards.get(step.phone()));
        }));
        return done.get();
    }

    private boolean tap(Step step, int choice) {
        List<Button> candidates = new ArrayList<>();
        for (Node node : kiosk.scene().getRoot().lookupAll(".button")) {
            if (node instanceof Button button && button.getId() != null && button.isVisible() && !button.isDisabled()) {
                if (step.prefix() != null ? button.getId().startsWith(step.prefix())
                        : step.ids().contains(button.getId())) {
                    candidates.add(button);
                }
            }
        }
        if (step.prefix() == null) {
            // the first of the ids that is there: "done" where the screen has it, else "home"
            candidates.sort(Comparator.comparingInt(b -> step.ids().indexOf(b.getId())));
        }
        if (candidates.isEmpty()) {
            return false;
        }
        candidates.get(step.prefix() == null ? 0 : choice % candidates.size()).fire();
        return true;
    }

    private boolean shows(String id) {
        Node node = kiosk.scene().getRoot().lookup("#" + id);
        return node != null && node.isVisible() && node.getScene() != null;
    }

    private boolean keepCard(String phone) {
        if (!shows("card")) {
            return false;
        }
        Node qr = kiosk.scene().getRoot().lookup("#card").lookup("#qr");
        if (qr == null || !(qr.getUserData() instanceof String code)) {
            return false;
        }
        cards.put(phone, code);
        return true;
    }

    private boolean scan(String code) {
        if (code == null) {
            return false;
        }
        for (char c : (code + "\r").toCharArray()) {
            Event.fireEvent(kiosk.scene().getRoot(), new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "",
                    KeyCode.UNDEFINED, false, false, false, false));
        }
        return true;
    }

    /** What the kiosk says when it refused (the problem card's words), or the screen's name. */
    String screenSays() throws InterruptedException {
        StringBuilder says = new StringBuilder(kiosk.shell().screen().name());
        fx(() -> {
            Node problem = kiosk.scene().getRoot().lookup("#problem");
            if (problem != null && problem.isVisible()) {
                problem.lookupAll(".lead").forEach(n -> says.append(": ")
                        .append(((javafx.scene.control.Labeled) n).getText()));
            }
        });
        return says.toString();
    }
}
