package org.linli.kiosk.central;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.Ed25519Keys;
import org.linli.protocol.token.MalformedTokenException;
import org.linli.protocol.token.SigningKey;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.TokenType;

/**
 * A small stand-in for the central service, speaking the docs/api.md shapes over real HTTP with in-memory state:
 * one sample hub with rooms, services, queues and activities. The tests run the kiosk against it end to end, and
 * {@code --screenshots} uses it when no central service is configured, so the pictures are the same every time.
 * It is not the central service: rules are the obvious ones only, nothing is stored.
 */
public final class SampleCentral implements AutoCloseable {
    public static final String HUB = "xh-wutong66";
    private static final Pattern ROOM_AVAILABILITY = Pattern.compile("/api/v1/rooms/([^/]+)/availability");
    private static final Pattern TICKETS = Pattern.compile("/api/v1/services/([^/]+)/tickets");
    private static final Pattern SIGNUPS = Pattern.compile("/api/v1/activities/([^/]+)/signups");

    private final String kioskKey;
    private final InstantSource clock;
    private final ZoneId zone;
    private final TokenSigner signer = new TokenSigner(
            new SigningKey(7, Ed25519Keys.fromSeed("linli-sample-central-signing-key".getBytes(StandardCharsets.US_ASCII))));
    private final AtomicLong ids = new AtomicLong(1000);
    private final List<Json> checkins = new CopyOnWriteArrayList<>();
    private final List<Json> feedback = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> bookings = new ConcurrentHashMap<>();
    private final Map<String, String> bookingByKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> waiting = new ConcurrentHashMap<>();
    private final Map<String, Integer> issued = new ConcurrentHashMap<>();
    private final Map<String, Integer> signedUp = new ConcurrentHashMap<>();
    private final Map<String, Integer> waitlisted = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> rooms = new LinkedHashMap<>();
    private final List<Map.Entry<String, Json>> posts = new java.util.ArrayList<>();
    private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    private final List<String> eventLog = new CopyOnWriteArrayList<>();
    private final List<java.util.concurrent.BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean queuesQuiet;
    private HttpServer server;
    private java.util.concurrent.ExecutorService handlers;
    private int port;

    public SampleCentral(String kioskKey, InstantSource clock, ZoneId zone) {
        this.kioskKey = kioskKey;
        this.clock = clock;
        this.zone = zone;
        room("room-a", "活动室 A", "Activity room A", 20, List.of("projector", "piano"));
        room("reading", "阅览室", "Reading room", 12, List.of("books", "quiet"));
        room("hall", "议事厅", "Community meeting hall", 40, List.of("microphone", "screen"));
        room("studio", "手工坊", "Craft studio", 10, List.of("sink", "tables"));
        service("affairs", "A", "社区事务受理", "Community affairs", 6, 5, 21);
        service("health", "B", "健康咨询", "Health advice", 10, 2, 8);
        service("legal", "C", "法律咨询", "Legal advice", 20, 1, 3);
        service("haircut", "D", "理发", "Haircut", 15, 3, 12);
    }

    private void room(String id, String zh, String en, int capacity, List<String> facilities) {
        rooms.put(id, Map.of("id", id, "name", Map.of("zh", zh, "en", en), "capacity", capacity,
                "facilities", facilities, "rules", Map.of("slotMinutes", 60, "minMinutes", 60, "maxMinutes", 240,
                        "leadMinutes", 0, "maxDaysAhead", 14)));
    }

    private void service(String id, String letter, String zh, String en, int minutes, int queue, int served) {
        services.put(id, Map.of("id", id, "letter", letter, "name", Map.of("zh", zh, "en", en),
                "typicalMinutes", minutes));
        waiting.put(id, queue);
        issued.put(id, served + queue);
    }

    /** Starts on the given port (0: any free one); starting again after {@link #stop()} reuses the port. */
    public synchronized SampleCentral start(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 16);
        server.createContext("/", this::handle);
        // one thread per exchange: a live-event stream holds its exchange open for as long as the kiosk listens
        handlers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(handlers);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public synchronized SampleCentral restart() throws IOException {
        return start(port);
    }

    /** The central service goes away: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            subscribers.forEach(q -> q.offer(END));
            server.stop(0);
            handlers.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** How many live-event streams are open now. */
    public int listeners() {
        return subscribers.size();
    }

    /**
     * Every queue empty and nobody called yet, as first thing in the morning (true), or the queues as they were
     * (false): the tour and the layout test show the attract screen when nobody waits.
     */
    public void quietQueues(boolean quiet) {
        queuesQuiet = quiet;
    }

