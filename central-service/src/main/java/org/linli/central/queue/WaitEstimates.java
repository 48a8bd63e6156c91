package org.linli.central.queue;

import java.time.Instant;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.store.Database;
import org.linli.central.web.Times;

/**
 * How long a ticket will wait: the people ahead of it times the time a service recently took (its typical time
 * until there are recent ones), shared among the open counters that serve it. With none open, the estimate is what
 * one counter would take once it opens, and {@code countersOpen} 0 says so (clients that know the field say "no
 * counter is open" instead; older ones keep showing a number, as before).
 */
final class WaitEstimates {
    private static final int RECENT_SERVICES = 20;
    private static final int TYPICAL_MINUTES = 5;
    private final Database db;
    private final Catalogue catalogue;

    WaitEstimates(Database db, Catalogue catalogue) {
        this.db = db;
        this.catalogue = catalogue;
    }

    /** The ticket as the API shows it: while it waits, with its people ahead and estimated wait. */
    TicketView view(Ticket t) {
        if (t.state() != TicketState.WAITING) {
            Integer called = t.state() == TicketState.CALLED ? 0 : null;
            return new TicketView(t.id(), t.number(), t.hubId(), t.serviceId(), t.state().wire(), t.counterId(),
                    called, called, t.transferredTo(), t.priority(), time(t.hubId(), t.queuedTs()),
                    t.calledTs() == null ? null : time(t.hubId(), t.calledTs()), null);
        }
        int ahead = db.read(c -> Tickets.ahead(c, t));
        Estimate estimate = estimate(t.serviceId(), ahead);
        return new TicketView(t.id(), t.number(), t.hubId(), t.serviceId(), t.state().wire(), null, ahead,
                estimate.minutes(), null, t.priority(), time(t.hubId(), t.queuedTs()), null, estimate.countersOpen());
    }

    /** Minutes until a ticket with some people ahead is called, and how many open counters serve its service. */
    record Estimate(int minutes, int countersOpen) {
    }

    /** An ISO time in the hub's zone, so that a counter shows how long someone waited in the hub's own time. */
    private String time(String hubId, long epochSecond) {
        return Times.format(Instant.ofEpochSecond(epochSecond), catalogue.requireHub(hubId).timezone());
    }

    /** For a ticket with this many people ahead. */
    Estimate estimate(String serviceId, int ahead) {
        record Figures(double averageSeconds, int counters, int typical) {
        }
        Figures f = db.read(c -> new Figures(Tickets.averageServiceSeconds(c, serviceId, RECENT_SERVICES),
                Tickets.openCounters(c, serviceId),
                Catalogue.service(c, serviceId).map(ServiceItem::typicalMinutes).orElse(TYPICAL_MINUTES)));
        double perPerson = f.averageSeconds() > 0 ? f.averageSeconds() / 60.0 : f.typical();
        return new Estimate((int) Math.ceil(ahead * perPerson / Math.max(1, f.counters())), f.counters());
    }
}
