package org.linli.central.booking;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Retiring;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.catalogue.Room;
import org.linli.central.errors.InvalidInput;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;

/**
 * The bookings desk. Staff of a hub (or a hub above it): {@code GET /hubs/{hub}/bookings?from=&days=} the bookings by
 * room, {@code POST /bookings/{id}/cancel {"reason"}}, {@code POST /rooms/{room}/blocks {"date","from","to","reason"}}
 * (times in the hub's zone). A resident at a kiosk, by their card: {@code POST /residents/bookings
 * {"residentToken"}} their bookings not yet ended, {@code POST /residents/bookings/{id}/cancel {"residentToken"}}.
 */
public final class DeskService implements HttpService {
    private static final int MAX_DAYS = 14;
    private static final int MAX_REASON = 200;
    private final Desk desk;
    private final Catalogue catalogue;
    private final Guard guard;
    private final HubReach reach;
    private final java.time.Clock clock;
    private final long maxBody;

    public DeskService(Desk desk, Catalogue catalogue, Guard guard, java.time.Clock clock, long maxBody) {
        this.desk = desk;
        this.catalogue = catalogue;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.clock = clock;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hubs/{hub}/bookings", this::list)
                .post("/bookings/{id}/cancel", this::cancel)
                .post("/rooms/{room}/blocks", this::block)
                .post("/residents/bookings", this::mine)
                .post("/residents/bookings/{id}/cancel", this::cancelMine);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        Hub hub = reach.hub(caller, Requests.id(req, "hub"));
        ZoneId zone = hub.timezone();
        LocalDate from = req.query().first("from").isPresent() ? Requests.date(req, "from")
                : LocalDate.now(clock.withZone(zone));
        int days = days(req.query().first("days").orElse("1"));
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = from.plusDays(days).atStartOfDay(zone).toInstant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hub", hub.id());
        body.put("timezone", zone.getId());
        body.put("now", Times.format(clock.instant(), zone));
        body.put("today", LocalDate.now(clock.withZone(zone)).toString());
        body.put("from", from.toString());
        body.put("days", days);
        body.put("opens", hub.opens().toString());
        body.put("closes", hub.closes().toString());
        body.put("rooms", Retiring.inUse(catalogue.rooms(hub.id())).stream().map(r -> Map.of("id", r.id(),
                "name", Map.of("zh", r.name().zh(), "en", r.name().en()))).toList());
        // A counter sees when rooms are booked, not by whom nor what for: it may not read a booking by its id
        // either (finding H3, decision 0011).
        boolean whose = caller.role() != Role.COUNTER;
        // nor their door QR (GET /bookings/{id}/qr.png), which the page offers to the others
        body.put("qr", whose);
        body.put("bookings", desk.list(hub.id(), start, end).stream().map(e -> json(e, zone, whose)).toList());
        Json.ok(res, body);
    }

    private static int days(String text) {
        try {
            int days = Integer.parseInt(text.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // the refusal below says what is wanted
        }
        throw InvalidInput.field("days", "must be a whole number of days from 1 to " + MAX_DAYS);
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        long id = Requests.number(req, "id");
        JsonBody body = JsonBody.read(req, maxBody);
        String reason = body.text("reason", MAX_REASON);
        body.done();
        Desk.Entry cancelled = desk.cancel(id, reason, hub -> guard.reaches(caller, hub));
        Requests.auditNote(req, cancelled.hubId(), reason);
        Json.ok(res, json(cancelled, catalogue.requireHub(cancelled.hubId()).timezone(), true));
    }

    private void block(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Room room = reach.room(caller, Requests.id(req, "room"));
        if (room.retired()) {
            throw Retiring.retired("room", room.id());
        }
        Hub hub = catalogue.requireHub(room.hubId());
        JsonBody body = JsonBody.read(req, maxBody);
        String dateText = body.text("date", 10);
        String fromText = body.text("from", 5);
        String toText = body.text("to", 5);
        String reason = body.text("reason", MAX_REASON);
        body.done();
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        LocalDate date = null;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeException e) {
            errors.add(new InvalidInput.FieldError("date", "must be a date like 2026-12-07"));
        }
        LocalTime from = time(fromText, "from", errors);
        LocalTime to = time(toText, "to", errors);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new InvalidInput.FieldError("to", "must be after the start"));
        }
        if (from != null && from.isBefore(hub.opens())) {
            errors.add(new InvalidInput.FieldError("from", "the hub opens at " + hub.opens()));
        }
        if (to != null && to.isAfter(hub.closes())) {
            errors.add(new InvalidInput.FieldError("to", "the hub closes at " + hub.closes()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        ZoneId zone = hub.timezone();
        Desk.Entry block = desk.block(room, date.atTime(from).atZone(zone).toInstant(),
                date.atTime(to).atZone(zone).toInstant(), reason);
        Requests.auditNote(req, hub.id(), reason);
        Json.created(res, json(block, zone, true));
    }

    private static LocalTime time(String text, String field, List<InvalidInput.FieldError> errors) {
        try {
            if (text.length() == 5 && text.charAt(2) == ':') {
                return LocalTime.of(Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(3)));
            }
        } catch (NumberFormatException | DateTimeException e) {
            // the error below says what is wanted
        }
        errors.add(new InvalidInput.FieldError(field, "must be a time like 09:30"));
        return null;
    }

    private void mine(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        JsonBody body = JsonBody.read(req, maxBody);
        String token = body.text("residentToken", 200);
        String hubField = body.optionalText("hub", 64);
        body.done();
        Hub hub = reach.named(caller, hubField);
        Json.ok(res, Map.of("bookings", desk.ofResident(token, hub.id()).stream()
                .map(e -> json(e, hub.timezone(), false)).toList()));
    }

    private void cancelMine(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        long id = Requests.number(req, "id");
        JsonBody body = JsonBody.read(req, maxBody);
        String token = body.text("residentToken", 200);
        String hubField = body.optionalText("hub", 64);
        body.done();
        Hub hub = reach.named(caller, hubField);
        Json.ok(res, json(desk.cancelByResident(token, hub.id(), id), hub.timezone(), false));
    }

    /**
     * @param staff whether the hub's operators see it: the resident's phone's last digits, the purpose and the cancel
     *     reason too
     */
    private static Map<String, Object> json(Desk.Entry e, ZoneId zone, boolean staff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("hub", e.hubId());
        body.put("room", e.roomId());
        body.put("start", Times.format(e.start(), zone));
        body.put("end", Times.format(e.end(), zone));
        body.put("status", e.status());
        body.put("kind", e.kind());
        body.put("attendees", e.attendees());
        if (staff) {
            body.put("purpose", e.purpose());
            body.put("phoneLast4", e.phoneLast4());
            body.put("cancelReason", e.cancelReason());
        } else if ("maintenance".equals(e.kind())) {
            body.put("purpose", e.purpose()); // what is repaired: nobody's personal data
        }
        return body;
    }
}
