package org.linli.central;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.linli.central.alerts.Alert;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Hub;
import org.linli.central.catalogue.Name;

/**
 * The hubs and callers of {@link AccessIT}: a district (xuhui) over the street hub wutong66 over a residential hub
 * (lane), a second street (yongkang) and a second district (minhang); in each, the rooms, queues, bookings and keys a
 * route can name. Objects a route destroys (a booking cancelled, a key revoked) are made fresh for each call.
 */
final class AccessFixture {
    /** Who calls: each of the roles, a display key of each scope, and nobody. */
    enum Who {
        ANONYMOUS, GLOBAL_ADMIN, DISTRICT_ADMIN, STREET_ADMIN, HUB_STAFF, COUNTER, KIOSK, SCREEN_KEY, COUNTER_KEY;

        boolean displayKey() {
            return this == SCREEN_KEY || this == COUNTER_KEY;
        }
    }

    /** The hub a call is about, seen from the caller: its own, one below it, one outside its reach. */
    enum Target {
        OWN, BELOW, OTHER
    }

    static final String DISTRICT = "xuhui";
    static final String STREET = TestServer.HUB;
    static final String LANE = "lane";
    static final String OTHER_STREET = "yongkang";
    static final String OTHER_DISTRICT = "minhang";

    private final TestServer server;
    private final String admin;
    private final Map<Who, String> bearers = new ConcurrentHashMap<>();
    private final Map<String, String> shared = new ConcurrentHashMap<>();
    private final AtomicInteger fresh = new AtomicInteger();
    private final Map<String, AtomicInteger> slots = new ConcurrentHashMap<>();

    AccessFixture(TestServer server) {
        this.server = server;
        this.admin = server.adminToken();
        ZoneId zone = server.zone();
        var catalogue = server.components().catalogue();
        catalogue.put(new Hub(LANE, "residential", STREET, new Name("梧桐里", "Wutong Lane"), zone, LocalTime.of(8, 0),
                LocalTime.of(21, 0)));
        catalogue.put(new Hub(OTHER_STREET, "street", DISTRICT, new Name("永康邻里汇", "Yongkang Hub"), zone,
                LocalTime.of(8, 0), LocalTime.of(21, 0)));
        catalogue.put(new Hub(OTHER_DISTRICT, "district", null, new Name("闵行区邻里中心", "Minhang Centre"), zone,
                LocalTime.of(8, 0), LocalTime.of(21, 0)));
        var accounts = server.components().accounts();
        accounts.putStaff("district-admin", "district-password-1", Role.ADMIN, DISTRICT);
        accounts.putStaff("street-admin", "street-password-1", Role.ADMIN, STREET);
        bearers.put(Who.GLOBAL_ADMIN, admin);
        bearers.put(Who.DISTRICT_ADMIN, login("district-admin", "district-password-1"));
        bearers.put(Who.STREET_ADMIN, login("street-admin", "street-password-1"));
        bearers.put(Who.HUB_STAFF, server.operatorToken());
        bearers.put(Who.COUNTER, server.counterToken());
        bearers.put(Who.KIOSK, server.kioskKey());
        bearers.put(Who.SCREEN_KEY, displayKey("screen"));
        bearers.put(Who.COUNTER_KEY, displayKey("counter"));
    }

    /** The caller's bearer; null for nobody. */
    String bearer(Who who) {
        return bearers.get(who);
    }

    /** The hub a target names for a caller: a district admin's own is the district, everyone else's the street. */
    static String hub(Who who, Target target) {
        if (who == Who.DISTRICT_ADMIN) {
            return switch (target) {
                case OWN -> DISTRICT;
                case BELOW -> STREET;
                case OTHER -> OTHER_DISTRICT;
            };
        }
        return switch (target) {
            case OWN -> STREET;
            case BELOW -> LANE;
            case OTHER -> OTHER_STREET;
        };
    }

    static boolean residential(String hub) {
        return hub.equals(LANE);
    }

