package org.linli.central.live;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.events.Event;
import org.linli.central.events.EventBus;

/**
 * SSE {@code figures}: today's numbers of a hub, sent a few seconds after something that changes them (a check-in,
 * a ticket, a call, a booking, a rating), at most once per period per hub however busy the hub is.
 */
final class FiguresFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FiguresFeed.class.getName());
    private static final Set<String> CHANGING = Set.of("checkin", "queue", "call", "booking", "feedback");
    private final Figures figures;
    private final Catalogue catalogue;
    private final EventBus events;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    FiguresFeed(Figures figures, Catalogue catalogue, EventBus events, ScheduledExecutorService timer) {
        this.figures = figures;
        this.catalogue = catalogue;
        this.events = events;
        this.timer = timer;
    }

    void start(long periodMs) {
        timer.scheduleWithFixedDelay(this::flush, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** An event-bus subscriber: only notes the hub, the figures are computed on the timer. */
    void onEvent(Event event) {
        if (CHANGING.contains(event.name()) && event.data() instanceof Map<?, ?> data
                && data.get("hub") instanceof String hub) {
            dirty.add(hub);
        }
    }

    private void flush() {
        for (String hubId : Set.copyOf(dirty)) {
            dirty.remove(hubId);
            try {
                catalogue.hub(hubId).ifPresent(hub -> events.publish("figures", figures.today(hub)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "computing today's figures of hub " + hubId + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    static ScheduledExecutorService newTimer() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("linli-figures").daemon(true).factory());
    }
}
