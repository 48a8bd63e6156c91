package org.linli.kiosk.checkin;

import java.time.InstantSource;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.linli.kiosk.central.Catalogue;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.central.OutboxSender;
import org.linli.kiosk.rating.RatingViewModel;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.PhoneEntry;
import org.linli.kiosk.session.ConsentPrompt;
import org.linli.kiosk.session.Problems;
import org.linli.kiosk.session.ResidentSession;
import org.linli.kiosk.session.Resettable;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.MalformedTokenException;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;
import org.linli.protocol.token.VerifyContext;

/**
 * Check-in: a resident card or booking QR (camera or HID scanner), or a phone number on the keypad. The kiosk reads
 * the token's claims only to say something useful at once (expired? which kind?); the central service verifies it.
 * Check-ins go through the outbox: a visit counts even while the central service is away.
 */
public final class CheckinViewModel implements Resettable {
    public enum State { READY, PHONE, WORKING, WELCOME, PROBLEM }

    /** Who was welcomed: a card holder, a booking, or a phone number. */
    public enum Kind { RESIDENT, BOOKING, PHONE }

    /** When a booking checked in with is for: its code carries the times (the door opens by them). */
    public record Window(java.time.Instant start, java.time.Instant end) {
    }

    /** How long before a booking's start the central service takes its code for a check-in (and the door opens). */
    static final java.time.Duration EARLY = VerifyContext.kiosk("", java.time.Instant.EPOCH, java.util.Set.of())
            .graceBeforeStart();

    private final OutboxSender sender;
    private final InstantSource clock;
    private final String hubId;
    private final Async async;
    private final RatingViewModel rating;
    private final PhoneEntry phone = new PhoneEntry();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyObjectWrapper<Kind> kind = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Names> roomName = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Window> booked = new ReadOnlyObjectWrapper<>();
    private final Catalogue catalogue;
    private final ResidentSession resident;
    private final ReadOnlyBooleanWrapper kept = new ReadOnlyBooleanWrapper(false);

    /**
     * @param catalogue names the booked room after a booking check-in
     * @param resident remembers a resident card or phone number for the rest of the visit
     */
    public CheckinViewModel(OutboxSender sender, InstantSource clock, String hubId, Async async,
            RatingViewModel rating, Catalogue catalogue, ResidentSession resident) {
        this.catalogue = catalogue;
        this.resident = resident;
        this.sender = sender;
        this.clock = clock;
        this.hubId = hubId;
        this.async = async;
        this.rating = rating;
    }

    public PhoneEntry phone() {
        return phone;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Kind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** Key of the message for the PROBLEM state. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The booked room's name after a booking check-in (its id while the hub's rooms are not loaded yet). */
    public ReadOnlyObjectProperty<Names> roomNameProperty() {
        return roomName.getReadOnlyProperty();
    }

    /** The time of the booking checked in with, for the welcome to repeat; null for any other check-in. */
    public ReadOnlyObjectProperty<Window> bookedProperty() {
        return booked.getReadOnlyProperty();
    }

    /** True when the check-in was kept on the kiosk to be sent later. */
    public ReadOnlyBooleanProperty keptProperty() {
        return kept.getReadOnlyProperty();
    }

    public void usePhone() {
        phone.reset();
        state.set(State.PHONE);
    }

    /** A QR code read by the camera or the HID scanner. */
    public void scanned(String text) {
        if (state.get() == State.WORKING) {
            return;
        }
        AccessToken token;
        try {
            token = TokenFormat.parse(text);
        } catch (MalformedTokenException e) {
            problem("checkin.notOurCode");
            return;
        }
        if (!token.isForHub(hubId)) {
            problem("checkin.otherHub");
            return;
        }
        if (clock.instant().getEpochSecond() >= token.expiry()) {
            problem(token.type() == TokenType.BOOKING ? "checkin.bookingOver" : "checkin.cardExpired");
            return;
        }
        Kind who = token.type() == TokenType.BOOKING ? Kind.BOOKING : Kind.RESIDENT;
        String code = text.strip();
        Window window = who == Kind.BOOKING ? new Window(java.time.Instant.ofEpochSecond(token.notBefore()),
                java.time.Instant.ofEpochSecond(token.expiry())) : null;
        if (window != null && clock.instant().isBefore(window.start().minus(EARLY))) {
            // tomorrow's booking shown today: the central service refuses it as not yet valid, which the resident
            // saw as "the check-in did not work, try again"; it says when to come instead
            booked.set(window);
            problem("checkin.bookingEarly");
            return;
        }
        send(Map.of("token", code), who, () -> {
            booked.set(window);
            if (who == Kind.RESIDENT) {
                resident.card(code);
            }
        });
    }

    public void submitPhone() {
        if (!phone.complete()) {
            problem("phone.invalid");
            return;
        }
        String digits = phone.digits();
        send(Map.of("phone", digits), Kind.PHONE, () -> {
            booked.set(null);
            resident.phone(digits);
        });
    }

    /** A new number: the notice first; agreed, the same check-in again with its version; "back": the keypad. */
    private void askConsent(Exception refusal, Map<String, Object> body, Kind who, Runnable identified) {
        state.set(State.PHONE);
        resident.consent().ask(refusal, () -> {
            Map<String, Object> agreed = new java.util.HashMap<>(body);
            agreed.put(ConsentPrompt.FIELD, ConsentPrompt.VERSION);
            send(agreed, who, identified);
        }, phone::reset);
    }

    /** @param identified remembers who checked in, once the visit is counted (or kept to be sent) */
    private void send(Map<String, Object> body, Kind who, Runnable identified) {
        state.set(State.WORKING);
        async.run(() -> sender.checkin(body), outcome -> {
            phone.reset();
            identified.run();
            kind.set(who);
            kept.set(outcome.kept());
            roomName.set(null);
            outcome.answer().ifPresent(answer -> {
                String room = answer.path("room").asText("");
                roomName.set(room.isEmpty() ? null : catalogue.roomName(room));
                rating.remember(new RatingViewModel.Subject("checkin", answer.path("id").asText(), roomName.get()));
            });
            state.set(State.WELCOME);
        }, failure -> {
            if (ConsentPrompt.needed(failure) && !body.containsKey(ConsentPrompt.FIELD)) {
                askConsent(failure, body, who, identified);
                return;
            }
            problem(Problems.messageKey(failure, "checkin.refused"));
        });
    }

    private void problem(String key) {
        message.set(key);
        state.set(State.PROBLEM);
    }

    /** Back to "scan or type" after a problem. */
    public void again() {
        message.set("");
        state.set(State.READY);
    }

    @Override
    public void reset() {
        phone.reset();
        state.set(State.READY);
        kind.set(null);
        message.set("");
        roomName.set(null);
        booked.set(null);
        kept.set(false);
    }
}
