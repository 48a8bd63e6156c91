package org.linli.central.catalogue;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.RuleViolation;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/** {@code /api/v1/hubs…} for everyone, and the staff edit of a room. */
public final class CatalogueService implements HttpService {
    private final Catalogue catalogue;
    private final Guard guard;
    private final long maxBody;
    private final Clock clock;
    private final HubEditService hubEdit;
    private final RetireService retiring;

    public CatalogueService(Catalogue catalogue, Guard guard, long maxBody, Clock clock) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.maxBody = maxBody;
        this.clock = clock;
        this.hubEdit = new HubEditService(catalogue, guard, maxBody);
        this.retiring = new RetireService(catalogue, guard, clock);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs", this::hubs)
                .get("/hubs/{hub}", this::hub)
                .put("/hubs/{hub}", hubEdit::put)
                .put("/rooms/{room}", this::putRoom)
                .put("/services/{service}", this::putService)
                .put("/counters/{counter}", this::putCounter)
                .put("/activities/{activity}", this::putActivity);
        retiring.routing(rules);
    }

    private void hubs(ServerRequest req, ServerResponse res) {
        Json.ok(res, catalogue.hubs().stream().map(CatalogueService::summary).toList());
    }

    private void hub(ServerRequest req, ServerResponse res) {
        Hub hub = catalogue.requireHub(Requests.id(req, "hub"));
        OpeningHours hours = catalogue.hours(hub);
        Map<String, Object> body = HubEditService.json(hub, hours);
        body.put("openingHours", today(hub, hours));
        // the hub's time now: screens show the hub's clock and day, not the clock of the machine they run on
        body.put("now", Times.format(clock.instant(), hub.timezone()));
        List<Room> rooms = catalogue.rooms(hub.id());
        List<ServiceItem> services = catalogue.services(hub.id());
        List<Counter> counters = catalogue.counters(hub.id());
        // what kiosks, boards and consoles offer; the retired ones apart, for the catalogue page to bring back
        body.put("rooms", Retiring.inUse(rooms).stream().map(CatalogueService::room).toList());
        body.put("services", Retiring.inUse(services).stream().map(CatalogueService::service).toList());
        java.util.Set<String> closed = catalogue.closedCounters(hub.id());
        body.put("counters", Retiring.inUse(counters).stream().map(c -> Map.of("id", c.id(),
                "name", c.name(), "services", c.services(), "open", !closed.contains(c.id()))).toList());
        body.put("retired", Map.of(
                "rooms", rooms.stream().filter(Room::retired).map(CatalogueService::room).toList(),
                "services", services.stream().filter(ServiceItem::retired).map(CatalogueService::service).toList(),
                "counters", counters.stream().filter(Counter::retired).map(c -> Map.of("id", c.id(),
                        "name", c.name(), "services", c.services())).toList()));
        Json.ok(res, body);
    }

    /**
     * Today's hours in the hub's zone, as the kiosk reads them; on a closed day the week's usual span, with
     * {@code "closed": true}, so an older kiosk still finds both times.
     */
    private Map<String, Object> today(Hub hub, OpeningHours hours) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), hub.timezone());
        Optional<OpeningHours.Day> day = hours.on(today);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open", day.map(OpeningHours.Day::open).orElse(hub.opens()).toString());
        body.put("close", day.map(OpeningHours.Day::close).orElse(hub.closes()).toString());
        if (day.isEmpty()) {
            body.put("closed", true);
        }
        return body;
    }

    static Map<String, Object> summary(Hub hub) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", hub.id());
        body.put("level", hub.level());
        if (hub.parent() != null) {
            body.put("parent", hub.parent());
        }
        body.put("name", hub.name());
        body.put("timezone", hub.timezone().getId());
        if (hub.capacity() != null) {
            body.put("capacity", hub.capacity());
        }
        return body;
    }

    private static Map<String, Object> service(ServiceItem s) {
        return Map.of("id", s.id(), "letter", s.letter(), "name", s.name(), "typicalMinutes", s.typicalMinutes());
    }

    static Map<String, Object> room(Room room) {
        Room.Rules r = room.rules();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", room.id());
        body.put("name", room.name());
        body.put("capacity", room.capacity());
        body.put("facilities", room.facilities());
        body.put("rules", Map.of("slotMinutes", r.slotMinutes(), "minMinutes", r.minMinutes(),
                "maxMinutes", r.maxMinutes(), "leadMinutes", r.leadMinutes(), "maxDaysAhead", r.maxDaysAhead(),
                "maxActivePerResident", r.maxActivePerResident()));
        return body;
    }

    /** Staff edit of a room's name, capacity, facilities and rules (an existing room, or a new one in a hub). */
    private void putRoom(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String id = Requests.idToWrite(req, "room");
        JsonBody body = JsonBody.read(req, maxBody);
        String hubId = body.text("hub", 64);
        String zh = body.text("nameZh", 60);
        String en = body.text("nameEn", 60);
        Integer capacity = body.integer("capacity", 1, 1000);
        Integer slot = body.optionalInteger("slotMinutes", 5, 240);
        Integer min = body.optionalInteger("minMinutes", 5, 1440);
        Integer max = body.optionalInteger("maxMinutes", 5, 1440);
        Integer lead = body.optionalInteger("leadMinutes", 0, 10080);
        Integer ahead = body.optionalInteger("maxDaysAhead", 1, 366);
        Integer active = body.optionalInteger("maxActivePerResident", 1, 100);
        body.done();
        Hub hub = catalogue.hub(hubId).orElseThrow(() -> InvalidInput.field("hub", "no hub " + hubId));
        mayWrite(caller, "room", id, hubId, catalogue.room(id).map(Room::hubId));
        Room.Rules old = catalogue.room(id).map(Room::rules).orElse(new Room.Rules(30, 30, 240, 0, 30, 3));
        Room.Rules rules = new Room.Rules(or(slot, old.slotMinutes()), or(min, old.minMinutes()),
                or(max, old.maxMinutes()), or(lead, old.leadMinutes()), or(ahead, old.maxDaysAhead()),
                or(active, old.maxActivePerResident()));
        if (rules.minMinutes() > rules.maxMinutes()) {
            throw InvalidInput.field("minMinutes", "must not be larger than maxMinutes");
        }
        SlotGrid.offTheGrid(hub, catalogue.hours(hub), rules.slotMinutes()).ifPresent(problem -> {
            throw new RuleViolation("off-the-grid", problem);
        });
        List<String> facilities = catalogue.room(id).map(Room::facilities).orElse(List.of());
        Room room = new Room(id, hubId, new Name(zh, en), capacity, facilities, rules);
        catalogue.put(room);
        Json.ok(res, room(room));
    }

    /** Staff edit of a service: its ticket letter (one per hub), names and typical duration. */
    private void putService(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String id = Requests.idToWrite(req, "service");
        JsonBody body = JsonBody.read(req, maxBody);
        String hubId = body.text("hub", 64);
        String letter = body.text("letter", 1);
        String zh = body.text("nameZh", 60);
        String en = body.text("nameEn", 60);
        Integer minutes = body.integer("typicalMinutes", 1, 480);
        body.done();
        requireHub(hubId);
        mayWrite(caller, "service", id, hubId, catalogue.service(id).map(ServiceItem::hubId));
        if (!letter.matches("[A-Z]")) {
            throw InvalidInput.field("letter", "must be one capital letter A-Z");
        }
        if (catalogue.services(hubId).stream().anyMatch(s -> s.letter().equals(letter) && !s.id().equals(id))) {
            // a retired service keeps its letter: its past tickets stay its own, and it can be brought back
            throw new RuleViolation("letter-taken", "another service of this hub (retired ones included) has the "
                    + "letter " + letter);
        }
        ServiceItem service = new ServiceItem(id, hubId, letter, new Name(zh, en), minutes);
        catalogue.put(service);
        Json.ok(res, Map.of("id", id, "hub", hubId, "letter", letter, "name", service.name(),
                "typicalMinutes", minutes));
    }

    /** Staff edit of a counter: names and the services of its hub it serves. */
    private void putCounter(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String id = Requests.idToWrite(req, "counter");
        JsonBody body = JsonBody.read(req, maxBody);
        String hubId = body.text("hub", 64);
        String zh = body.text("nameZh", 60);
        String en = body.text("nameEn", 60);
        List<String> services = body.ids("services", 50);
        body.done();
        requireHub(hubId);
        mayWrite(caller, "counter", id, hubId, catalogue.counter(id).map(Counter::hubId));
        List<String> known = catalogue.services(hubId).stream().map(ServiceItem::id).toList();
        for (String service : services) {
            if (!known.contains(service)) {
                throw InvalidInput.field("services", "this hub has no service " + service);
            }
        }
        Counter counter = new Counter(id, hubId, new Name(zh, en), services);
        catalogue.put(counter);
        Json.ok(res, Map.of("id", id, "hub", hubId, "name", counter.name(), "services", services));
    }

    /** Staff edit of an activity: title, room of the same hub, time and capacity. */
    private void putActivity(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String id = Requests.idToWrite(req, "activity");
        JsonBody body = JsonBody.read(req, maxBody);
        String roomId = body.text("room", 64);
        String zh = body.text("titleZh", 80);
        String en = body.text("titleEn", 80);
        OffsetDateTime start = body.time("start");
        OffsetDateTime end = body.time("end");
        Integer capacity = body.integer("capacity", 1, 10_000);
        body.done();
        Room room = catalogue.room(roomId)
                .orElseThrow(() -> InvalidInput.field("room", "there is no room " + roomId));
        mayWrite(caller, "activity", id, room.hubId(), catalogue.activity(id).map(Activity::hubId));
        if (room.retired()) {
            throw Retiring.retired("room", roomId);
        }
        if (catalogue.activity(id).map(Activity::cancelled).orElse(false)) {
            throw new Conflict("activity-cancelled", "The activity was cancelled",
                    "the activity " + id + " was cancelled and stays so; make a new one with another id");
        }
        if (!end.isAfter(start)) {
            throw InvalidInput.field("end", "must be after start");
        }
        if (java.time.Duration.between(start, end).toHours() > 24) {
            throw InvalidInput.field("end", "an activity lasts at most a day");
        }
        if (catalogue.activity(id).isEmpty() && !end.toInstant().isAfter(clock.instant())) {
            // a new activity that is already over is a wrong date (last year's, last month's): nobody can sign up,
            // and it would be stored where the lists of what is on never show it
            throw InvalidInput.field("end", "has already passed: a new activity must end after now");
        }
        if (capacity > room.capacity()) {
            throw new RuleViolation("over-capacity", "the room holds " + room.capacity() + " people");
        }
        Activity activity = new Activity(id, room.hubId(), roomId, new Name(zh, en), start.toInstant(),
                end.toInstant(), capacity);
        catalogue.put(activity);
        Json.ok(res, Map.of("id", id, "hub", room.hubId(), "room", roomId, "title", activity.title(),
                "start", start.toString(), "end", end.toString(), "capacity", capacity));
    }

    /**
     * An admin edits the catalogue of their hub and the hubs below it, and an entry stays in its hub: one of another
     * hub is neither changed nor moved (finding H1; a move would hand another hub's room, with its bookings, over).
     */
    private void mayWrite(Caller caller, String kind, String id, String hubId, Optional<String> existingHub) {
        guard.requireHub(caller, hubId);
        if (existingHub.isPresent()) {
            guard.requireHub(caller, existingHub.get());
            if (!existingHub.get().equals(hubId)) {
                throw new Conflict("hub-change", "An entry stays in its hub",
                        "the " + kind + " " + id + " belongs to hub " + existingHub.get() + "; it cannot move to " + hubId);
            }
        }
    }

    private void requireHub(String hubId) {
        if (catalogue.hub(hubId).isEmpty()) {
            throw InvalidInput.field("hub", "no hub " + hubId);
        }
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
