package org.linli.e2e.soak;

import static org.linli.kiosk.OnScreen.fx;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.linli.kiosk.HubZone;
import org.linli.kiosk.Kiosk;
import org.linli.kiosk.KioskConfig;
import org.linli.kiosk.OnScreen;

/**
 * The soak's kiosk: the real lobby kiosk in a JVM of its own, used by residents who come one after another at a
 * resident's pace. Each visit is one of the things residents do (a ticket, a check-in by phone, a rating, a card, an
 * activity sign-up, a look at a room's day), tapped button by button with a few seconds between taps and a second
 * or so between the digits of a phone number; some residents walk away in the middle and the idle reset takes the
 * kiosk home. A tap on a button the screen does not show (a service greyed outside opening hours) ends the visit.
 *
 * <p>{@code java ... ResidentAtTheKiosk CENTRAL_URL KIOSK_KEY HUB DATA_DIR SEED}; runs until it is stopped, and
 * prints what it did every ten minutes.
 */
public final class ResidentAtTheKiosk {
    private static Kiosk kiosk;
    private final Random random;
    private int visits;
    private int taps;
    private int cutShort;
    private int failed;

    private ResidentAtTheKiosk(long seed) {
        random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        KioskConfig config = KioskConfig.from(Map.of("central.url", args[0], "kiosk.key", args[1], "hub.id", args[2],
                "data.dir", args[3]));
        ZoneId zone = HubZone.await(config);
        Platform.setImplicitExit(false);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        fx(() -> {
            kiosk = OnScreen.show(new Stage(), config, InstantSource.system(), () -> { }, 1920, 1080, zone);
            kiosk.guardAgainstCrashes();
        });
        kiosk.settle();
        new ResidentAtTheKiosk(Long.parseLong(args[4])).visitForever();
    }

    private void visitForever() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::report, "kiosk-report"));
        long report = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            visit();
            // the next resident comes along a little later
            pause(15_000, 75_000);
            if (System.nanoTime() > report) {
                report();
                report = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            }
        }
    }

    private void report() {
        System.out.printf("kiosk: %d visits, %d taps, %d cut short (a greyed or missing button), %d failed%n",
                visits, taps, cutShort, failed);
    }

    private void visit() throws InterruptedException {
        visits++;
        String phone = "139" + String.format("%08d", random.nextInt(300)); // the same few hundred neighbours return
        List<Step> steps = switch (random.nextInt(6)) {
            case 0 -> List.of(tap("tile-queue"), tapAny("service-"), tap(random.nextInt(4) == 0 ? "priority-yes"
                    : "priority-no"), tap("done", "home"));
            case 1 -> concat(List.of(tap("tile-checkin"), tap("use-phone")), digits(phone),
                    List.of(tap("submit-phone"), tap("done", "home")));
            case 2 -> List.of(tap("tile-rating"), tap("face-" + (3 + random.nextInt(3))), tap("done", "home"));
            case 3 -> concat(List.of(tap("tile-card")), digits(phone), List.of(tap("get-card"), tap("done", "home")));
            case 4 -> concat(List.of(tap("tile-activities"), tap("show-week"), tapAny("join-")), digits(phone),
                    List.of(tap("confirm-signup"), tap("done", "more-activities", "home")));
            default -> List.of(tap("tile-rooms"), tapAny("room-"), tap("day-next"), tap("day-next"), tap("home"));
        };
        // one in eight walks away before the end: the idle reset (a minute) takes the kiosk home
        int leaveAfter = random.nextInt(8) == 0 ? 1 + random.nextInt(steps.size() - 1) : steps.size();
        try {
            for (int i = 0; i < leaveAfter; i++) {
                Step step = steps.get(i);
                pause(step.digit() ? 400 : 1_500, step.digit() ? 1_100 : 5_000);
                if (!tapNow(step)) {
                    cutShort++;
                    String screen = kiosk.shell().screen().name();
                    System.out.println("kiosk: no " + (step.prefix() != null ? step.prefix() + "…" : step.ids())
                            + " to tap on " + screen + "; the resident goes home");
                    fx(() -> kiosk.shell().home());
                    return;
                }
                taps++;
                kiosk.settle();
            }
        } catch (RuntimeException e) {
            failed++;
            System.out.println("kiosk: a visit failed: " + e);
            fx(() -> kiosk.shell().home());
        }
    }

    /** A button to tap: the first of {@code ids} the screen shows, or with {@code prefix}, any one starting so. */
    private record Step(List<String> ids, String prefix, boolean digit) {
    }

    private static Step tap(String... ids) {
        return new Step(List.of(ids), null, false);
    }

    private static Step tapAny(String prefix) {
        return new Step(List.of(), prefix, false);
    }

    private static List<Step> digits(String phone) {
        return phone.chars().mapToObj(c -> new Step(List.of("key-" + (char) c), null, true)).toList();
    }

    @SafeVarargs
    private static List<Step> concat(List<Step>... parts) {
        List<Step> all = new ArrayList<>();
        for (List<Step> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** Fires the button as a finger would; false when the screen shows no such button, or shows it greyed. */
    private boolean tapNow(Step step) throws InterruptedException {
        int choice = random.nextInt(1000);
        AtomicReference<Boolean> tapped = new AtomicReference<>(false);
        fx(() -> {
            List<Button> candidates = new ArrayList<>();
            for (Node node : kiosk.scene().getRoot().lookupAll(".button")) {
                if (node instanceof Button button && button.getId() != null && button.isVisible()
                        && !button.isDisabled()) {
                    if (step.prefix() != null ? button.getId().startsWith(step.prefix())
                            : step.ids().contains(button.getId())) {
                        candidates.add(button);
                    }
                }
            }
            if (step.prefix() == null) {
                // the first of the ids that is there: "done" where the screen has it, else "home"
                candidates.sort(java.util.Comparator.comparingInt(b -> step.ids().indexOf(b.getId())));
            }
            if (!candidates.isEmpty()) {
                candidates.get(step.prefix() == null ? 0 : choice % candidates.size()).fire();
                tapped.set(true);
            }
        });
        return tapped.get();
    }

    /** A resident's pace: how long they read, think or look for the next key. */
    private void pause(int minMs, int maxMs) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(minMs + random.nextInt(maxMs - minMs));
    }
}
