package org.linli.central.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Counter;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.ServiceItem;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.events.CallEvent;
import org.linli.central.events.CounterEvent;
import org.linli.central.events.EventBus;
import org.linli.central.events.QueueEvent;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.linli.central.web.Times;

/**
 * Queue tickets per service and day, and the counters that call them ({@link TicketState} has the states).
 *
 * <p>A counter's call-next first finishes the ticket it was serving. Priority tickets (elderly, disabled) go first,
 * but after {@code priorityRatio} priority calls in a row at a counter an ordinary ticket goes next, so nobody
 * starves. Numbers restart at 001 every day in the hub's time zone.
 */
public final class Queues {
    private static final int COUNTER_LIST = 200;
    private final Database db;
    private final Catalogue catalogue;
    private final Residents residents;
    private final EventBus events;
    private final Clock clock;
    private final int priorityRatio;
    private final Duration noShowWindow;
    private final WaitEstimates estimates;

    public Queues(Database db, Catalogue catalogue, Residents residents, EventBus events, Clock clock,
            int priorityRatio, Duration noShowWindow) {
        this.db = db;
        this.catalogue = catalogue;
        this.residents = residents;
        this.events = events;
        this.clock = clock;
        this.priorityRatio = priorityRatio;
        this.noShowWindow = noShowWindow;
        this.estimates = new WaitEstimates(db, catalogue);
    }

    private String today(Hub hub) {
        return LocalDate.ofInstant(clock.instant(), hub.timezone()).toString();
    }

    /** A drawn ticket as the API shows it, and whether an earlier try with the same key had drawn it. */
    public record Drawn(TicketView ticket, boolean replayed) {
    }

    private record Taken(Ticket ticket, boolean replayed) {
    }

    /**
     * Draws a ticket.
     *
     * @param phone normalised phone, or null
     * @param consent the privacy notice a new phone number's resident agreed to
     * @param token resident card, or null
     * @param idempotencyKey the same for every try of one draw, or null: a key seen before answers the ticket it
     *     drew (for the same service; another service is a 422), so a kiosk that lost an answer never draws twice
     */
    public Drawn draw(String serviceId, boolean priority, String phone, Consent consent, String token,
            Predicate<String> reaches,
            String idempotencyKey) {
        ServiceItem service = catalogue.requireService(serviceId);
        if (!reaches.test(service.hubId())) {
            throw new NotFound("no service " + serviceId + " in this hub");
        }
        if (service.retired()) {
            throw Retiring.retired("service", serviceId);
        }
        Hub hub = catalogue.requireHub(service.hubId());
        String day = today(hub);
        long now = clock.instant().getEpochSecond();
        Taken taken = db.write(c -> {
            Optional<Ticket> earlier = idempotencyKey == null ? Optional.empty()
                    : Tickets.drawnWith(c, hub.id(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().serviceId().equals(service.id())) {
                    throw new RuleViolation("idempotency-key-reused",
                            "this Idempotency-Key drew a ticket for another service");
                }
                return new Taken(earlier.get(), true);
            }
            Retiring.refuseIfRetired(c, "service", service.id());
            Long resident = phone != null ? Long.valueOf(residents.byPhone(c, phone, consent).id())
                    : token != null ? Long.valueOf(residents.byCard(c, token, hub.id(), consent).id()) : null;
            return new Taken(Tickets.insert(c, service, day, priority, resident, now, now, idempotencyKey), false);
        });
        if (!taken.replayed()) {
            publishQueue(hub, service);
        }
        return new Drawn(estimates.view(taken.ticket()), taken.replayed());
    }

    public TicketView get(String id) {
        return estimates.view(db.read(c -> Tickets.find(c, id)).orElseThrow(() -> new NotFound("no ticket " + id)));
    }

