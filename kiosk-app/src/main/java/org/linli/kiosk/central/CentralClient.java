package org.linli.kiosk.central;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.linli.kiosk.central.Model.Activity;
import org.linli.kiosk.central.Model.Availability;
import org.linli.kiosk.central.Model.Booking;
import org.linli.kiosk.central.Model.BookingRequest;
import org.linli.kiosk.central.Model.Card;
import org.linli.kiosk.central.Model.CheckinResult;
import org.linli.kiosk.central.Model.Hub;
import org.linli.kiosk.central.Model.QueueStatus;
import org.linli.kiosk.central.Model.Signup;
import org.linli.kiosk.central.Model.Ticket;

/**
 * The kiosk's side of the REST API in docs/api.md. Blocking calls: run them off the JavaFX thread. Bodies are never
 * logged because they may hold a phone number.
 */
public final class CentralClient {
    private static final System.Logger LOG = System.getLogger(CentralClient.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final String kioskKey;
    private final String hubId;
    private final Connectivity connectivity;
    private final HttpClient http;
    private final ObjectMapper json = mapper();

    public CentralClient(URI base, String kioskKey, String hubId, Connectivity connectivity) {
        this.base = base;
        this.kioskKey = kioskKey;
        this.hubId = hubId;
        this.connectivity = connectivity;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public String hubId() {
        return hubId;
    }

    public Hub hub() throws IOException, CentralRefusedException {
        return get("/api/v1/hubs/" + enc(hubId), Hub.class);
    }

    public List<QueueStatus> queues() throws IOException, CentralRefusedException {
        return get("/api/v1/hubs/" + enc(hubId) + "/queues",
                json.getTypeFactory().constructCollectionType(List.class, QueueStatus.class));
    }

    /** Activities from the first day to the last, both included. */
    public List<Activity> activities(LocalDate from, LocalDate to) throws IOException, CentralRefusedException {
        // the API's "to" is where the range ends (the start of that day), so the day after the last one
        return get("/api/v1/hubs/" + enc(hubId) + "/activities?from=" + from + "&to=" + to.plusDays(1),
                json.getTypeFactory().constructCollectionType(List.class, Activity.class));
    }

    public Availability availability(String room, LocalDate date) throws IOException, CentralRefusedException {
        return get("/api/v1/rooms/" + enc(room) + "/availability?date=" + date, Availability.class);
    }

    /** @param idempotencyKey the same for retries of one booking, so a lost answer never books twice */
    public Booking book(BookingRequest request, String idempotencyKey) throws IOException, CentralRefusedException {
        return post("/api/v1/bookings", json.valueToTree(request), idempotencyKey, Booking.class);
    }

    public Card residentCard(String phone) throws IOException, CentralRefusedException {
        return post("/api/v1/residents/card", Map.of("phone", phone), null, Card.class);
    }

    /** @param resident {@code {"token": card}}, {@code {"phone": digits}}, or empty for an anonymous ticket */
    public Ticket ticket(String service, boolean priority, Map<String, String> resident)
            throws IOException, CentralRefusedException {
        Map<String, Object> body = new java.util.HashMap<>(resident);
        body.put("priority", priority);
        return post("/api/v1/services/" + enc(service) + "/tickets", body, null, Ticket.class);
    }

    public Ticket ticketStatus(String id) throws IOException, CentralRefusedException {
        return get("/api/v1/tickets/" + enc(id), Ticket.class);
    }

    /** @param resident {@code {"token": card}} or {@code {"phone": digits}} */
    public Signup signup(String activity, Map<String, String> resident) throws IOException, CentralRefusedException {
        return post("/api/v1/activities/" + enc(activity) + "/signups", resident, null, Signup.class);
    }

    /** Posts a body the outbox kept; used for check-ins and feedback, online or replayed later. */
    public JsonNode postStored(String path, String body, String idempotencyKey)
            throws IOException, CentralRefusedException {
        return post(path, json.readTree(body), idempotencyKey, JsonNode.class);
    }

    public CheckinResult toCheckin(JsonNode answer) throws JsonProcessingException {
        return json.treeToValue(answer, CheckinResult.class);
    }

    /** Answers true when the central service is up (used by the outbox to decide whether to try). */
    public boolean ping() {
        try {
            get("/api/v1/hubs/" + enc(hubId), JsonNode.class);
            return true;
        } catch (IOException | CentralRefusedException e) {
            return false;
        }
    }

    private <T> T get(String path, Class<T> type) throws IOException, CentralRefusedException {
        return get(path, json.getTypeFactory().constructType(type));
    }

    private <T> T get(String path, JavaType type) throws IOException, CentralRefusedException {
        return send(request(path).GET().build(), type);
    }

    private <T> T post(String path, Object body, String idempotencyKey, Class<T> type)
            throws IOException, CentralRefusedException {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build(), json.getTypeFactory().constructType(type));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + kioskKey).header("Accept", "application/json");
    }

    private <T> T send(HttpRequest request, JavaType type) throws IOException, CentralRefusedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            connectivity.report(false);
            throw new CentralUnavailableException("central service not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentralUnavailableException("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            connectivity.report(false);
            LOG.log(System.Logger.Level.WARNING, "{0} {1} answered {2}", request.method(), request.uri().getPath(),
                    status);
            throw new CentralUnavailableException("central service failed with " + status, null);
        }
        connectivity.report(true);
        if (status >= 400) {
            JsonNode problem = readProblem(response.body());
            LOG.log(System.Logger.Level.INFO, "{0} {1} refused: {2} {3}", request.method(),
                    request.uri().getPath(), status, problem.path("title").asText(""));
            throw new CentralRefusedException(status, problem.path("title").asText("refused"),
                    problem.path("detail").asText(null));
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            // a central service that answers nonsense is as useless as one that is down
            connectivity.report(false);
            throw new CentralUnavailableException("unexpected answer from " + request.uri().getPath(), e);
        }
    }

    private JsonNode readProblem(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String enc(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
