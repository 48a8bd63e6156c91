package org.linli.central.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linli.central.catalogue.Name;
import org.linli.central.web.Json;

/**
 * The JSON of each event is its SSE {@code data} as docs/api.md documents it: the keys that may be null are sent as
 * null (screens read {@code count: null} as "not counted"), the check-in leaves out what does not apply, and the
 * event's name is never a field. Reading it back gives the same record, as the kiosk and the tests do.
 */
class EventJsonTest {

    @Test
    void aRoomWithoutSensorsSendsItsUnknownsAsNull() throws IOException {
        RoomEvent room = new RoomEvent("wutong66", "studio", new Name("工作室", "Studio"), "free", false, null, 12,
                null, null, null, false, null);
        JsonNode json = json(room);
        assertEquals(List.of("hub", "room", "name", "status", "occupied", "count", "capacity", "since", "source",
                "bookingId", "maintenance", "nextBooking"), fields(json));
        assertEquals("工作室", json.get("name").get("zh").asText());
        assertEquals(true, json.get("count").isNull());
        assertEquals(room, Json.MAPPER.treeToValue(json, RoomEvent.class));
    }

    @Test
    void devicesAlertsAndFiguresKeepTheirNullFields() throws IOException {
        assertEquals(List.of("id", "hub", "online", "lastSeen", "version", "outboxDepth", "cpuTempC", "memoryMb",
                "uptimeS", "rooms", "malformed", "dropped"), fields(json(new DeviceEvent("door-1", "h", false, null,
                null, null, null, null, null, List.of("studio"), 0, 0))));
        assertEquals(List.of("id", "hub", "kind", "room", "device", "message", "ts", "state", "acknowledged",
                "acknowledgedBy", "acknowledgedAt", "resolved", "resolvedAt"),
                fields(json(new AlertEvent(7, "h", "device_offline", null, "door-1", new Name("离线", "offline"),
                        "2026-11-28T10:00:00+08:00", "open", false, null, null, false, null))));
        assertEquals(List.of("hub", "date", "visits", "visitsTotal", "tickets", "averageWaitMinutes", "bookings",
                "averageRating"), fields(json(new FiguresEvent("h", "2026-11-28", Map.of("a", 1), 1, 0, null, 0,
                null))));
    }

    /** docs/api.md: {@code queue} carries countersOpen beside the estimate; {@code counter} is three fields. */
    @Test
    void queuesTellTheirOpenCountersAndACounterItsOpening() throws IOException {
        assertEquals(List.of("hub", "service", "waiting", "estimatedWaitMinutes", "countersOpen"),
                fields(json(new QueueEvent("h", "health", 2, 20, 0))));
        assertEquals(List.of("hub", "counter", "open"), fields(json(new CounterEvent("h", "counter-1", false))));
        assertEquals("counter", new CounterEvent("h", "counter-1", true).eventName());
    }

    /** docs/api.md: {@code signups} is an activity's counts, and no resident. */
    @Test
    void anActivitysSignupsAreItsCounts() throws IOException {
        assertEquals(List.of("hub", "activity", "signedUp", "waitlisted"),
                fields(json(new SignupsEvent("h", "tai-chi", 2, 1))));
        assertEquals("signups", new SignupsEvent("h", "tai-chi", 2, 1).eventName());
    }

    @Test
    void aCheckinLeavesOutWhatDoesNotApply() throws IOException {
        assertEquals(List.of("id", "hub", "kind", "service"),
                fields(json(new CheckinEvent(3L, "h", "phone", null, null, "consult", null))));
    }

    @Test
    void everyBookingEventHasOneShape() throws IOException {
        assertEquals(List.of("id", "hub", "room", "start", "end", "status"), fields(json(new BookingEvent(9L, "h",
                "studio", "2026-11-28T10:00:00+08:00", "2026-11-28T11:00:00+08:00", "released"))));
    }

    @Test
    void anActivityCalledOffCarriesWhatAScreenShowsOfIt() throws IOException {
        ActivityEvent off = new ActivityEvent("tea-talk", "h", "activity-room", new Name("茶话会", "Tea talk"),
                "2026-11-28T15:00:00+08:00", "2026-11-28T16:00:00+08:00", 8, "cancelled");
        JsonNode json = json(off);
        assertEquals(List.of("id", "hub", "room", "title", "start", "end", "capacity", "status"), fields(json));
        assertEquals(off, Json.MAPPER.treeToValue(json, ActivityEvent.class));
    }

    /**
     * Issue 13: a kiosk's or a screen's stream carries no id that reads a ticket or rates a visit; what its pages read
     * (the number and counter of a call, a booking's room and times, a room's state) stays.
     */
    @Test
    void thePublicFormsLeaveOutTheIdsThatActAsPermissions() throws IOException {
        assertEquals(List.of("hub", "counter", "service", "number", "recall"), fields(json(new CallEvent("h",
                "counter-1", "legal", "A023", "t-secret", true).publicView())));
        assertEquals(List.of("hub", "kind", "room"), fields(json(new CheckinEvent(3L, "h", "booking", 9L, "studio",
                null, null).publicView())));
        assertEquals(List.of("hub", "room", "start", "end", "status"), fields(json(new BookingEvent(9L, "h",
                "studio", "2026-11-28T10:00:00+08:00", "2026-11-28T11:00:00+08:00", "active").publicView())));
        RoomEvent booked = new RoomEvent("h", "studio", new Name("工作室", "Studio"), "booked", false, null, 12,
                null, null, 9L, false, null);
        assertEquals(true, json(booked.publicView()).get("bookingId").isNull());
        assertEquals(9, json(booked).get("bookingId").asLong(), "staff's form keeps it");
        QueueEvent queue = new QueueEvent("h", "legal", 2, 20, 1);
        assertEquals(queue, queue.publicView());
    }

    private static JsonNode json(Event event) throws IOException {
        return Json.MAPPER.readTree(Json.bytes(event));
    }

    private static List<String> fields(JsonNode json) {
        return json.properties().stream().map(Map.Entry::getKey).toList();
    }
}