    /** Finishes the counter's current ticket and calls the next one; 404 when nobody waits. */
    public TicketView callNext(String counterId, Predicate<String> atHub) {
        Counter counter = counter(counterId, atHub);
        Hub hub = catalogue.requireHub(counter.hubId());
        String day = today(hub);
        long now = clock.instant().getEpochSecond();
        Ticket called = db.write(c -> {
            if (!Tickets.isOpen(c, counterId)) {
                throw new Conflict("counter-closed", "The counter is closed",
                        "counter " + counterId + " is closed: open it before calling the next ticket");
            }
            Optional<Ticket> serving = Tickets.current(c, counterId);
            if (serving.isPresent()) {
                Tickets.end(c, serving.get().id(), TicketState.DONE, null, now, day);
            }
            Optional<Ticket> priority = Tickets.oldestWaiting(c, counter, day, true);
            Optional<Ticket> ordinary = Tickets.oldestWaiting(c, counter, day, false);
            int streak = Tickets.streak(c, counterId);
            Optional<Ticket> next;
            if (priority.isPresent() && (ordinary.isEmpty() || streak < priorityRatio)) {
                next = priority;
                Tickets.setStreak(c, counterId, ordinary.isEmpty() ? 0 : streak + 1);
            } else {
                next = ordinary;
                Tickets.setStreak(c, counterId, 0);
            }
            if (next.isEmpty()) {
                return null;
            }
            Tickets.call(c, next.get().id(), counterId, now);
            return Tickets.find(c, next.get().id()).orElseThrow();
        });
        if (called == null) {
            throw new NotFound("nobody is waiting for the services of counter " + counterId);
        }
        publishCall(called, false);
        publishQueue(hub, catalogue.requireService(called.serviceId()));
        return estimates.view(called);
    }

    /** A counter's state as the API shows it: open or closed, and since when (null: never opened nor closed). */
    public record CounterState(String counter, boolean open, String since) {
    }

    /**
     * Opens or closes a counter. A closed counter refuses call-next and is left out of the wait estimates; what it
     * serves now it may still call again, end or transfer. Doing it twice changes nothing and publishes nothing.
     */
    public CounterState setOpen(String counterId, boolean open, Predicate<String> atHub) {
        Counter counter = counter(counterId, atHub);
        Hub hub = catalogue.requireHub(counter.hubId());
        long now = clock.instant().getEpochSecond();
        boolean changed = db.write(c -> Tickets.setOpen(c, counterId, open, now));
        if (changed) {
            events.publish(new CounterEvent(hub.id(), counterId, open));
            counter.services().forEach(id -> catalogue.service(id).ifPresent(s -> publishQueue(hub, s)));
        }
        return state(counter);
    }

    public CounterState state(Counter counter) {
        Hub hub = catalogue.requireHub(counter.hubId());
        return db.read(c -> Sql.one(c, "SELECT is_open, open_changed_ts FROM counter WHERE id = ?",
                rs -> {
                    Long since = Sql.nullableLong(rs, "open_changed_ts");
                    return new CounterState(counter.id(), rs.getInt(1) == 1, since == null ? null
                            : Times.format(java.time.Instant.ofEpochSecond(since), hub.timezone()));
                }, counter.id())).orElseThrow(() -> new NotFound("no counter " + counter.id()));
    }

    /** Calls the counter's current ticket again (the resident did not hear it). */
    public TicketView recall(String counterId, Predicate<String> atHub) {
        counter(counterId, atHub);
        Ticket current = db.read(c -> Tickets.current(c, counterId))
                .orElseThrow(() -> servingNobody(counterId));
        publishCall(current, true);
        return estimates.view(current);
    }

    public TicketView complete(String counterId, Predicate<String> atHub) {
        return end(counterId, atHub, TicketState.DONE);
    }

    public TicketView noShow(String counterId, Predicate<String> atHub) {
        return end(counterId, atHub, TicketState.NO_SHOW);
    }

    private TicketView end(String counterId, Predicate<String> atHub, TicketState state) {
        String day = today(catalogue.requireHub(counter(counterId, atHub).hubId()));
        long now = clock.instant().getEpochSecond();
        Ticket ended = db.write(c -> {
            Optional<Ticket> current = Tickets.current(c, counterId);
            if (current.isEmpty()) {
                return null;
            }
            Tickets.end(c, current.get().id(), state, null, now, day);
            return Tickets.find(c, current.get().id()).orElseThrow();
        });
        if (ended == null) {
            throw servingNobody(counterId);
        }
        return estimates.view(ended);
    }

    /** Sends the counter's current ticket to another service of the hub; it keeps its place in time. */
    public TicketView transfer(String counterId, String serviceId, Predicate<String> atHub) {
        Counter counter = counter(counterId, atHub);
        ServiceItem target = catalogue.service(serviceId).filter(s -> s.hubId().equals(counter.hubId()))
                .orElseThrow(() -> new RuleViolation("unknown-service", "no service " + serviceId + " in this hub"));
        if (target.retired()) {
            throw Retiring.retired("service", serviceId);
        }
        Hub hub = catalogue.requireHub(counter.hubId());
        long now = clock.instant().getEpochSecond();
        Ticket moved = db.write(c -> {
            Optional<Ticket> current = Tickets.current(c, counterId);
            if (current.isEmpty()) {
                return null;
            }
            Ticket from = current.get();
            Ticket fresh = Tickets.insert(c, target, from.day(), from.priority(), from.residentId(), from.queuedTs(),
                    now, null);
            Tickets.end(c, from.id(), TicketState.TRANSFERRED, fresh.id(), now, today(hub));
            return fresh;
        });
        if (moved == null) {
            throw servingNobody(counterId);
        }
        publishQueue(hub, target);
        return estimates.view(moved);
    }

