package org.linli.kiosk.central;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.Availability;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Model.BookingRequest;
import org.linli.kiosk.central.Model.Card;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.central.Model.Signup;
import org.linli.kiosk.central.Model.Ticket;

/**
 * The kiosk's side of the REST API in docs/api.md. Blocking calls: run them off the JavaFX thread. Bodies are never
 * logged because they may hold a phone number. Plain {@link HttpURLConnection} (with its keep-alive pool) rather
 * than {@code java.net.http.HttpClient}, which loads some 500 classes more, TLS included, and a selector thread per
 * client for a kiosk that sends a request every few seconds.
 */
public final class CentralClient {
    private static final System.Logger LOG = System.getLogger(CentralClient.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The request field with the privacy notice's version a resident with a new phone number agreed to. */
    public static final String CONSENT_FIELD = "consentVersion";

    private final URI base;
    private final String kioskKey;
    private final String hubId;
    private final Connectivity connectivity;

    public CentralClient(URI base, String kioskKey, String hubId, Connectivity connectivity) {
        this.base = base;
        this.kioskKey = kioskKey;
        this.hubId = hubId;
        this.connectivity = connectivity;
    }

    public String hubId() {
        return hubId;
    }

    public Hub hub() throws IOException, CentralRefusedException {
        return get("/api/v1/hubs/" + enc(hubId), Hub::from);
    }

    public List<QueueStatus> queues() throws IOException, CentralRefusedException {
        return get("/api/v1/hubs/" + enc(hubId) + "/queues", listOf(QueueStatus::from));
    }

    /** Activities from the first day to the last, both included. */
    public List<Activity> activities(LocalDate from, LocalDate to) throws IOException, CentralRefusedException {
        // the API's "to" is where the range ends (the start of that day), so the day after the last one
        return get("/api/v1/hubs/" + enc(hubId) + "/activities?from=" + from + "&to=" + to.plusDays(1),
                listOf(Activity::from));
    }

    public Availability availability(String room, LocalDate date) throws IOException, CentralRefusedException {
        return get("/api/v1/rooms/" + enc(room) + "/availability?date=" + date, Availability::from);
    }

    /** @param idempotencyKey the same for retries of one booking, so a lost answer never books twice */
    public Booking book(BookingRequest request, String idempotencyKey) throws IOException, CentralRefusedException {
        return book(request, null, idempotencyKey);
    }

    /** @param consentVersion the privacy notice a resident with a new phone number agreed to, or null */
    public Booking book(BookingRequest request, String consentVersion, String idempotencyKey)
            throws IOException, CentralRefusedException {
        Map<String, Object> fields = request.fields();
        if (consentVersion != null) {
            fields.put(CONSENT_FIELD, consentVersion);
        }
        return post("/api/v1/bookings", Json.write(fields), idempotencyKey, Booking::from);
    }

    /** The card holder's bookings in this hub that have not ended, soonest first (a refused card: 422). */
    public List<Booking> myBookings(String residentToken) throws IOException, CentralRefusedException {
        return post("/api/v1/residents/bookings", Json.write(Map.of("residentToken", residentToken)), null,
                json -> json.path("bookings").elements().stream().map(Booking::from).toList());
    }

    /** Cancels one of the card holder's bookings (another's, or one that has ended: 404); answers it cancelled. */
    public Booking cancelMyBooking(String residentToken, String id) throws IOException, CentralRefusedException {
        return post("/api/v1/residents/bookings/" + enc(id) + "/cancel",
                Json.write(Map.of("residentToken", residentToken)), null, Booking::from);
    }

    public Card residentCard(String phone) throws IOException, CentralRefusedException {
        return residentCard(phone, null);
    }

    /** @param consentVersion the privacy notice a resident with a new phone number agreed to, or null */
    public Card residentCard(String phone, String consentVersion) throws IOException, CentralRefusedException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("phone", phone);
        if (consentVersion != null) {
            body.put(CONSENT_FIELD, consentVersion);
        }
        return post("/api/v1/residents/card", Json.write(body), null, Card::from);
    }

    /**
     * @param resident {@code {"token": card}}, {@code {"phone": digits}}, or empty for an anonymous ticket
     * @param idempotencyKey the same for every try of one draw, so a lost answer never draws two tickets; or null
     */
    public Ticket ticket(String service, boolean priority, Map<String, String> resident, String idempotencyKey)
            throws IOException, CentralRefusedException {
        Map<String, Object> body = new java.util.HashMap<>(resident);
        body.put("priority", priority);
        return post("/api/v1/services/" + enc(service) + "/tickets", Json.write(body), idempotencyKey,
                Ticket::from);
    }

    public Ticket ticketStatus(String id) throws IOException, CentralRefusedException {
        return get("/api/v1/tickets/" + enc(id), Ticket::from);
    }

    /**
     * @param resident {@code {"token": card}} or {@code {"phone": digits}}
     * @param idempotencyKey the same for every try of one sign-up, so a lost answer is answered with the sign-up it
     *     made; or null
     */
    public Signup signup(String activity, Map<String, String> resident, String idempotencyKey)
            throws IOException, CentralRefusedException {
        return post("/api/v1/activities/" + enc(activity) + "/signups", Json.write(resident), idempotencyKey,
                Signup::from);
    }

