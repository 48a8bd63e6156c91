package org.linli.kiosk.home;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.linli.kiosk.central.CentralClient;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.central.Names;

/** The attract screen: hub name, now serving at each queue, and what's on next. */
public final class HomeViewModel {
    private static final System.Logger LOG = System.getLogger(HomeViewModel.class.getName());
    static final int NEXT_SHOWN = 3;

    private final CentralClient central;
    private final org.linli.kiosk.central.Catalogue catalogue;
    private final org.linli.kiosk.ui.Async async;
    private final InstantSource clock;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<Names> hubName;
    private final ObservableList<QueueStatus> serving = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<QueueStatus> servingReadOnly = FXCollections.unmodifiableObservableList(serving);
    private final ObservableList<Activity> next = FXCollections.observableArrayList();
    // one read-only view, kept: a view made per call would be collected and drop its listeners
    private final ObservableList<Activity> nextReadOnly = FXCollections.unmodifiableObservableList(next);

    /** @param catalogue kept up to date with the hub's rooms and services each time the hub is loaded */
    public HomeViewModel(CentralClient central, org.linli.kiosk.ui.Async async, InstantSource clock, ZoneId zone,
            org.linli.kiosk.central.Catalogue catalogue) {
        this.catalogue = catalogue;
        this.central = central;
        this.async = async;
        this.clock = clock;
        this.zone = zone;
        this.hubName = new ReadOnlyObjectWrapper<>(new Names("邻里汇", "Neighbourhood Hub"));
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

    /** A {@code queue} event: waiting count and now-serving of one service. */
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
                serving.set(i, new QueueStatus(q.service(), q.letter(), q.waiting(), q.estimatedWaitMinutes(), ticket));
            }
        }
    }

    /** Loads everything again; what cannot be loaded keeps its last value (the offline banner says why). */
    public void refresh() {
        async.run(central::hub, hub -> {
            hubName.set(hub.name());
            catalogue.update(hub);
        }, this::keep);
        async.run(central::queues, list -> org.linli.kiosk.ui.Lists.replace(serving, list), this::keep);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        async.run(() -> upcoming(central.activities(today, today.plusDays(6))), list -> org.linli.kiosk.ui.Lists.replace(next, list),
                this::keep);
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
