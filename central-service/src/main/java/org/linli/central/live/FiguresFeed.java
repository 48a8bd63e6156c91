package org.linli.central.live;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.events.Event;
import org.linli.central.events.BookingEvent;
import org.linli.central.events.CallEvent;
import org.linli.central.events.CheckinEvent;
import org.linli.central.events.FeedbackEvent;
import org.linli.central.events.QueueEvent;
import org.linli.central.events.EventBus;
import org.linli.central.timers.Timers;

/**
 * SSE {@code figures}: today's numbers of a hub, sent a few seconds after something that changes them (a check-in,
 * a ticket, a call, a booking, a rating), at most once per period per hub however busy the hub is.
 */
public final class FiguresFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FiguresFeed.class.getName());
    private final Figures figures;
    private final Catalogue catalogue;
    private final EventBus events;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Duration period;
    private final ScheduledExecutorService timer = Timers.single("linli-figures");

    public FiguresFeed(Figures figures, Catalogue catalogue, EventBus events, Duration period) {
        this.figures = figures;
        this.catalogue = catalogue;
        this.events = events;
        this.period = period;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::flush, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An event-bus subscriber: only notes the hub, the figures are computed on the timer. */
    public void onEvent(Event event) {
        switch (event) {
            case CheckinEvent e -> dirty.add(e.hub());
            case QueueEvent e -> dirty.add(e.hub());
            case CallEvent e -> dirty.add(e.hub());
            case BookingEvent e -> dirty.add(e.hub());
            case FeedbackEvent e -> dirty.add(e.hub());
            default -> {
                // rooms, devices, alerts and the figures themselves change no figure
            }
        }
    }

    private void flush() {
        for (String hubId : Set.copyOf(dirty)) {
            dirty.remove(hubId);
            try {
                catalogue.hub(hubId).ifPresent(hub -> events.publish(figures.today(hub)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "computing today's figures of hub " + hubId + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        Timers.stop(timer, "the figures feed");
    }
}
