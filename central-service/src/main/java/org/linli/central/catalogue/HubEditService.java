package org.linli.central.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.InvalidInput;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.Requests;

/**
 * {@code PUT /api/v1/hubs/{hub}}: an administrator makes or edits a hub: level, parent, names, time zone, hours per
 * weekday, closure days and capacity. Every wrong field is named in one answer, so a page shows each beside its field.
 * <p>
 * Who: an admin of no hub makes top hubs and changes anything; an admin of a hub edits it and the hubs below it, makes
 * hubs below it, and moves a hub below it only to another place below it (never their own hub, which would take it
 * out of their hands).
 */
final class HubEditService {
    static final List<String> LEVELS = List.of("district", "street", "residential");
    private static final int MAX_CLOSURES = 400;
    /** The international neighbourhood centre is ~45,000 m²: far below this. */
    private static final int MAX_CAPACITY = 100_000;
    private final Catalogue catalogue;
    private final Guard guard;
    private final long maxBody;

    HubEditService(Catalogue catalogue, Guard guard, long maxBody) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    /** Routed by {@link CatalogueService}, beside the hub's GET. */
    void put(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        String id = Requests.idToWrite(req, "hub");
        JsonBody body = JsonBody.read(req, maxBody);
        String level = body.text("level", 16);
        String parent = body.optionalText("parent", 64);
        String zh = body.text("nameZh", 60);
        String en = body.text("nameEn", 60);
        ZoneId zone = zone(body);
        Map<DayOfWeek, OpeningHours.Day> week = week(body);
        SortedMap<LocalDate, String> closures = closures(body);
        // people its fire certificate allows in the building; left out or null: not set
        Integer capacity = body.optionalInteger("capacity", 1, MAX_CAPACITY);
        if (level != null && !LEVELS.contains(level)) {
            body.error("level", "must be district, street or residential");
        }
        body.done();
        Optional<Hub> existing = catalogue.hub(id);
        mayWrite(caller, id, existing, level, parent);
        parentError(id, level, parent).ifPresent(message -> {
            throw InvalidInput.field("parent", message);
        });
        OpeningHours hours = new OpeningHours(week, closures);
        offTheGrid(id, week);
        OpeningHours.Day span = hours.span().orElseThrow();
        Hub hub = new Hub(id, level, parent, new Name(zh, en), zone, span.open(), span.close(), capacity);
        catalogue.put(hub, hours);
        Json.send(res, existing.isPresent() ? Status.OK_200 : Status.CREATED_201, json(hub, hours));
    }

    static Map<String, Object> json(Hub hub, OpeningHours hours) {
        Map<String, Object> body = CatalogueService.summary(hub);
        body.put("week", week(hours));
        body.put("closures", hours.closures().entrySet().stream()
                .map(e -> Map.of("date", e.getKey().toString(), "reason", e.getValue())).toList());
        return body;
    }

