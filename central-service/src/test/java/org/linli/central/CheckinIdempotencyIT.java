package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.HubTime;

/**
 * A kiosk whose answer to a check-in or an activity sign-up got lost sends it again with the same Idempotency-Key
 * (its outbox keeps the key with the entry): the visit is counted once, the resident signed up once, and the answer
 * is the one the first try got.
 */
class CheckinIdempotencyIT {
    @TempDir
    Path data;
    TestServer server;
    Instant now;

    @BeforeEach
    void start() {
        // 10:00 in a hub far from Shanghai, held there: the visits are of one day whatever the machine's hour
        server = TestServer.start(data, HubTime.of("12:00", HubTime.ST_JOHNS));
        server.clock().advance(java.time.Duration.ofHours(-2));
        now = server.clock().instant();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Response checkin(String body, String key) {
        return server.postRaw("/api/v1/checkins", server.kioskKey(), body,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private TestServer.Response signUp(String activity, String body, String key) {
        return server.postRaw("/api/v1/activities/" + activity + "/signups", server.kioskKey(), body,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private int visitsToday() {
        return server.get("/api/v1/hubs/wutong66/checkins?date=" + LocalDate.ofInstant(now, server.zone()),
                server.operatorToken()).json().get("total").asInt();
    }

    /** The body an outbox keeps: the time the resident checked in goes with it, so every try is the same text. */
    private String visit(String phone, String service) {
        return "{\"phone\":\"" + phone + "\",\"service\":\"" + service + "\",\"at\":\""
                + OffsetDateTime.ofInstant(now.minusSeconds(90), server.zone()) + "\"}";
    }

    @Test
    void aCheckinTriedAgainWithItsKeyIsCountedOnceAndAnsweredTheSame() {
        TestServer.Response first = checkin(visit("13600000001", "health"), "outbox-7f3a");
        assertEquals(201, first.status(), first.text());
        TestServer.Response again = checkin(visit("13600000001", "health"), "outbox-7f3a");
        assertEquals(200, again.status(), again.text());
        assertEquals(first.json(), again.json(), "the same check-in, as the first try was answered");
        assertEquals(1, visitsToday());

        assertEquals(201, checkin(visit("13600000001", "health"), "outbox-7f3b").status(),
                "another key is another visit");
        assertEquals(201, checkin(visit("13600000001", "health"), null).status());
        assertEquals(201, checkin(visit("13600000001", "health"), null).status(), "no key, no replay");
        assertEquals(4, visitsToday());
    }

    @Test
    void aResidentCardCheckinIsReplayedWithItsKind() {
        String card = server.post("/api/v1/residents/card", server.kioskKey(), Map.of("phone", "13600000002"))
                .json().get("token").asText();
        String body = "{\"token\":\"" + card + "\",\"activity\":\"demo-festival-6\"}";
        TestServer.Response first = checkin(body, "card-visit-1");
        assertEquals(201, first.status(), first.text());
        TestServer.Response again = checkin(body, "card-visit-1");
        assertEquals(200, again.status(), again.text());
        assertEquals("resident", again.json().get("kind").asText());
        assertEquals(first.json().get("id"), again.json().get("id"));
        assertEquals(1, server.count("SELECT count(*) FROM checkin"));
    }

    @Test
    void aKeyUsedForAnotherCheckinIsRefused() {
        assertEquals(201, checkin(visit("13600000003", "health"), "kept-key").status());
        for (String other : List.of(visit("13600000003", "legal"), visit("13600000004", "health"),
                "{\"phone\":\"13600000003\",\"service\":\"health\"}")) {
            TestServer.Response refused = checkin(other, "kept-key");
            assertEquals(422, refused.status(), other + " -> " + refused.text());
            assertEquals("application/problem+json", refused.contentType());
        }
        assertEquals(1, visitsToday());
        assertEquals(0, server.count("SELECT count(*) FROM checkin WHERE request_hash LIKE '%13600000003%'"),
                "the request's hash holds no phone number");
        assertEquals(400, checkin(visit("13600000003", "health"), "with space").status());
    }

    /** Tries that arrive together (a kiosk retrying while its first try is still on its way) make one visit. */
    @Test
    void triesAtTheSameTimeMakeOneCheckin() throws Exception {
        List<Callable<TestServer.Response>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tries.add(() -> checkin(visit("13600000005", "health"), "together"));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<TestServer.Response> answer : pool.invokeAll(tries)) {
                statuses.add(answer.get().status());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, visitsToday());
    }

    @Test
    void aSignUpTriedAgainWithItsKeyAnswersTheSameSignUp() {
        String me = "{\"phone\":\"13500000001\"}";
        TestServer.Response first = signUp("demo-kids-5", me, "signup-1");
        assertEquals(201, first.status(), first.text());
        TestServer.Response again = signUp("demo-kids-5", me, "signup-1");
        assertEquals(200, again.status(), again.text());
        assertEquals(first.json(), again.json());
        assertEquals(1, server.count("SELECT count(*) FROM activity_signup"));

        TestServer.Response otherActivity = signUp("demo-festival-6", me, "signup-1");
        assertEquals(422, otherActivity.status(), otherActivity.text());
        TestServer.Response otherResident = signUp("demo-kids-5", "{\"phone\":\"13500000002\"}", "signup-1");
        assertEquals(422, otherResident.status(), otherResident.text());
        assertEquals(1, server.count("SELECT count(*) FROM activity_signup"));

        TestServer.Response next = signUp("demo-festival-6", me, "signup-2");
        assertEquals(201, next.status(), next.text());
        assertNotEquals(first.json().get("id"), next.json().get("id"));
    }
}
