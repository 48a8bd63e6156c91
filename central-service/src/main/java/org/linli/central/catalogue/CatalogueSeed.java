package org.linli.central.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.linli.central.config.Settings;
import org.linli.protocol.Ids;
import org.linli.protocol.config.YamlConfig;

/**
 * Loads hubs with their rooms, services, counters and activities from YAML into the {@link Catalogue} (insert or
 * update by id, so a seed can be applied on every start). An activity has either {@code start}/{@code end} times
 * with offset, or {@code day} (0 = the day the seed is applied), {@code time} and {@code minutes}: that is how the
 * demo always has a week of activities ahead.
 */
public final class CatalogueSeed {
    private final Catalogue catalogue;
    private final Settings.RuleDefaults defaults;

    public CatalogueSeed(Catalogue catalogue, Settings.RuleDefaults defaults) {
        this.catalogue = catalogue;
        this.defaults = defaults;
    }

    /** @throws IllegalArgumentException naming the entry that is wrong */
    public void apply(Path file, Instant now) {
        try (InputStream in = Files.newInputStream(file)) {
            apply(in, now);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the catalogue seed " + file + ": " + e.getMessage(), e);
        }
    }

    public void apply(InputStream yaml, Instant now) {
        Object root;
        try {
            // SnakeYAML in a class loader of its own, dropped afterwards: a seed is read once, at start
            root = YamlConfig.parse(new String(yaml.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the catalogue seed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the catalogue seed is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("hubs") instanceof List<?> hubs)) {
            throw new IllegalArgumentException("a catalogue seed is a map with a list 'hubs'");
        }
        for (Object entry : hubs) {
            hub(node(entry, "hub"), now);
        }
    }

    private void hub(Node n, Instant now) {
        Map<String, Object> hours = n.map("opening-hours");
        String where = "hub " + n.values().get("id") + ": opening-hours ";
        Hub hub = new Hub(n.id("id"), n.text("level"), n.optional("parent"), n.name("name"),
                zone(n.text("timezone")), time(hours.get("open"), where + "open"),
                time(hours.get("close"), where + "close"),
                n.values().get("capacity") == null ? null : n.integer("capacity"));
        if (hub.capacity() != null && hub.capacity() < 1) {
            throw new IllegalArgumentException("hub " + hub.id() + ": capacity must be at least 1");
        }
        if (!hub.opens().isBefore(hub.closes())) {
            throw new IllegalArgumentException(where + "open must be before close");
        }
        if (!List.of("district", "street", "residential").contains(hub.level())) {
            throw new IllegalArgumentException("hub " + hub.id() + ": level must be district, street or residential");
        }
        catalogue.put(hub);
        for (Object o : n.list("rooms")) {
            Node r = node(o, "room");
            Map<String, Object> rules = r.optionalMap("rules");
            Room room = new Room(r.id("id"), hub.id(), r.name("name"), r.integer("capacity"),
                    r.list("facilities").stream().map(String::valueOf).toList(),
                    new Room.Rules(
                            integer(rules, "slot-minutes", defaults.slotMinutes()),
                            integer(rules, "min-minutes", defaults.minMinutes()),
                            integer(rules, "max-minutes", defaults.maxMinutes()),
                            integer(rules, "lead-minutes", defaults.leadMinutes()),
                            integer(rules, "max-days-ahead", defaults.maxDaysAhead()),
                            integer(rules, "max-active-per-resident", defaults.maxActivePerResident())));
            if (room.rules().slotMinutes() < 1) {
                throw new IllegalArgumentException("room " + room.id() + ": slot-minutes must be at least 1");
            }
            SlotGrid.offTheGrid(hub, room.rules().slotMinutes()).ifPresent(problem -> {
                throw new IllegalArgumentException("room " + room.id() + ": " + problem);
            });
            catalogue.put(room);
        }
        for (Object o : n.list("services")) {
            Node s = node(o, "service");
            String letter = s.text("letter");
            if (!letter.matches("[A-Z]")) {
                throw new IllegalArgumentException("service " + s.id("id") + ": letter must be one of A-Z");
            }
            catalogue.put(new ServiceItem(s.id("id"), hub.id(), letter, s.name("name"),
                    s.integer("typical-minutes")));
        }
        for (Object o : n.list("counters")) {
            Node c = node(o, "counter");
            catalogue.put(new Counter(c.id("id"), hub.id(), c.name("name"),
                    c.list("services").stream().map(String::valueOf).toList()));
        }
        LocalDate today = LocalDate.ofInstant(now, hub.timezone());
        for (Object o : n.list("activities")) {
            Node a = node(o, "activity");
            Instant start;
            Instant end;
            if (a.optional("start") != null) {
                start = instant(a.text("start"));
                end = instant(a.text("end"));
            } else {
                start = today.plusDays(a.integer("day")).atTime(time(a.values.get("time"),
                                "activity " + a.values.get("id") + ": time"))
                        .atZone(hub.timezone()).toInstant();
                end = start.plusSeconds(60L * a.integer("minutes"));
            }
            catalogue.put(new Activity(a.id("id"), hub.id(), a.optional("room"), a.name("title"), start, end,
                    a.integer("capacity")));
        }
    }

    private static int integer(Map<String, Object> map, String key, int fallback) {
        Object value = map.get(key);
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + id);
        }
    }

    /** A time of day in hours and minutes ("08:30"); seconds would put slots off the grid (see SlotGrid). */
    private static LocalTime time(Object value, String where) {
        if (value instanceof Number) {
            // YAML 1.1 reads an unquoted 08:30 as a number in base 60
            throw new IllegalArgumentException(where + ": write the time in quotes, like \"08:30\"");
        }
        String text = String.valueOf(value);
        LocalTime time;
        try {
            time = LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a time like 08:30");
        }
        if (!text.matches("\\d\\d:\\d\\d")) {
            throw new IllegalArgumentException(where + ": '" + text + "' has seconds; write hours and minutes"
                    + " only, like 08:30 (slots start on whole minutes)");
        }
        return time;
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time with offset");
        }
    }

    private static Node node(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("each " + what + " must be a map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) map;
        return new Node(what, values);
    }

    /** One YAML map with accessors that name the entry when something is missing. */
    private record Node(String what, Map<String, Object> values) {
        String optional(String key) {
            Object value = values.get(key);
            return value == null ? null : String.valueOf(value);
        }

        String text(String key) {
            String value = optional(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " " + values.get("id") + ": '" + key + "' is missing");
            }
            return value;
        }

        String id(String key) {
            return Ids.require(what, text(key));
        }

        int integer(String key) {
            try {
                return Integer.parseInt(text(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " " + values.get("id") + ": '" + key
                        + "' must be a whole number");
            }
        }

        Name name(String key) {
            Map<String, Object> name = map(key);
            Object zh = name.get("zh");
            Object en = name.get("en");
            if (zh == null || en == null) {
                throw new IllegalArgumentException(what + " " + values.get("id") + ": '" + key
                        + "' needs zh and en");
            }
            return new Name(String.valueOf(zh), String.valueOf(en));
        }

        Map<String, Object> map(String key) {
            Map<String, Object> map = optionalMap(key);
            if (map.isEmpty()) {
                throw new IllegalArgumentException(what + " " + values.get("id") + ": '" + key + "' is missing");
            }
            return map;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> optionalMap(String key) {
            Object value = values.get(key);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        List<?> list(String key) {
            Object value = values.get(key);
            return value instanceof List<?> list ? list : List.of();
        }
    }
}