    /** Posts a body the outbox kept; used for check-ins and feedback, online or replayed later. */
    public Json postStored(String path, String body, String idempotencyKey)
            throws IOException, CentralRefusedException {
        return post(path, body.getBytes(StandardCharsets.UTF_8), idempotencyKey, Function.identity());
    }

    /** Reports the outbox to the central service, where staff see it beside the kiosk's key. */
    public void reportOutbox(Map<String, Object> status) throws IOException, CentralRefusedException {
        post("/api/v1/kiosks/status", Json.write(status), null, Function.identity());
    }

    /**
     * The header of a check-in kept while the central service was away and sent later: a resident who agreed to an
     * earlier privacy notice is counted, and asked at their next visit (docs/privacy.md, "Consent").
     */
    public static final String KEPT_HEADER = "Linli-Kept";

    /** As {@link #postStored}, for an entry kept in the outbox and sent later ({@link #KEPT_HEADER}). */
    public Json postKept(String path, String body, String idempotencyKey) throws IOException, CentralRefusedException {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8), idempotencyKey, true, Function.identity());
    }

    /** Answers true when the central service is up (used by the outbox to decide whether to try). */
    public boolean ping() {
        try {
            get("/api/v1/hubs/" + enc(hubId), Function.identity());
            return true;
        } catch (IOException | CentralRefusedException e) {
            return false;
        }
    }

    private static <T> Function<Json, List<T>> listOf(Function<Json, T> item) {
        return json -> json.elements().stream().map(item).toList();
    }

    private <T> T get(String path, Function<Json, T> reader) throws IOException, CentralRefusedException {
        return send("GET", path, null, null, reader);
    }

    private <T> T post(String path, byte[] body, String idempotencyKey, Function<Json, T> reader)
            throws IOException, CentralRefusedException {
        return send("POST", path, body, idempotencyKey, reader);
    }

    private <T> T send(String method, String path, byte[] body, String idempotencyKey, Function<Json, T> reader)
            throws IOException, CentralRefusedException {
        return send(method, path, body, idempotencyKey, false, reader);
    }

    private <T> T send(String method, String path, byte[] body, String idempotencyKey, boolean kept,
            Function<Json, T> reader) throws IOException, CentralRefusedException {
        int status;
        byte[] answer;
        try {
            HttpURLConnection http = open(base.resolve(path), kioskKey, "application/json", TIMEOUT);
            http.setRequestMethod(method);
            if (idempotencyKey != null) {
                http.setRequestProperty("Idempotency-Key", idempotencyKey);
            }
            if (kept) {
                http.setRequestProperty(KEPT_HEADER, "1");
            }
            if (body != null) {
                http.setRequestProperty("Content-Type", "application/json");
                http.setDoOutput(true);
                http.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(body);
                }
            }
            status = http.getResponseCode();
            // read to the end either way: only a fully read answer lets the connection be used again (a 401 to a
            // streamed body comes without one: the connection gives up on it, so there is no problem detail to read)
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
        } catch (IOException e) {
            connectivity.report(false);
            throw new CentralUnavailableException("central service not reachable: " + e, e);
        }
        if (status >= 500) {
            connectivity.report(false);
            LOG.log(System.Logger.Level.WARNING, "{0} {1} answered {2}", method, pathOnly(path), status);
            throw new CentralUnavailableException("central service failed with " + status, null);
        }
        connectivity.report(true);
        if (status >= 400) {
            Json problem = readProblem(answer);
            LOG.log(System.Logger.Level.INFO, "{0} {1} refused: {2} {3}", method, pathOnly(path), status,
                    problem.path("title").asText(""));
            String type = problem.path("type").asText("");
            CentralRefusedException refused = new CentralRefusedException(status, problem.path("title").asText(
                    status == HttpURLConnection.HTTP_UNAUTHORIZED ? "Unauthorized" : "refused"),
                    problem.path("detail").asText(null), type.substring(type.lastIndexOf('/') + 1),
                    problem.path("noticeChanged").asBoolean());
            throw refused;
        }
        try {
            return reader.apply(status == HttpURLConnection.HTTP_NO_CONTENT ? Json.MISSING : Json.parse(answer));
        } catch (IOException | RuntimeException e) {
            // a central service that answers nonsense is as useless as one that is down
            connectivity.report(false);
            throw new CentralUnavailableException("unexpected answer from " + pathOnly(path), e);
        }
    }

    /**
     * A request to the central service with the kiosk's key, never through a proxy (the central service is on the
     * hub's own network). Used by the event stream as well.
     */
    static HttpURLConnection open(URI uri, String kioskKey, String accept, Duration readTimeout) throws IOException {
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        http.setReadTimeout((int) readTimeout.toMillis());
        http.setUseCaches(false);
        // never to another address with the kiosk's key (the central service does not redirect; HttpClient did
        // not follow redirects either)
        http.setInstanceFollowRedirects(false);
        http.setRequestProperty("Authorization", "Bearer " + kioskKey);
        http.setRequestProperty("Accept", accept);
        return http;
    }

    /** The path without its query, which may name a resident's booking day or similar: enough for a log line. */
    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Json readProblem(byte[] body) {
        try {
            return Json.parse(body);
        } catch (IOException e) {
            return Json.MISSING;
        }
    }

    private static String enc(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