    /** {"monday": {"open": "08:00", "close": "21:00"}, …} in weekday order; a closed day is left out. */
    static Map<String, Object> week(OpeningHours hours) {
        Map<String, Object> week = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            OpeningHours.Day d = hours.week().get(day);
            if (d != null) {
                week.put(name(day), Map.of("open", d.open().toString(), "close", d.close().toString()));
            }
        }
        return week;
    }

    private static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private void mayWrite(Caller caller, String id, Optional<Hub> existing, String level, String parent) {
        if (existing.isEmpty()) {
            if (parent == null && caller.hubId() != null) {
                throw new Forbidden("only an admin of all hubs makes a hub without a parent hub");
            }
            if (parent != null) {
                guard.requireHub(caller, parent);
            }
            return;
        }
        guard.requireHub(caller, id);
        Hub old = existing.get();
        boolean moves = !Objects.equals(old.parent(), parent) || !old.level().equals(level);
        if (moves && caller.hubId() != null) {
            if (caller.hubId().equals(id)) {
                throw new Forbidden("an admin of hub " + id + " does not change its own level or parent hub");
            }
            if (parent == null) {
                throw new Forbidden("only an admin of all hubs makes a hub a top hub");
            }
            guard.requireHub(caller, parent);
        }
    }

    /** What is wrong with the parent for the level, if anything: district on top, street below it, residential below. */
    private Optional<String> parentError(String id, String level, String parent) {
        if (parent == null) {
            return level.equals("residential")
                    ? Optional.of("a residential hub (小汇) belongs to a street hub") : Optional.empty();
        }
        if (level.equals("district")) {
            return Optional.of("a district centre has no parent hub");
        }
        Hub above = catalogue.hub(parent).orElse(null);
        if (above == null) {
            return Optional.of("there is no hub " + parent);
        }
        String wanted = level.equals("street") ? "district" : "street";
        if (!above.level().equals(wanted)) {
            return Optional.of("a " + level + " hub belongs to a " + wanted + " hub, and " + parent
                    + " is a " + above.level() + " hub");
        }
        for (Hub at = above; at != null; at = at.parent() == null ? null : catalogue.hub(at.parent()).orElse(null)) {
            if (at.id().equals(id)) {
                return Optional.of("hub " + parent + " is below " + id + "; a hub cannot sit below itself");
            }
        }
        return Optional.empty();
    }

    /** Each day's opening must be on the slot grid of every room of the hub (see {@link SlotGrid}). */
    private void offTheGrid(String id, Map<DayOfWeek, OpeningHours.Day> week) {
        for (Room room : catalogue.rooms(id)) {
            for (Map.Entry<DayOfWeek, OpeningHours.Day> day : week.entrySet()) {
                LocalTime open = day.getValue().open();
                if ((open.getHour() * 60 + open.getMinute()) % room.rules().slotMinutes() != 0) {
                    throw InvalidInput.field("week." + name(day.getKey()), "opens at " + open + ", off the "
                            + room.rules().slotMinutes() + "-minute slot grid of room " + room.id());
                }
            }
        }
    }

    private static ZoneId zone(JsonBody body) {
        String text = body.text("timezone", 64);
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            body.error("timezone", "must be a time zone like Asia/Shanghai");
            return null;
        }
    }

    private static Map<DayOfWeek, OpeningHours.Day> week(JsonBody body) {
        Map<DayOfWeek, OpeningHours.Day> week = new EnumMap<>(DayOfWeek.class);
        JsonNode node = body.node("week");
        if (node == null || !node.isObject()) {
            body.error("week", "is required: the hours of monday … sunday, null for a closed day");
            return week;
        }
        node.fieldNames().forEachRemaining(field -> {
            if (java.util.Arrays.stream(DayOfWeek.values()).noneMatch(d -> name(d).equals(field))) {
                body.error("week", "has no day " + field + "; the days are monday … sunday");
            }
        });
        for (DayOfWeek day : DayOfWeek.values()) {
            JsonNode hours = node.get(name(day));
            if (hours == null || hours.isNull()) {
                continue;
            }
            String field = "week." + name(day);
            LocalTime open = time(hours.get("open"));
            LocalTime close = time(hours.get("close"));
            if (open == null || close == null) {
                body.error(field, "open and close must be times like 08:00 and 21:00");
            } else if (!open.isBefore(close)) {
                body.error(field, "must open before it closes");
            } else {
                week.put(day, new OpeningHours.Day(open, close));
            }
        }
        if (week.isEmpty() && node.isObject()) {
            body.error("week", "must have at least one open day");
        }
        return week;
    }

    private static LocalTime time(JsonNode node) {
        if (node == null || !node.isTextual() || !node.asText().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return null;
        }
        return LocalTime.parse(node.asText());
    }

    private static SortedMap<LocalDate, String> closures(JsonBody body) {
        SortedMap<LocalDate, String> closures = new TreeMap<>();
        JsonNode node = body.node("closures");
        if (node == null || node.isNull()) {
            return closures;
        }
        if (!node.isArray() || node.size() > MAX_CLOSURES) {
            body.error("closures", "must be a list of at most " + MAX_CLOSURES + " {date, reason}");
            return closures;
        }
        for (JsonNode closure : node) {
            JsonNode date = closure.get("date");
            JsonNode reason = closure.get("reason");
            String why = reason == null || reason.isNull() ? "" : reason.asText().strip();
            LocalDate day;
            try {
                day = date != null && date.isTextual() ? LocalDate.parse(date.asText()) : null;
            } catch (DateTimeException e) {
                day = null;
            }
            if (day == null) {
                body.error("closures", "every closure has a date like 2027-01-01");
            } else if (why.length() > 60 || why.chars().anyMatch(Character::isISOControl)) {
                body.error("closures", "the reason for " + day + " must be one line of at most 60 characters");
            } else if (closures.put(day, why) != null) {
                body.error("closures", day + " is listed twice");
            }
        }
        return closures;
    }
}
