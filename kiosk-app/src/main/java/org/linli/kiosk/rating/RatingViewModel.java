package org.linli.kiosk.rating;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.linli.kiosk.central.CentralRefusedException;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.central.OutboxSender;
import org.linli.kiosk.session.Async;
import org.linli.kiosk.session.Problems;
import org.linli.kiosk.session.Resettable;

/**
 * Rating 1–5 with large faces: for the ticket, booking or check-in made on this visit, or for the hub in general.
 * Ratings go through the outbox, so one given while the central service is away still counts.
 */
public final class RatingViewModel implements Resettable {
    public enum State { ASK, SENDING, THANKS }

    /**
     * What is being rated: {@code ticket}, {@code booking} or {@code checkin} and its id, and the name the question
     * gives it (the ticket's service, the booked room; null when there is none to give, as for a check-in without a
     * booking).
     */
    public record Subject(String kind, String id, Names name) {
        public Subject(String kind, String id) {
            this(kind, id, null);
        }
    }

    private final OutboxSender sender;
    private final Async async;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.ASK);
    private final ReadOnlyIntegerWrapper rating = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Subject> subject = new ReadOnlyObjectWrapper<>();

    public RatingViewModel(OutboxSender sender, Async async) {
        this.sender = sender;
        this.async = async;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty ratingProperty() {
        return rating.getReadOnlyProperty();
    }

    /** Message key under the thanks (kept offline, rated already, …); empty for none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Subject> subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** Called by the other screens after a ticket, booking or check-in, so the rating is about it. */
    public void remember(Subject what) {
        subject.set(what);
    }

    public void rate(int stars) {
        if (stars < 1 || stars > 5 || state.get() == State.SENDING) {
            return;
        }
        rating.set(stars);
        state.set(State.SENDING);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rating", stars);
        Subject about = subject.get();
        if (about != null) {
            body.put(about.kind(), about.id());
        }
        async.run(() -> sender.feedback(body), outcome -> {
            message.set(outcome.kept() ? "rating.kept" : "");
            state.set(State.THANKS);
        }, failure -> {
            message.set(failure instanceof CentralRefusedException refused && refused.conflict() ? "rating.already"
                    : Problems.messageKey(failure, "rating.refused"));
            state.set(State.THANKS);
        });
    }

    /**
     * Going home between two things one resident does starts the rating afresh but keeps what it is about: the
     * resident who took a number and then taps "rate our service" rates that service. {@link #forget} ends it.
     */
    @Override
    public void reset() {
        state.set(State.ASK);
        rating.set(0);
        message.set("");
    }

    /** The visit is over ("done" or the idle reset): what was done belongs to the resident who left. */
    public void forget() {
        reset();
        subject.set(null);
    }
}