    /** A {@code room} event, as the real service sends when sensors see a room change. */
    public void roomChanged(String room, String status, boolean occupied, Integer count) {
        Map<String, Object> data = new HashMap<>();
        data.put("hub", HUB);
        data.put("room", room);
        data.put("name", rooms.get(room).get("name"));
        data.put("status", status);
        data.put("occupied", occupied);
        data.put("count", count);
        data.put("capacity", rooms.get(room).get("capacity"));
        data.put("since", OffsetDateTime.ofInstant(clock.instant(), zone));
        data.put("source", "pir");
        publish("room", data);
    }

    /** A counter calls the next ticket of a service: a {@code call} event, then the queue's new state. */
    public synchronized String callNext(String service) {
        int left = waiting.merge(service, -1, Integer::sum);
        if (left < 0) {
            waiting.put(service, 0);
        }
        Map<String, Object> queue = queues().stream().filter(q -> q.get("service").equals(service)).findFirst()
                .orElseThrow();
        String ticket = (String) queue.get("nowServing");
        publish("call", Map.of("hub", HUB, "counter", "counter-1", "counterName", Map.of("zh", "1号窗口",
                "en", "Counter 1"), "ticket", ticket, "service", service, "ts", clock.instant().toEpochMilli(),
                "recall", false));
        publish("queue", queue);
        return ticket;
    }

    private static final String END = "";

    private void publish(String name, Object data) {
        synchronized (eventLog) {
            String frame = "id: " + (eventLog.size() + 1) + "\nevent: " + name + "\ndata: " + Json.text(data) + "\n\n";
            eventLog.add(frame);
            subscribers.forEach(q -> q.offer(frame));
        }
    }

    /** {@code GET /api/v1/events}: an {@code open} event, what came after {@code Last-Event-ID}, then live ones. */
    private void events(HttpExchange ex) throws IOException {
        var queue = new java.util.concurrent.LinkedBlockingQueue<String>();
        String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        var out = ex.getResponseBody();
        synchronized (eventLog) {
            queue.offer("event: open\ndata: {}\n\n");
            int from = last != null && last.matches("\\d{1,9}") ? Integer.parseInt(last) : eventLog.size();
            eventLog.subList(Math.min(from, eventLog.size()), eventLog.size()).forEach(queue::offer);
            subscribers.add(queue);
        }
        try {
            for (String frame = queue.take(); !frame.equals(END); frame = queue.take()) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the kiosk went away
        } finally {
            subscribers.remove(queue);
        }
    }

    public List<Json> checkins() {
        return Collections.unmodifiableList(checkins);
    }

    /** The bodies posted to paths that start with {@code path}, oldest first (tickets, bookings, sign-ups). */
    public List<Json> posted(String path) {
        synchronized (posts) {
            return posts.stream().filter(p -> p.getKey().startsWith(path)).map(Map.Entry::getValue).toList();
        }
    }

    public List<Json> feedback() {
        return Collections.unmodifiableList(feedback);
    }

