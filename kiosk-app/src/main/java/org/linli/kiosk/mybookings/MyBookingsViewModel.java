package org.linli.kiosk.mybookings;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.CentralUnavailableException;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.Lists;
import org.linli.kiosk.session.ResidentSession;
import org.linli.kiosk.session.Resettable;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.MalformedTokenException;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;

/**
 * "My bookings": a resident shows their card (or is known by it already this visit), sees their room bookings that
 * have not ended, and may cancel one after saying yes. Both need the central service; offline nothing is kept to be
 * sent later: a cancellation the resident believes done but is not would keep the room from others, or, sent hours
 * later, cancel a booking they meant to keep after all. The screen says it cannot be done now.
 */
public final class MyBookingsViewModel implements Resettable {
    public enum Step { SCAN, WORKING, LIST, CONFIRM, CANCELLED, PROBLEM }

    private final CentralClient central;
    private final Async async;
    private final InstantSource clock;
    private final ZoneId zone;
    private final ResidentSession resident;
    private final ObservableList<Booking> bookings = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Booking> bookingsReadOnly = FXCollections.unmodifiableObservableList(bookings);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.SCAN);
    private final ReadOnlyObjectWrapper<Booking> chosen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Booking> cancelled = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** The card whose bookings are shown; null until one was accepted. */
    private String card;

    public MyBookingsViewModel(CentralClient central, Async async, InstantSource clock, ZoneId zone,
            ResidentSession resident) {
        this.central = central;
        this.async = async;
        this.clock = clock;
        this.zone = zone;
        this.resident = resident;
    }

    public ObservableList<Booking> bookings() {
        return bookingsReadOnly;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The booking the resident asked to cancel, while they confirm. */
    public ReadOnlyObjectProperty<Booking> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    /** The booking just cancelled, as the central service answered it. */
    public ReadOnlyObjectProperty<Booking> cancelledProperty() {
        return cancelled.getReadOnlyProperty();
    }

    /** Key of the message of the PROBLEM step. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The hub's today, for "today" and "tomorrow" beside a booking's date. */
    public LocalDate todayInHub() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Entering the screen: a resident known by their card this visit sees their bookings at once. */
    public void start() {
        String known = resident.identity("residentToken").get("residentToken");
        if (known == null) {
            step.set(Step.SCAN);
        } else {
            load(known);
        }
    }

    /**
     * A code from the camera or the scanner, while a card is asked for (or after a code that was not one). The kiosk reads the token only to say at once what is wrong with it
     * (not ours, another hub's, a booking's code, expired); the central service decides whether the card is good.
     */
    public void scanned(String text) {
        // only where a card is asked for: the camera sees the same card frame after frame, and a repeat must not
        // pull the list from under a resident who is confirming a cancellation
        if (step.get() != Step.SCAN && step.get() != Step.PROBLEM) {
            return;
        }
        AccessToken token;
        try {
            token = TokenFormat.parse(text);
        } catch (MalformedTokenException e) {
            problem("mine.notOurCode");
            return;
        }
        if (token.type() != TokenType.RESIDENT) {
            problem("mine.notACard");
        } else if (!token.isForHub(central.hubId())) {
            problem("mine.otherHub");
        } else if (clock.instant().getEpochSecond() >= token.expiry()) {
            problem("mine.cardExpired");
        } else {
            load(text.strip());
        }
    }

    private void load(String token) {
        step.set(Step.WORKING);
        async.run(() -> central.myBookings(token), list -> {
            card = token;
            resident.card(token);
            Lists.replace(bookings, list);
            message.set("");
            step.set(Step.LIST);
        }, failure -> problem(failure instanceof CentralUnavailableException ? "mine.offline"
                : refusal(failure, "mine.refused")));
    }

    /** "Cancel this one": asks first. */
    public void choose(Booking booking) {
        if (step.get() == Step.LIST && bookings.contains(booking)) {
            chosen.set(booking);
            step.set(Step.CONFIRM);
        }
    }

    /** "No, keep it". */
    public void keep() {
        chosen.set(null);
        step.set(card == null ? Step.SCAN : Step.LIST);
    }

    /** "Yes, cancel it": at once, or not at all. */
    public void cancel() {
        Booking booking = chosen.get();
        if (booking == null || card == null || step.get() != Step.CONFIRM) {
            return;
        }
        step.set(Step.WORKING);
        async.run(() -> central.cancelMyBooking(card, booking.id()), done -> {
            cancelled.set(done);
            step.set(Step.CANCELLED);
            chosen.set(null);
            bookings.removeIf(b -> b.id().equals(booking.id()));
        }, failure -> problem(failure instanceof CentralUnavailableException ? "mine.cannotCancelNow"
                : refusal(failure, "mine.cancelRefused")));
    }

    /**
     * After a problem or a cancellation: back to the list (asked for again when it may have changed), or to "show
     * your card" when no card was accepted.
     */
    public void back() {
        String was = message.get();
        message.set("");
        chosen.set(null);
        if (card == null) {
            step.set(Step.SCAN);
        } else if (step.get() == Step.CANCELLED || "mine.gone".equals(was)) {
            load(card);
        } else {
            step.set(Step.LIST);
        }
    }

    private void problem(String key) {
        message.set(key);
        step.set(Step.PROBLEM);
    }

    /**
     * What the resident reads when the central service said no: the card is not accepted (unknown, replaced,
     * its resident's data deleted: 422), the booking is gone (ended, cancelled, checked in: 404 or 409), or else.
     */
    private static String refusal(Exception failure, String otherwise) {
        if (!(failure instanceof CentralRefusedException refused)) {
            return "error.unexpected";
        }
        return refused.status() == 422 ? "mine.cardRefused"
                : refused.status() == 404 || refused.conflict() ? "mine.gone" : otherwise;
    }

    @Override
    public void reset() {
        card = null;
        bookings.clear();
        chosen.set(null);
        cancelled.set(null);
        message.set("");
        step.set(Step.SCAN);
    }
}
