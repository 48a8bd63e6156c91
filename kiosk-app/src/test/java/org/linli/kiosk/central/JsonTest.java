package org.linli.kiosk.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.BookingRequest;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.RoomState;
import org.linli.kiosk.central.Model.Signup;

class JsonTest {
    /** Jackson's data binding, which the kiosk used before, as the independent reader of what the kiosk writes. */
    private static final ObjectMapper OTHER = new ObjectMapper();

    @Test
    void readsTheHubAsTheServiceSendsIt() throws IOException {
        Hub hub = Hub.from(Json.parse("""
                {"id":"xh","name":{"zh":"梧桐","en":"Wutong"},"timezone":"Asia/Shanghai",
                 "openingHours":{"open":"08:30","close":"20:00"},"newField":[1,2,{"deep":true}],
                 "rooms":[{"id":"hall","name":{"zh":"大厅"},"capacity":40,"facilities":["projector","piano"],
                           "rules":{"slotMinutes":30,"minMinutes":30,"maxMinutes":240,"leadMinutes":0,
                                    "maxDaysAhead":14}}],
                 "services":[{"id":"affairs","letter":"A","name":{"zh":"事务","en":"Affairs"},"typicalMinutes":6}]}
                """));
        assertEquals("xh", hub.id());
        assertEquals("Wutong", hub.name().en());
        assertEquals("20:00", hub.openingHours().close());
        assertEquals(1, hub.rooms().size());
        assertEquals("大厅", hub.rooms().get(0).name().zh());
        assertNull(hub.rooms().get(0).name().en(), "a language the service left out");
        assertEquals(List.of("projector", "piano"), hub.rooms().get(0).facilities());
        assertEquals(240, hub.rooms().get(0).rules().maxMinutes());
        assertEquals(6, hub.services().get(0).typicalMinutes());
    }

    @Test
    void fieldsThatAreNotThereReadAsNothing() throws IOException {
        Hub hub = Hub.from(Json.parse("{\"id\":\"xh\"}"));
        assertEquals(List.of(), hub.rooms());
        assertNull(hub.name());
        assertNull(hub.openingHours());
        RoomState room = RoomState.from(Json.parse("{\"room\":\"hall\",\"count\":null,\"occupied\":true}"));
        assertNull(room.count(), "null and absent counts stay unknown, not 0");
        assertTrue(room.occupied());
        assertEquals(0, room.capacity());
        assertEquals(3, Signup.from(Json.parse("{\"status\":\"waitlisted\",\"position\":3}")).position());
        assertNull(Signup.from(Json.parse("{\"status\":\"confirmed\"}")).position());
        assertTrue(Json.parse("[1]").path("x").isMissing(), "a field of an array");
        assertEquals("", Json.parse("{\"a\":{\"b\":1}}").path("a").asText(), "an object has no text");
    }

    @Test
    void readsTimesDatesAndNumbers() throws IOException {
        Activity activity = Activity.from(Json.parse("""
                {"id":"a1","title":{"zh":"太极","en":"Tai chi"},"room":"hall","start":"2026-11-28T09:00:00+08:00",
                 "end":"2026-11-28T10:00+08:00","capacity":"12","signedUp":12.0,"waitlisted":1e0}
                """));
        assertEquals(OffsetDateTime.parse("2026-11-28T09:00:00+08:00"), activity.start());
        assertEquals(OffsetDateTime.parse("2026-11-28T10:00+08:00"), activity.end());
        assertEquals(12, activity.capacity(), "a number written as text");
        assertEquals(12, activity.signedUp(), "a whole number written with a fraction");
        assertEquals(1, activity.waitlisted());
        assertTrue(activity.full());
        assertEquals(LocalDate.of(2026, 11, 28), Json.parse("{\"d\":\"2026-11-28\"}").path("d").asDate());
        assertNull(Json.parse("{\"d\":\"28.11.2026\"}").path("d").asDate(), "not a date is no date, not a failure");
        assertEquals(7, Json.parse("{\"n\":99999999999}").path("n").asInt(7), "too big for an int");
        assertEquals(7, Json.parse("{\"n\":1.5}").path("n").asInt(7));
        assertEquals(7, Json.parse("{\"n\":1e12}").path("n").asInt(7), "too big, written as a fraction");
        assertNull(Json.parse("{\"n\":\"twelve\"}").path("n").asInteger(), "text that is no number");
        assertEquals("12345678901234567890123", Json.parse("{\"n\":12345678901234567890123}").path("n").asText());
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "{\"a\":1}{\"b\":2}", "nul", "{'a':1}", "<html>",
                "[".repeat(100) + "]".repeat(100))) {
            assertThrows(IOException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesWhatTheOtherParserReadsBack() throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "引号\" 反斜杠\\ 换行\n 表情😀 \u0001");
        body.put("number", 42);
        body.put("big", 12_345_678_901L);
        body.put("flag", true);
        body.put("left out", null);
        body.put("at", OffsetDateTime.parse("2026-11-28T09:00:00+08:00"));
        body.put("list", Arrays.asList(1, "two", null, Map.of("three", 3)));
        body.put("names", new Names("梧桐", null));
        String text = Json.text(body);
        assertFalse(text.contains("\n"), "one line, as a server-sent event needs it");
        assertEquals(OTHER.readTree("""
                {"text":"引号\\" 反斜杠\\\\ 换行\\n 表情😀 \\u0001","number":42,"big":12345678901,
                 "flag":true,
                 "at":"2026-11-28T09:00+08:00","list":[1,"two",null,{"three":3}],"names":{"zh":"梧桐"}}
                """), OTHER.readTree(text));
        assertEquals(Json.parse(text), Json.parse(Json.text(Json.parse(text))), "read, written and read again");
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
    }

    @Test
    void aBookingRequestCarriesOnlyTheIdentityItHas() throws IOException {
        OffsetDateTime ten = OffsetDateTime.parse("2026-11-28T10:00+08:00");
        var byCard = OTHER.readTree(Json.write(new BookingRequest("hall", ten, ten.plusHours(1), null, "LL1:X", 3,
                "chess").fields()));
        assertFalse(byCard.has("phone"));
        assertEquals("LL1:X", byCard.path("residentToken").asText());
        assertEquals("2026-11-28T11:00+08:00", byCard.path("end").asText());
        assertEquals(3, byCard.path("attendees").asInt());
    }
}
