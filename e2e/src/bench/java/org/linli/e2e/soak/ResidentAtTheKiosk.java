package org.linli.e2e.soak;

import static org.linli.e2e.soak.Step.concat;
import static org.linli.e2e.soak.Step.digits;
import static org.linli.e2e.soak.Step.keepCard;
import static org.linli.e2e.soak.Step.tap;
import static org.linli.e2e.soak.Step.tapAny;
import static org.linli.kiosk.OnScreen.fx;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.linli.e2e.soak.VisitCounts.Outcome;
import org.linli.kiosk.HubZone;
import org.linli.kiosk.Kiosk;
import org.linli.kiosk.KioskConfig;
import org.linli.kiosk.OnScreen;
import org.linli.kiosk.session.Screen;

/**
 * The soak's kiosk: the real lobby kiosk in a JVM of its own, used by residents who come one after another at a
 * resident's pace. Each visit is one of the things residents do (a ticket, a check-in by phone, a rating, a card, an
 * activity sign-up, a look at a room's day, {@link BookingVisits a booking, or the cancellation of one} under "my
 * bookings" with their card), tapped button by button with a few seconds between taps and a second or so between the
 * digits of a phone number; some residents walk away in the middle and the idle reset takes the kiosk home (or the
 * next resident taps "home" first). A tap on a button the screen does not show (a service greyed outside opening
 * hours) ends the visit.
 *
 * <p>{@code java ... ResidentAtTheKiosk CENTRAL_URL KIOSK_KEY HUB DATA_DIR SEED COUNTS_FILE [SECONDS_BETWEEN]}: runs
 * until it is stopped; after every visit {@code COUNTS_FILE} says how the visits ended ({@link VisitCounts}), and
 * every ten minutes the log does. A new resident comes every {@code SECONDS_BETWEEN} (45 by default) on average.
 */
public final class ResidentAtTheKiosk {
    private static final List<String> KINDS = List.of("tickets", "check-ins", "ratings", "cards", "sign-ups",
            "looks at a room's day", "bookings", "cancellations");
    private static Kiosk kiosk;
    private final Random random;
    private final BookingVisits bookings;
    private final Finger finger;
    private final VisitCounts counts = new VisitCounts(KINDS.toArray(String[]::new));
    private final Path countsFile;
    private final int secondsBetween;

