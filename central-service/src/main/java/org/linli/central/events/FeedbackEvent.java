package org.linli.central.events;

/** {@code feedback}: a rating from 1 to 5 was given. */
public record FeedbackEvent(String hub, int rating) implements Event {

    @Override
    public String eventName() {
        return "feedback";
    }
}
