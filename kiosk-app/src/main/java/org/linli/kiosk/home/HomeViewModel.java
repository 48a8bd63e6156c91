package org.linli.kiosk.home;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.OpeningHours;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.central.Model.Service;
import org.linli.kiosk.central.Names;
import org.linli.kiosk.central.Opening;

/**
 * The attract screen: hub name, now serving at each queue, what's on next, and whether the hub is open now (outside
 * its opening hours it says when it opens, and check-in and tickets wait for then).
 */
public final class HomeViewModel {
    private static final System.Logger LOG = System.getLogger(HomeViewModel.class.getName());
    static final int NEXT_SHOWN = 3;

    private final ReadOnlyIntegerWrapper begun = new ReadOnlyIntegerWrapper();
    private final CentralClient central;
    private final org.linli.kiosk.central.Catalogue catalogue;
    private final org.linli.kiosk.session.Async async;
    private final InstantSource clock;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<Names> hubName;
    private final ObservableList<QueueStatus> serving = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<QueueStatus> servingReadOnly = FXCollections.unmodifiableObservableList(serving);
    private final ObservableList<Activity> next = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Activity> nextReadOnly = FXCollections.unmodifiableObservableList(next);
    private final ObservableList<Serving> strip = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Serving> stripReadOnly = FXCollections.unmodifiableObservableList(strip);
    private final ReadOnlyObjectWrapper<Closed> closed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Names>> rooms = new ReadOnlyObjectWrapper<>(List.of());
    private Map<String, Service> services = Map.of();
    private OpeningHours hours;
    private org.linli.kiosk.central.Model.Week week;

    /**
     * One service in the now-serving strip: its name (null while the hub's services are not loaded), the number
     * being served (null before the first call of the day) and how many people wait.
     */
    /** @param noCounterOpen every counter serving it is closed now (lunch, the day's end): no wait to tell */
    public record Serving(String service, Names name, String number, int waiting, boolean noCounterOpen) {
        /** Nobody waits, nobody is served, and a counter is open: there is nothing to say about it but "no wait". */
        public boolean idle() {
            return number == null && waiting == 0 && !noCounterOpen;
        }
    }

    /**
     * The hub is closed now.
     *
     * @param opens when it opens next (hub time), or null when that is not known
     * @param days how many days from today that is (0 today, 1 tomorrow)
     * @param allDay whether it does not open at all today (a holiday, a closed weekday)
     */
    public record Closed(ZonedDateTime opens, long days, boolean allDay) {
    }

    /** @param catalogue kept up to date with the hub's rooms and services each time the hub is loaded */
    public HomeViewModel(CentralClient central, org.linli.kiosk.session.Async async, InstantSource clock, ZoneId zone,
            org.linli.kiosk.central.Catalogue catalogue) {
        this.catalogue = catalogue;
        this.central = central;
        this.async = async;
        this.clock = clock;
        this.zone = zone;
        this.hubName = new ReadOnlyObjectWrapper<>(new Names("邻里汇", "Neighbourhood Hub"));
        serving.addListener((InvalidationListener) o -> rebuildStrip());
    }

    public ReadOnlyObjectProperty<Names> hubNameProperty() {
        return hubName.getReadOnlyProperty();
    }

    public ObservableList<QueueStatus> serving() {
        return servingReadOnly;
    }

    public ObservableList<Activity> next() {
        return nextReadOnly;
    }

    /** How many of {@link #next()} have begun: the list stays the same when one begins, what it says does not. */
    public ReadOnlyIntegerProperty begunProperty() {
        return begun.getReadOnlyProperty();
    }

    /** The now-serving strip: every service of the hub with a queue, by name, in the hub's order. */
    public ObservableList<Serving> strip() {
        return stripReadOnly;
    }

    /** The names of the hub's rooms, in the order central sends them; empty while the hub is not loaded or has no rooms. */
    public ReadOnlyObjectProperty<List<Names>> roomsProperty() {
        return rooms.getReadOnlyProperty();
    }