    /** The text with each {placeholder} replaced by an object of the hub. */
    String fill(String template, String hub) {
        String out = template;
        for (String name : List.of("hub", "room", "service", "counter", "activity", "new-activity", "booking", "new-booking",
                "spare-room", "spare-service", "spare-counter", "ticket", "device", "new-device", "command", "alert", "signup", "kiosk-key", "display-key", "feed-file", "feed", "new-feed",
                "user", "new", "phone", "start", "end", "date")) {
            String placeholder = "{" + name + "}";
            while (out.contains(placeholder)) {
                out = out.replaceFirst(java.util.regex.Pattern.quote(placeholder),
                        java.util.regex.Matcher.quoteReplacement(value(name, hub)));
            }
        }
        return out;
    }

    private String value(String name, String hub) {
        return switch (name) {
            case "hub" -> hub;
            case "room" -> once("room", hub, () -> room(hub));
            case "service" -> once("service", hub, () -> service(hub));
            case "counter" -> once("counter", hub, () -> counter(hub));
            case "activity" -> once("activity", hub, () -> activity(hub));
            case "new-activity" -> activity(hub, "act-" + hub + "-" + fresh.incrementAndGet());
            // a room, service and counter of its own for the retire rows, so retiring leaves the others in use
            case "spare-room" -> once("spare-room", hub, () -> spare("rooms", hub, Map.of("hub", hub,
                    "nameZh", "旧室", "nameEn", "Old room", "capacity", 4)));
            case "spare-service" -> once("spare-service", hub, () -> spare("services", hub, Map.of("hub", hub,
                    "letter", "W", "nameZh", "旧事", "nameEn", "Old thing", "typicalMinutes", 5)));
            case "spare-counter" -> once("spare-counter", hub, () -> spare("counters", hub, Map.of("hub", hub,
                    "nameZh", "旧窗", "nameEn", "Old desk", "services", List.of(value("service", hub)))));
            case "booking" -> once("booking", hub, () -> booking(hub));
            case "new-booking" -> booking(hub);
            case "ticket" -> once("ticket", hub, () -> id(ok(server.post("/api/v1/services/" + value("service", hub)
                    + "/tickets", admin, Map.of()))));
            case "device" -> once("device", hub, () -> device(hub));
            case "new-device" -> device(hub);
            // a command sent to the hub's device (no broker here to send one through the API)
            case "command" -> once("command", hub, () -> {
                String id = "cmd-" + fresh.incrementAndGet();
                new org.linli.central.devices.CommandLog(server.components().db(), server.components().clock())
                        .record(new org.linli.central.devices.CommandLog.Sent(id, value("device", hub), hub,
                                "identify", null, null, "test", "admin", "127.0.0.1"));
                return id;
            });
            case "alert" -> once("alert", hub, () -> String.valueOf(server.components().alerts().raise(hub,
                    Alert.DEVICE_OFFLINE, null, null, new Name("设备离线", "Device offline")).orElseThrow().id()));
            case "signup" -> id(ok(server.post("/api/v1/activities/" + value("activity", hub) + "/signups", admin,
                    Map.of("phone", value("phone", hub)))));
            case "kiosk-key" -> id(ok(server.post("/api/v1/hubs/" + hub + "/kiosk-keys", admin,
                    Map.of("label", "Spare kiosk"))));
            case "display-key" -> id(ok(server.post("/api/v1/hubs/" + hub + "/display-keys", admin,
                    Map.of("label", "Spare screen", "scope", "screen"))));
            case "feed" -> feedPath(hub).split("/")[0];
            case "feed-file" -> feedPath(hub).split("/")[1];
            case "new-feed" -> id(ok(server.post("/api/v1/hubs/" + hub + "/calendar-feeds", admin, Map.of())));
            case "user" -> once("user", hub, () -> {
                server.components().accounts().putStaff("staff-" + hub, "staff-password-1", Role.OPERATOR, hub);
                return "staff-" + hub;
            });
            case "new" -> "x" + fresh.incrementAndGet();
            case "phone" -> String.format("139%08d", fresh.incrementAndGet());
            case "start" -> slot(hub, true).toString();
            case "end" -> slot(hub, false).plusMinutes(30).toString();
            case "date" -> server.today().toString();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A feed's address without /api/v1/calendars/: its id, a slash, its token and .ics. */
    private String feedPath(String hub) {
        return once("feed", hub, () -> ok(server.post("/api/v1/hubs/" + hub + "/calendar-feeds", admin, Map.of()))
                .get("path").asText().replaceFirst("^/api/v1/calendars/", ""));
    }

    private String once(String kind, String hub, java.util.function.Supplier<String> make) {
        String key = kind + "@" + hub;
        String made = shared.get(key);
        if (made == null) {
            made = make.get();
            shared.put(key, made);
        }
        return made;
    }

    private String spare(String kind, String hub, Map<String, Object> body) {
        String id = "spare-" + kind + "-" + hub;
        ok(server.put("/api/v1/" + kind + "/" + id, admin, body));
        return id;
    }

    private String room(String hub) {
        if (hub.equals(STREET)) {
            return "studio";
        }
        ok(server.put("/api/v1/rooms/room-" + hub, admin, Map.of("hub", hub, "nameZh", "活动室", "nameEn", "Room",
                "capacity", 10)));
        return "room-" + hub;
    }

    private String service(String hub) {
        if (hub.equals(STREET)) {
            return "affairs";
        }
        ok(server.put("/api/v1/services/svc-" + hub, admin, Map.of("hub", hub, "letter", "Q", "nameZh", "办事",
                "nameEn", "Affairs", "typicalMinutes", 5)));
        return "svc-" + hub;
    }

    private String counter(String hub) {
        if (hub.equals(STREET)) {
            return "counter-1";
        }
        ok(server.put("/api/v1/counters/ctr-" + hub, admin, Map.of("hub", hub, "nameZh", "窗口", "nameEn", "Counter",
                "services", List.of(value("service", hub)))));
        return "ctr-" + hub;
    }

    private String activity(String hub) {
        return activity(hub, "act-" + hub);
    }

    private String activity(String hub, String id) {
        ok(server.put("/api/v1/activities/" + id, admin, Map.of("room", value("room", hub), "titleZh", "讲座",
                "titleEn", "Talk", "start", server.tomorrowAt(19, 0).toString(),
                "end", server.tomorrowAt(20, 0).toString(), "capacity", 5)));
        return id;
    }

    private String booking(String hub) {
        return id(ok(server.post("/api/v1/bookings", admin, Map.of("room", value("room", hub),
                "start", slot(hub, true).toString(), "end", slot(hub, false).plusMinutes(30).toString(),
                "phone", value("phone", hub), "attendees", 1))));
    }

    private String device(String hub) {
        String id = "door-" + hub + "-" + fresh.incrementAndGet();
        ok(server.post("/api/v1/devices", admin, Map.of("id", id, "hub", hub, "rooms", List.of(value("room", hub)))));
        return id;
    }

    /**
     * A free half hour of the hub's room: tomorrow from 08:00 to 19:00 (the activity's hour follows), then the next
     * day; {@code next} moves on to a new one, else the last one again (a booking's end).
     */
    private OffsetDateTime slot(String hub, boolean next) {
        AtomicInteger counter = slots.computeIfAbsent(hub, h -> new AtomicInteger(-1));
        int n = next ? counter.incrementAndGet() : counter.get();
        return server.tomorrowAt(8, 0).plusDays(n / 22).plusMinutes(30L * (n % 22));
    }

    private String displayKey(String scope) {
        return ok(server.post("/api/v1/hubs/" + STREET + "/display-keys", admin, Map.of("label", "Access " + scope,
                "scope", scope))).get("key").asText();
    }

    private String login(String user, String password) {
        return ok(server.post("/api/v1/auth/login", null, Map.of("username", user, "password", password)))
                .get("token").asText();
    }

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }

    private static JsonNode ok(TestServer.Response response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("fixture call failed: " + response.status() + " " + response.text());
        }
        return response.json();
    }
}
