package org.linli.central.live;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.alerts.Alerts;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Counter;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.errors.NotFound;
import org.linli.central.queue.Queues;
import org.linli.central.web.Json;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/** The hub's live snapshot, the evacuation head count, and a counter's console view. */
public final class LiveService implements HttpService {
    private final Catalogue catalogue;
    private final RoomViews rooms;
    private final DeviceRegistry devices;
    private final Alerts alerts;
    private final Queues queues;
    private final Figures figures;
    private final Guard guard;
    private final HubReach reach;
    private final Clock clock;

    public LiveService(Catalogue catalogue, RoomViews rooms, DeviceRegistry devices, Alerts alerts, Queues queues,
            Figures figures, Guard guard, Clock clock) {
        this.catalogue = catalogue;
        this.rooms = rooms;
        this.devices = devices;
        this.alerts = alerts;
        this.queues = queues;
        this.figures = figures;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs/{hub}/live", this::live)
                .get("/hubs/{hub}/evacuation", this::evacuation)
                .get("/counters/{counter}", this::counter);
    }

    /** Who asks, about which hub of theirs. */
    private record Asked(Caller caller, Hub hub) {
    }

    private Asked asked(ServerRequest req) {
        String hubId = Requests.id(req, "hub"); // a malformed id names no hub, whoever asks
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        return new Asked(caller, reach.hub(caller, hubId));
    }

    private void live(ServerRequest req, ServerResponse res) {
        Asked asked = asked(req);
        Caller caller = asked.caller();
        Hub hub = asked.hub();
        List<RoomViews.RoomView> views = rooms.hub(hub);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hub", hub.id());
        body.put("ts", now(hub));
        // only rooms with a door counter count people; a room with only a motion sensor says "someone is in"
        HubPeople people = HubPeople.of(views.stream().map(RoomViews.RoomView::sensed)
                .filter(java.util.Objects::nonNull).toList(), hub.capacity());
        body.put("peopleInHub", people.counted());
        body.put("uncountedOccupiedRooms", people.uncountedOccupied());
        // what the hub's fire certificate allows (null: not set); over it, a hub_over_capacity alert is open
        body.put("capacity", hub.capacity());
        body.put("overCapacity", people.over());
        // a screen is sent no booking id, as on the event stream (Event.publicView)
        body.put("rooms", views.stream().map(RoomViews.RoomView::event)
                .map(room -> caller.signedInStaff() ? room : room.publicView()).toList());
        body.put("queues", queues.overview(hub));
        // a screen in the lobby shows the rooms, the people and the queues; the devices and alerts are the staff's
        if (!caller.displayKey()) {
            body.put("devices", devices.views(hub.id()).stream().map(d -> d.event(hub.timezone())).toList());
            body.put("alerts", alerts.today(hub.id()).stream().map(a -> a.event(hub.timezone())).toList());
        }
        body.put("figures", figures.today(hub));
        Json.ok(res, body);
    }

    /**
     * Head count per room from the sensors; a room without counting sensors shows null, never a guess. A room whose
     * last sample came from a device that is offline now is {@code stale}: its figure may be old, and the list says
     * so. {@code since} is when the room last turned occupied or empty, {@code updated} the last sample.
     */
    private void evacuation(ServerRequest req, ServerResponse res) {
        Hub hub = asked(req).hub();
        List<Map<String, Object>> list = new ArrayList<>();
        int total = 0;
        int uncounted = 0;
        int stale = 0;
        for (RoomViews.RoomView view : rooms.hub(hub)) {
            RoomStates.Sensed sensed = view.sensed();
            boolean old = sensed != null && (sensed.deviceId() == null
                    || devices.view(sensed.deviceId()).map(d -> !d.online()).orElse(true));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("room", view.room().id());
            row.put("name", view.room().name());
            row.put("count", view.count());
            row.put("occupied", view.occupied());
            row.put("source", sensed == null ? null : sensed.source());
            row.put("since", sensed == null ? null : Times.format(Instant.ofEpochMilli(sensed.sinceTs()),
                    hub.timezone()));
            row.put("updated", sensed == null ? null : Times.format(Instant.ofEpochMilli(sensed.updatedTs()),
                    hub.timezone()));
            row.put("device", sensed == null ? null : sensed.deviceId());
            row.put("stale", old);
            list.add(row);
            total += view.count() == null ? 0 : view.count();
            uncounted += HubPeople.uncounted(sensed) ? 1 : 0;
            stale += old ? 1 : 0;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hub", hub.id());
        body.put("name", hub.name());
        body.put("ts", now(hub));
        body.put("total", total);
        body.put("uncountedOccupiedRooms", uncounted);
        body.put("staleRooms", stale);
        body.put("rooms", list);
        Json.ok(res, body);
    }

    private void counter(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        Counter counter = catalogue.counter(Requests.id(req, "counter"))
                .orElseThrow(() -> new NotFound("no counter with that id"));
        guard.requireOwnHub(caller, counter.hubId()); // the console of the one serving there, as for counter work
        Hub hub = catalogue.requireHub(counter.hubId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", counter.id());
        body.put("hub", hub.id());
        body.put("name", counter.name());
        body.put("ts", now(hub));
        body.put("services", counter.services());
        // closed by its clerk (lunch, the day's end): it calls nobody until opened again
        Queues.CounterState state = queues.state(counter);
        body.put("open", state.open());
        body.put("openSince", state.since());
        // where a ticket can be sent on: every service of the hub
        body.put("transferTo", Retiring.inUse(catalogue.services(hub.id())).stream().map(s -> Map.of("id", s.id(),
                "letter", s.letter(), "name", s.name())).toList());
        body.put("current", queues.serving(counter).orElse(null));
        body.put("waiting", queues.waitingFor(counter));
        Json.ok(res, body);
    }

    private String now(Hub hub) {
        return Times.format(clock.instant(), hub.timezone());
    }
}
