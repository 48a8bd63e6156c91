package org.linli.e2e.soak;

import static org.linli.e2e.soak.Step.concat;
import static org.linli.e2e.soak.Step.digits;
import static org.linli.e2e.soak.Step.expect;
import static org.linli.e2e.soak.Step.keepCard;
import static org.linli.e2e.soak.Step.scanCard;
import static org.linli.e2e.soak.Step.tap;
import static org.linli.e2e.soak.Step.tapAny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The soak residents' bookings, as KioskFlowIT books and cancels: a room, tomorrow (a slot of today may be over by
 * the time the resident taps it), one free slot, a purpose, the phone number, "book", and the booking's code shown;
 * later the same resident opens "my bookings", holds their card to the scanner, taps "cancel" on one of their
 * bookings and says yes. A resident with no card yet gets one from there first ("get a card", the phone number, a
 * photo of the card) and then scans it. Who has bookings (and so may cancel one) and whose card is known is kept
 * here, as the residents themselves would know it.
 */
final class BookingVisits {
    private final Random random;
    private final Map<String, String> cards = new HashMap<>();
    private final Map<String, Integer> live = new HashMap<>();

    BookingVisits(Random random) {
        this.random = random;
    }

    /** The residents' cards by phone, for the {@link Finger} that keeps and scans them. */
    Map<String, String> cards() {
        return cards;
    }

    List<Step> book(String phone) {
        return concat(List.of(tap("tile-rooms"), tapAny("room-"), tap("day-next"), tapAny("slot-"), tap("to-details"),
                tapAny("purpose-")), digits(phone), List.of(tap("book"), expect("booking-done"), tap("done", "home")));
    }

    /** Whether some resident has a booking they could cancel. */
    boolean anyBooked() {
        return !live.isEmpty();
    }

    /** A resident who booked cancels one of their bookings; call only when {@link #anyBooked()}. */
    List<Step> cancel() {
        List<String> booked = new ArrayList<>(live.keySet());
        booked.sort(null); // the same choice for the same seed
        String phone = booked.get(random.nextInt(booked.size()));
        List<Step> card = cards.containsKey(phone) ? List.of() : concat(List.of(tap("tile-my_bookings"),
                tap("mine-get-card")), digits(phone), List.of(tap("get-card"), keepCard(phone), tap("done", "home")));
        return concat(card, List.of(tap("tile-my_bookings"), scanCard(phone), tapAny("mine-cancel-"),
                tap("mine-confirm"), expect("mine-cancelled"), tap("done", "home")));
    }

    /** The phone of the cancelling resident of {@link #cancel()}'s steps. */
    static String phoneOf(List<Step> steps) {
        return steps.stream().filter(s -> s.kind() == Step.Kind.SCAN_CARD).findFirst().map(Step::phone).orElseThrow();
    }

    void booked(String phone) {
        live.merge(phone, 1, Integer::sum);
    }

    void cancelled(String phone) {
        live.computeIfPresent(phone, (p, n) -> n > 1 ? n - 1 : null);
    }

    /** "My bookings" showed the resident nothing to cancel: they have no booking to come back for. */
    void forget(String phone) {
        live.remove(phone);
    }
}
