package org.linli.central.booking;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.HubReach;
import org.linli.central.catalogue.Room;
import org.linli.central.doorkeys.TokenKeys;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.RuleViolation;
import org.linli.central.residents.Consent;
import org.linli.central.residents.Residents;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;
import org.linli.central.web.Times;
import org.linli.protocol.Ids;
import org.linli.protocol.qr.QrCodes;

/** Rooms' availability, bookings, their QR codes, and a hub's revocation list and public keys. */
public final class BookingService implements HttpService {
    private static final int QR_SCALE = 8;
    private final Bookings bookings;
    private final Catalogue catalogue;
    private final TokenKeys keys;
    private final Guard guard;
    private final HubReach reach;
    private final long maxBody;

    public BookingService(Bookings bookings, Catalogue catalogue, TokenKeys keys, Guard guard, long maxBody) {
        this.bookings = bookings;
        this.catalogue = catalogue;
        this.keys = keys;
        this.guard = guard;
        this.reach = new HubReach(catalogue, guard);
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/rooms/{room}/availability", this::availability)
                .post("/bookings", this::create)
                .get("/bookings/{id}", this::get)
                .delete("/bookings/{id}", this::cancel)
                .post("/bookings/cancel", this::cancelShown)
                .get("/bookings/{id}/qr.png", this::qr)
                .get("/hubs/{hub}/revoked", this::revoked)
                .get("/hubs/{hub}/keys", this::keys);
    }

    private void availability(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_STAFF);
        Room room = reach.room(caller, Requests.id(req, "room"));
        LocalDate date = Requests.date(req, "date");
        Hub hub = catalogue.requireHub(room.hubId());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(availabilityJson(room, date, bookings.availability(room, hub, date), hub));
    }

    /** Written field by field: the kiosks' most frequent request, and a map per slot cost more than the query. */
    private static byte[] availabilityJson(Room room, LocalDate date, List<Bookings.Slot> slots, Hub hub) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + slots.size() * 80);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("room", room.id());
            json.writeStringField("date", date.toString());
            json.writeNumberField("slotMinutes", room.rules().slotMinutes());
            json.writeArrayFieldStart("slots");
            for (Bookings.Slot slot : slots) {
                json.writeStartObject();
                json.writeStringField("start", Times.format(slot.start(), hub.timezone()));
                json.writeStringField("end", Times.format(slot.end(), hub.timezone()));
                json.writeBooleanField("free", slot.free());
                if (slot.maintenance()) { // only then: this is the kiosks' most frequent answer
                    json.writeBooleanField("maintenance", true);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        String key = Requests.idempotencyKey(req);
        BookingRequest request = parse(JsonBody.read(req, maxBody), caller);
        Bookings.Created created = bookings.create(request, hub -> guard.reaches(caller, hub), key);
        Map<String, Object> body = view(created.booking());
        body.remove("phoneLast4");
        body.put("token", bookings.token(created.booking()));
        Json.send(res, created.replayed() ? Status.OK_200 : Status.CREATED_201, body);
    }

    private static BookingRequest parse(JsonBody body, Caller caller) {
        String room = body.text("room", 64);
        OffsetDateTime start = body.time("start");
        OffsetDateTime end = body.time("end");
        String phoneText = body.optionalText("phone", 24);
        String token = body.optionalText("residentToken", 200);
        Integer attendees = body.integer("attendees", 1, 10_000);
        String purpose = body.optionalText("purpose", 200);
        String consent = body.optionalText(Consent.FIELD, 20);
        body.done();
        if (!Ids.isValid(room)) {
            throw new RuleViolation("unknown-room", "there is no room with that id");
        }
        if ((phoneText == null) == (token == null)) {
            throw InvalidInput.field("phone", "send either phone or residentToken");
        }
        String phone = phoneText == null ? null : Residents.requirePhone("phone", phoneText);
        if (!end.toInstant().isAfter(start.toInstant())) {
            throw InvalidInput.field("end", "must be after start");
        }
        String fingerprint = room + "|" + start.toInstant() + "|" + end.toInstant() + "|" + attendees + "|"
                + (purpose == null ? "" : purpose);
        return new BookingRequest(room, start.toInstant(), end.toInstant(), phone, token, attendees,
                purpose == null ? "" : purpose, fingerprint, Consent.of(caller, consent));
    }

    /**
     * Staff of the booking's hub (or a hub above it) only: kiosk keys and counters never read, cancel or get the QR
     * of a booking by its id (finding H3). The QR is in the answer to the booking, once; a resident cancels at a
     * kiosk by showing it ({@code POST /bookings/cancel}).
     */
    private Booking ownBooking(ServerRequest req) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        return bookings.require(Requests.number(req, "id"), hub -> guard.reaches(caller, hub));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.ok(res, view(ownBooking(req)));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Booking booking = ownBooking(req);
        Json.ok(res, view(bookings.cancel(booking.id(), hub -> true)));
    }

    /**
     * {@code {"token":"LL1:…"}}: a resident shows the booking's QR at a kiosk (or to staff at a desk) and so proves
     * it is theirs; the answer says no more than the QR holder knows.
     */
    private void cancelShown(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.KIOSK_OR_DESK);
        JsonBody body = JsonBody.read(req, maxBody);
        String token = body.text("token", 200);
        String hubField = body.optionalText("hub", 64);
        body.done();
        String hub = hubField != null ? hubField : caller.hubId();
        if (hub == null) {
            throw InvalidInput.field("hub", "staff of all hubs name the hub whose kiosk the resident is at");
        }
        guard.requireHub(caller, hub);
        long id = keys.bookingShown(token, hub).orElseThrow(() -> new RuleViolation("token-not-accepted",
                "this is not the QR code of a booking of this hub"));
        Map<String, Object> body2 = view(bookings.cancel(id, hub::equals));
        body2.remove("phoneLast4");
        body2.remove("purpose");
        Json.ok(res, body2);
    }

    private void qr(ServerRequest req, ServerResponse res) {
        Booking booking = ownBooking(req);
        if (!booking.status().equals("active")) {
            throw new Conflict("booking-not-active", "The booking is not active",
                    "a " + booking.status() + " booking has no QR code to show");
        }
        res.header(HeaderNames.CONTENT_TYPE, "image/png");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(QrCodes.png(bookings.token(booking), QR_SCALE));
    }

    /** Staff of the hub: kiosks have no use for it, doors get their lists from the broker. */
    private void revoked(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.STAFF);
        String hub = reach.hub(caller, Requests.id(req, "hub")).id();
        Json.ok(res, Map.of("ts", System.currentTimeMillis(), "bookings", bookings.revoked(hub)));
    }

    private void keys(ServerRequest req, ServerResponse res) {
        catalogue.requireHub(Requests.id(req, "hub"));
        Json.ok(res, keys.published().keys());
    }

    private Map<String, Object> view(Booking booking) {
        Hub hub = catalogue.requireHub(booking.hubId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", booking.id());
        body.put("hub", booking.hubId());
        body.put("room", booking.roomId());
        body.put("start", Times.format(booking.start(), hub.timezone()));
        body.put("end", Times.format(booking.end(), hub.timezone()));
        body.put("attendees", booking.attendees());
        body.put("purpose", booking.purpose());
        body.put("status", booking.status());
        body.put("phoneLast4", booking.phoneLast4());
        return body;
    }
}
