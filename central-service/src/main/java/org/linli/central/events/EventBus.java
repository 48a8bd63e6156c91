package org.linli.central.events;

import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one broadcaster: bookings, queue calls and check-ins publish here after their transaction committed; the SSE
 * endpoint (and later MQTT publishing and dashboards) subscribe. A subscriber must not block: it is called on the
 * publisher's thread, so slow consumers keep their own queue.
 */
public final class EventBus {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());
    private final CopyOnWriteArrayList<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();

    public void publish(Event event) {
        for (Consumer<Event> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                // One broken subscriber must not stop the others nor fail the request that published.
                LOG.log(Level.WARNING, "an event subscriber failed on " + event.eventName() + ": " + e);
            }
        }
    }

    /** @return what to call to unsubscribe */
    public Runnable subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
