package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staff session in use renews itself past the 12 hours of a hub day; an idle one still ends. */
class SessionRenewalIT {
    @TempDir
    Path data;

    @Test
    void aSessionInUseLastsThroughTheHubsDayAndAnIdleOneEnds() {
        try (TestServer server = TestServer.start(data)) {
            String counter = server.counterToken();
            // a counter console open from 08:00 to 21:00, asking every few hours
            for (int hour = 0; hour < 13; hour += 3) {
                assertEquals(200, server.get("/api/v1/staff/me", counter).status(), "after " + hour + " h");
                server.clock().advance(Duration.ofHours(3));
            }
            assertEquals(200, server.get("/api/v1/staff/me", counter).status(), "15 h after signing in");
            server.clock().advance(Duration.ofHours(12).plusMinutes(1));
            assertEquals(401, server.get("/api/v1/staff/me", counter).status(), "left alone for 12 hours");
        }
    }
}