    private ResidentAtTheKiosk(long seed, Path countsFile, int secondsBetween) {
        random = new Random(seed);
        bookings = new BookingVisits(random);
        finger = new Finger(kiosk, random, bookings.cards());
        this.countsFile = countsFile;
        this.secondsBetween = secondsBetween;
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            // the screen thread would keep this JVM alive: end it, so that the soak sees the kiosk end
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        KioskConfig config = KioskConfig.from(Map.of("central.url", args[0], "kiosk.key", args[1], "hub.id", args[2],
                "data.dir", args[3]));
        ZoneId zone = HubZone.await(config);
        Platform.setImplicitExit(false);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // the kiosk's first screen, built while the demo starts, may take longer than a step (30 s) on a loaded machine
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                kiosk = OnScreen.show(new Stage(), config, InstantSource.system(), () -> { }, 1920, 1080, zone);
                kiosk.guardAgainstCrashes();
            } finally {
                shown.countDown();
            }
        });
        if (!shown.await(5, TimeUnit.MINUTES) || kiosk == null) {
            throw new IllegalStateException("the kiosk did not come on screen");
        }
        kiosk.settle();
        new ResidentAtTheKiosk(Long.parseLong(args[4]), Path.of(args[5]),
                args.length > 6 ? Integer.parseInt(args[6]) : 45).visitForever();
    }

    private void visitForever() throws InterruptedException, IOException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::report, "kiosk-report"));
        long report = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            visit();
            counts.write(countsFile);
            // the next resident comes along a little later: 15 to 75 s by default
            pause(secondsBetween * 1000 / 3, secondsBetween * 5000 / 3);
            if (System.nanoTime() > report) {
                report();
                report = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            }
        }
    }

    private void report() {
        System.out.println("kiosk: " + counts.line());
    }

    private void visit() throws InterruptedException {
        String phone = "139" + String.format("%08d", random.nextInt(300)); // the same few hundred neighbours return
        // two in ten look at a room's day, two book one, one comes back to cancel a booking (none booked yet: books)
        int draw = random.nextInt(10);
        int kind = draw <= 5 ? draw : draw == 9 ? 5 : draw == 8 && bookings.anyBooked() ? 7 : 6;
        List<Step> steps = switch (kind) {
            case 0 -> List.of(tap("tile-queue"), tapAny("service-"), tap(random.nextInt(4) == 0 ? "priority-yes"
                    : "priority-no"), tap("done", "home"));
            case 1 -> concat(List.of(tap("tile-checkin"), tap("use-phone")), digits(phone),
                    List.of(tap("submit-phone"), tap("done", "home")));
            case 2 -> List.of(tap("tile-rating"), tap("face-" + (3 + random.nextInt(3))), tap("done", "home"));
            case 3 -> concat(List.of(tap("tile-card")), digits(phone), List.of(tap("get-card"), keepCard(phone),
                    tap("done", "home")));
            case 4 -> concat(List.of(tap("tile-activities"), tap("show-week"), tapAny("join-")), digits(phone),
                    List.of(tap("confirm-signup"), tap("done", "more-activities", "home")));
            case 5 -> List.of(tap("tile-rooms"), tapAny("room-"), tap("day-next"), tap("day-next"), tap("home"));
            case 6 -> bookings.book(phone);
            default -> bookings.cancel();
        };
        boolean cancelling = kind == 7;
        String what = KINDS.get(kind);
        String who = cancelling ? BookingVisits.phoneOf(steps) : phone;
        // one in eight walks away before the end (never once the booking or cancellation is asked for): the idle
        // reset (a minute) takes the kiosk home
        int last = steps.stream().filter(s -> s.kind() == Step.Kind.EXPECT).findFirst().map(s -> steps.indexOf(s) - 1)
                .orElse(steps.size());
        int leaveAfter = random.nextInt(8) == 0 && last > 1 ? 1 + random.nextInt(last - 1) : steps.size();
        try {
            if (kiosk.shell().screen() != Screen.HOME) {
                // the one before walked away a moment ago, before the idle reset: this resident taps "home" first
                pause(1_500, 5_000);
                if (finger.act(tap("home"))) {
                    counts.tapped();
                    kiosk.settle();
                }
            }
            for (int i = 0; i < leaveAfter; i++) {
                Step step = steps.get(i);
                pause(step.kind() == Step.Kind.DIGIT ? 400 : 1_500, step.kind() == Step.Kind.DIGIT ? 1_100 : 5_000);
                if (!finger.act(step)) {
                    String screen = finger.screenSays();
                    // the kiosk said no (a problem card), or did not say it was done: a failure of the kiosk
                    counts.ended(what, step.kind() != Step.Kind.EXPECT ? Outcome.CUT_SHORT
                            : screen.contains(": ") ? Outcome.REFUSED : Outcome.FAILED);
                    if (cancelling && step.prefix() != null && step.prefix().equals("mine-cancel-")) {
                        bookings.forget(who);
                    }
                    System.out.println("kiosk: " + what + ": " + (step.kind() == Step.Kind.EXPECT ? "not " : "no ")
                            + step.what() + " on " + screen + "; the resident goes home");
                    fx(() -> kiosk.shell().home());
                    return;
                }
                if (step.kind() == Step.Kind.EXPECT) {
                    if (kind == 6) {
                        bookings.booked(who);
                    } else if (cancelling) {
                        bookings.cancelled(who);
                    }
                } else {
                    counts.tapped();
                }
                kiosk.settle();
            }
            counts.ended(what, leaveAfter < steps.size() ? Outcome.WALKED_AWAY : Outcome.DONE);
        } catch (RuntimeException e) {
            counts.ended(what, Outcome.FAILED);
            System.out.println("kiosk: a visit (" + what + ") failed: " + e);
            fx(() -> kiosk.shell().home());
        }
    }

    /** A resident's pace: how long they read, think or look for the next key. */
    private void pause(int minMs, int maxMs) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(minMs + random.nextInt(maxMs - minMs));
    }
}