    /** Puts a no-show ticket back in the queue, at its old place, within the no-show window. */
    public TicketView reactivate(String ticketId, Predicate<String> atHub) {
        long now = clock.instant().getEpochSecond();
        Ticket ticket = db.write(c -> {
            Ticket t = Tickets.find(c, ticketId).filter(found -> atHub.test(found.hubId()))
                    .orElseThrow(() -> new NotFound("no ticket " + ticketId));
            if (!t.state().canMoveTo(TicketState.WAITING)) {
                throw new RuleViolation("not-a-no-show", "only a no-show ticket can be put back");
            }
            if (t.doneTs() == null || now - t.doneTs() > noShowWindow.toSeconds()) {
                throw new RuleViolation("no-show-expired", "a no-show ticket can be put back within "
                        + noShowWindow.toMinutes() + " minutes only");
            }
            Tickets.reactivate(c, ticketId);
            return Tickets.find(c, ticketId).orElseThrow();
        });
        return estimates.view(ticket);
    }

    /** The ticket a counter serves now, if it serves one today. */
    public Optional<TicketView> serving(Counter counter) {
        String day = today(catalogue.requireHub(counter.hubId()));
        return db.read(c -> Tickets.current(c, counter.id(), day)).map(estimates::view);
    }

    /** Today's tickets waiting for a counter's services, in the order they are called (the first 200). */
    public List<TicketView> waitingFor(Counter counter) {
        String day = today(catalogue.requireHub(counter.hubId()));
        return db.read(c -> Tickets.waitingFor(c, counter, day, COUNTER_LIST)).stream().map(estimates::view)
                .toList();
    }

    /** How many tickets of a service wait today. */
    public int waiting(Hub hub, String serviceId) {
        String day = today(hub);
        return db.read(c -> Tickets.waiting(c, serviceId, day));
    }

    /** Each service of a hub: how many wait, the estimate for a new ticket, and the number now served. */
    public List<Map<String, Object>> overview(Hub hub) {
        String day = today(hub);
        List<Map<String, Object>> result = new ArrayList<>();
        for (ServiceItem service : Retiring.inUse(catalogue.services(hub.id()))) {
            int waiting = db.read(c -> Tickets.waiting(c, service.id(), day));
            String serving = db.read(c -> Tickets.nowServing(c, service.id(), day)).orElse(null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", service.id());
            row.put("letter", service.letter());
            row.put("waiting", waiting);
            WaitEstimates.Estimate estimate = estimates.estimate(service.id(), waiting);
            row.put("estimatedWaitMinutes", estimate.minutes());
            row.put("countersOpen", estimate.countersOpen());
            row.put("nowServing", serving);
            result.add(row);
        }
        return result;
    }

    private Counter counter(String counterId, Predicate<String> atHub) {
        Counter counter = catalogue.counter(counterId).orElseThrow(() -> new NotFound("no counter " + counterId));
        if (!atHub.test(counter.hubId())) {
            // counters are on the hub's public page: no use hiding one, the refusal says why
            throw new org.linli.central.errors.Forbidden("counter " + counterId + " is served by the staff of hub "
                    + counter.hubId());
        }
        if (counter.retired()) {
            throw new org.linli.central.errors.Conflict("counter-retired", "The counter is retired",
                    "the counter " + counterId + " is no longer in use (retired); bring it back on the catalogue page");
        }
        return counter;
    }

    private static NotFound servingNobody(String counterId) {
        return new NotFound("counter " + counterId + " is serving nobody");
    }

    private void publishCall(Ticket ticket, boolean recall) {
        events.publish(new CallEvent(ticket.hubId(), ticket.counterId(), ticket.serviceId(), ticket.number(),
                ticket.id(), recall));
    }

    private void publishQueue(Hub hub, ServiceItem service) {
        int waiting = waiting(hub, service.id());
        WaitEstimates.Estimate estimate = estimates.estimate(service.id(), waiting);
        events.publish(new QueueEvent(hub.id(), service.id(), waiting, estimate.minutes(), estimate.countersOpen()));
    }
}