    /** A resident card as the real service would issue it, for tests and the demo frames. */
    public String residentToken(long resident) {
        var now = clock.instant();
        return signer.sign(AccessToken.resident(7, resident, HUB, now.minusSeconds(60), now.plus(Duration.ofDays(365))));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + kioskKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "Unauthorized", "kiosk key missing or wrong");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Json body = "POST".equals(method) ? Json.parse(exchange.getRequestBody().readAllBytes()) : null;
            if (body != null) {
                synchronized (posts) {
                    posts.add(Map.entry(path, body));
                }
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            problem(exchange, 400, "Bad request", e.getMessage());
        }
    }

    private void route(HttpExchange ex, String method, String path, Json body) throws IOException {
        Matcher m;
        if ("GET".equals(method) && path.equals("/api/v1/events")) {
            events(ex);
        } else if ("GET".equals(method) && path.equals("/api/v1/hubs/" + HUB)) {
            send(ex, 200, hub());
        } else if ("GET".equals(method) && path.equals("/api/v1/hubs/" + HUB + "/queues")) {
            send(ex, 200, queues());
        } else if ("GET".equals(method) && path.equals("/api/v1/hubs/" + HUB + "/activities")) {
            Map<String, String> query = query(ex);
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            LocalDate from = LocalDate.parse(query.getOrDefault("from", today.toString()));
            // as the real service: "to" ends the range (exclusive), a week by default
            LocalDate to = LocalDate.parse(query.getOrDefault("to", today.plusDays(7).toString()));
            send(ex, 200, activities().stream().filter(a -> {
                LocalDate day = ((OffsetDateTime) a.get("start")).toLocalDate();
                return !day.isBefore(from) && day.isBefore(to);
            }).toList());
        } else if ("GET".equals(method) && (m = ROOM_AVAILABILITY.matcher(path)).matches()) {
            send(ex, 200, availability(m.group(1), LocalDate.parse(query(ex).get("date"))));
        } else if ("POST".equals(method) && path.equals("/api/v1/bookings")) {
            book(ex, body);
        } else if ("POST".equals(method) && path.equals("/api/v1/residents/card")) {
            String phone = body.path("phone").asText();
            if (!phone.matches("1\\d{10}")) {
                problem(ex, 422, "Invalid phone", "phone must be 11 digits");
                return;
            }
            send(ex, 201, Map.of("token", residentToken(phone.hashCode() & 0xffffffL), "phoneLast4",
                    phone.substring(7), "expires", OffsetDateTime.ofInstant(clock.instant(), zone).plusYears(1)));
        } else if ("POST".equals(method) && path.equals("/api/v1/checkins")) {
            checkin(ex, body);
        } else if ("POST".equals(method) && (m = TICKETS.matcher(path)).matches()) {
            ticket(ex, m.group(1));
        } else if ("POST".equals(method) && (m = SIGNUPS.matcher(path)).matches()) {
            String id = m.group(1);
            int capacity = capacity(id);
            if (signedUp.merge(id, 0, Integer::sum) < capacity) {
                signedUp.merge(id, 1, Integer::sum);
                send(ex, 201, Map.of("status", "confirmed", "position", 0));
            } else {
                send(ex, 201, Map.of("status", "waitlisted", "position", waitlisted.merge(id, 1, Integer::sum)));
            }
        } else if ("POST".equals(method) && path.equals("/api/v1/feedback")) {
            for (Json earlier : feedback) {
                for (String kind : List.of("ticket", "booking", "checkin")) {
                    if (!body.path(kind).isMissing() && body.path(kind).equals(earlier.path(kind))) {
                        problem(ex, 409, "Rated already", kind + " was rated already");
                        return;
                    }
                }
            }
            feedback.add(body);
            send(ex, 201, Map.of("id", String.valueOf(ids.incrementAndGet())));
        } else {
            problem(ex, 404, "Not found", path);
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String query = ex.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private Map<String, Object> hub() {
        return Map.of("id", HUB, "level", "street", "parent", "xuhui",
                "name", Map.of("zh", "湖南街道邻里汇 · 梧桐66", "en", "Wutong 66 Neighbourhood Hub"),
                "timezone", zone.getId(), "openingHours", Map.of("open", "08:00", "close", "21:00"),
                "rooms", List.copyOf(rooms.values()), "services", List.copyOf(services.values()), "counters", List.of());
    }

    private List<Map<String, Object>> queues() {
        List<Map<String, Object>> out = new ArrayList<>();
        services.forEach((id, s) -> {
            int w = waiting.get(id);
            int last = issued.get(id) - w;
            Map<String, Object> q = new HashMap<>();
            q.put("service", id);
            q.put("letter", s.get("letter"));
            q.put("waiting", queuesQuiet ? 0 : w);
            q.put("estimatedWaitMinutes", queuesQuiet ? 0 : w * (int) s.get("typicalMinutes"));
            q.put("nowServing", queuesQuiet ? null : String.format("%s%03d", s.get("letter"), last));
            out.add(q);
        });
        return out;
    }

    private static final List<Object[]> ACTIVITIES = List.of(
            new Object[] {"a1", "国学经典诵读班", "Chinese classics reading class", "room-a", 0, "09:30", "11:00", 20},
            new Object[] {"a2", "智能手机使用课", "Smartphone help for seniors", "studio", 0, "14:00", "15:30", 10},
            new Object[] {"a3", "社区议事会：楼道停车", "Residents' meeting: bike parking", "hall", 0, "19:00", "20:30", 40},
            new Object[] {"a4", "亲子绘本时光", "Picture books with your child", "reading", 1, "10:00", "11:00", 12},
            new Object[] {"a5", "太极拳晨练", "Morning tai chi", "hall", 2, "07:30", "08:30", 30},
            new Object[] {"a6", "中医养生讲座", "Talk: traditional Chinese medicine", "hall", 3, "15:00", "16:30", 40});

    private int capacity(String activity) {
        return ACTIVITIES.stream().filter(a -> a[0].equals(activity)).map(a -> (int) a[7]).findFirst().orElse(0);
    }

    private List<Map<String, Object>> activities() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] a : ACTIVITIES) {
            LocalDate day = today.plusDays((int) a[4]);
            String id = (String) a[0];
            int capacity = (int) a[7];
            // the smartphone class is popular: it starts full, to show the waitlist
            int taken = signedUp.computeIfAbsent(id, k -> k.equals("a2") ? capacity : capacity / 3);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("title", Map.of("zh", a[1], "en", a[2]));
            m.put("room", a[3]);
            m.put("start", day.atTime(LocalTime.parse((String) a[5])).atZone(zone).toOffsetDateTime());
            m.put("end", day.atTime(LocalTime.parse((String) a[6])).atZone(zone).toOffsetDateTime());
            m.put("capacity", capacity);
            m.put("signedUp", taken);
            m.put("waitlisted", waitlisted.getOrDefault(id, 0));
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> availability(String room, LocalDate date) {
        List<Map<String, Object>> slots = new ArrayList<>();
        for (int hour = 8; hour < 21; hour++) {
            OffsetDateTime start = date.atTime(hour, 0).atZone(zone).toOffsetDateTime();
            // a few fixed bookings so the timeline looks like a real day
            boolean taken = (hour + room.length()) % 4 == 0 || booked(room, start);
            slots.add(Map.of("start", start, "end", start.plusHours(1), "free", !taken));
        }
        return Map.of("room", room, "date", date, "slotMinutes", 60, "slots", slots);
    }

    private boolean booked(String room, OffsetDateTime start) {
        return bookings.values().stream().anyMatch(b -> b.get("room").equals(room)
                && !((OffsetDateTime) b.get("start")).isAfter(start) && ((OffsetDateTime) b.get("end")).isAfter(start));
    }

    private synchronized void book(HttpExchange ex, Json body) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && bookingByKey.containsKey(key)) {
            send(ex, 201, bookings.get(bookingByKey.get(key)));
            return;
        }
        String room = body.path("room").asText();
        OffsetDateTime start = OffsetDateTime.parse(body.path("start").asText());
        OffsetDateTime end = OffsetDateTime.parse(body.path("end").asText());
        boolean byPhone = body.path("phone").asText().matches("1\\d{10}");
        boolean byCard = body.path("residentToken").asText().startsWith("LL1:");
        if (!rooms.containsKey(room) || !end.isAfter(start) || byPhone == byCard) {
            problem(ex, 422, "Not bookable", "room, time or phone not acceptable");
            return;
        }
        for (OffsetDateTime t = start; t.isBefore(end); t = t.plusHours(1)) {
            if (!availabilityFree(room, t)) {
                problem(ex, 409, "Slot taken", "that time is booked already");
                return;
            }
        }
        long id = ids.incrementAndGet();
        String token = signer.sign(AccessToken.booking(7, id, HUB, room, start.toInstant(), end.toInstant()));
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("id", String.valueOf(id));
        booking.put("hub", HUB);
        booking.put("room", room);
        booking.put("start", start);
        booking.put("end", end);
        booking.put("attendees", body.path("attendees").asInt(1));
        booking.put("purpose", body.path("purpose").asText());
        booking.put("status", "active");
        booking.put("token", token);
        bookings.put(String.valueOf(id), booking);
        if (key != null) {
            bookingByKey.put(key, String.valueOf(id));
        }
        send(ex, 201, booking);
    }

    private boolean availabilityFree(String room, OffsetDateTime start) {
        return !((start.atZoneSameInstant(zone).getHour() + room.length()) % 4 == 0) && !booked(room, start);
    }

    private void checkin(HttpExchange ex, Json body) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", String.valueOf(ids.incrementAndGet()));
        if (!body.path("token").isMissing()) {
            AccessToken token;
            try {
                token = TokenFormat.parse(body.path("token").asText());
            } catch (MalformedTokenException e) {
                problem(ex, 422, "Bad token", e.getMessage());
                return;
            }
            if (token.type() == TokenType.BOOKING) {
                Map<String, Object> booking = bookings.get(String.valueOf(token.subject()));
                answer.put("kind", "booking");
                answer.put("bookingId", String.valueOf(token.subject()));
                answer.put("room", booking == null ? "" : booking.get("room"));
            } else {
                answer.put("kind", "resident");
            }
        } else if (body.path("phone").asText().matches("1\\d{10}")) {
            answer.put("kind", "phone");
        } else {
            problem(ex, 422, "Token or phone needed", "a check-in needs a token or a phone number");
            return;
        }
        checkins.add(body);
        send(ex, 201, answer);
    }

    private void ticket(HttpExchange ex, String service) throws IOException {
        Map<String, Object> s = services.get(service);
        if (s == null) {
            problem(ex, 404, "No such service", service);
            return;
        }
        int ahead = waiting.merge(service, 1, Integer::sum) - 1;
        int number = issued.merge(service, 1, Integer::sum);
        queues().stream().filter(q -> q.get("service").equals(service)).findFirst().ifPresent(q -> publish("queue", q));
        send(ex, 201, Map.of("id", service + "-" + number, "number", String.format("%s%03d", s.get("letter"), number),
                "service", service, "peopleAhead", ahead, "estimatedWaitMinutes", ahead * (int) s.get("typicalMinutes"),
                "state", "waiting"));
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
        byte[] bytes = Json.write(Map.of("type", "about:blank", "title", title, "status", status,
                "detail", detail == null ? "" : detail));
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