    /** True when no service has anyone waiting or served (and the queues are known). */
    public boolean nobodyWaiting() {
        return !strip.isEmpty() && strip.stream().allMatch(Serving::idle);
    }

    /**
     * The {@code room} services of {@code strip} a resident most watches for, where the strip has no room for all:
     * those with a number called first (someone there watches for their number), then those most people wait at;
     * each in its place in the strip, so that a service keeps its place while everything fits.
     */
    static List<Serving> mostWatched(List<Serving> strip, int room) {
        List<Serving> chosen = strip.stream().sorted(Comparator.comparing((Serving s) -> s.number() == null)
                .thenComparing(Serving::waiting, Comparator.reverseOrder())).limit(room).toList();
        return strip.stream().filter(chosen::contains).toList();
    }

    /** Null while the hub is open (or its hours are not known yet). */
    public ReadOnlyObjectProperty<Closed> closedProperty() {
        return closed.getReadOnlyProperty();
    }

    /** Check-in and tickets are for when the hub is open. */
    public boolean open() {
        return closed.get() == null;
    }

    /** Looks at the clock again: the hub opens or closes while the attract screen is up. */
    public void checkOpening() {
        var now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        closed.set(Opening.shut(hours, week, now, zone).map(shut -> new Closed(shut.opens(), shut.opens() == null ? -1
                : java.time.temporal.ChronoUnit.DAYS.between(today, shut.opens().toLocalDate()), shut.allDay()))
                .orElse(null));
    }

    /** A {@code queue} event: new waiting figures; its letter and now-serving number come from the snapshot. */
    public void liveQueue(QueueStatus status) {
        for (int i = 0; i < serving.size(); i++) {
            if (serving.get(i).service().equals(status.service())) {
                serving.set(i, serving.get(i).updatedBy(status));
                return;
            }
        }
        serving.add(status);
    }

    /** A {@code call} event: a counter called a ticket, so that is the number now served for its service. */
    public void called(String service, String ticket) {
        for (int i = 0; i < serving.size(); i++) {
            QueueStatus q = serving.get(i);
            if (q.service().equals(service)) {
                serving.set(i, q.serving(ticket));
            }
        }
    }

    /** Loads everything again; what cannot be loaded keeps its last value (the offline banner says why). */
    public void refresh() {
        checkOpening();
        async.run(central::hub, this::loaded, this::keep);
        async.run(central::queues, list -> org.linli.kiosk.session.Lists.replace(serving, list), this::keep);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        async.run(() -> upcoming(central.activities(today, today.plusDays(6))), list -> {
            org.linli.kiosk.session.Lists.replace(next, list);
            begun.set((int) list.stream().filter(a -> !a.start().toInstant().isAfter(clock.instant())).count());
        }, this::keep);
    }

    private void loaded(Hub hub) {
        hubName.set(hub.name());
        catalogue.update(hub);
        rooms.set(hub.rooms().stream().map(org.linli.kiosk.central.Model.Room::name).toList());
        hours = hub.openingHours();
        week = hub.week();
        Map<String, Service> byId = new LinkedHashMap<>();
        hub.services().forEach(service -> byId.put(service.id(), service));
        services = byId;
        checkOpening();
        rebuildStrip();
    }

    private void rebuildStrip() {
        org.linli.kiosk.session.Lists.replace(strip, serving.stream().map(q -> {
            Service service = services.get(q.service());
            return new Serving(q.service(), service == null ? null : service.name(), q.nowServing(), q.waiting(),
                    q.noCounterOpen());
        }).toList());
    }

    private List<Activity> upcoming(List<Activity> all) {
        var now = clock.instant();
        return all.stream().filter(a -> a.end().toInstant().isAfter(now))
                .sorted(Comparator.comparing(Activity::start)).limit(NEXT_SHOWN).toList();
    }

    private void keep(Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "home refresh failed: " + e.getMessage());
    }
}
