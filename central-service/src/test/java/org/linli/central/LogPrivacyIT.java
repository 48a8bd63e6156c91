package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full run (start, book, card, tickets, check-ins, bad input, restart) logs no phone number at all. */
class LogPrivacyIT {
    private static final String PHONE = "13712345678";

    @TempDir
    Path data;

    @Test
    void noPhoneNumberReachesTheLog() {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.FINE);
        try (TestServer server = TestServer.start(data)) {
            String kiosk = server.kioskKey();
            Map<String, Object> booking = BookingIT.booking(server, "studio", 10, PHONE);
            assertEquals(201, server.post("/api/v1/bookings", kiosk, booking).status());
            assertEquals(409, server.post("/api/v1/bookings", kiosk, booking).status());
            assertEquals(201, server.post("/api/v1/residents/card", kiosk, Map.of("phone", PHONE)).status());
            assertEquals(201, server.post("/api/v1/services/affairs/tickets", kiosk, Map.of("phone", PHONE)).status());
            assertEquals(201, server.post("/api/v1/checkins", kiosk, Map.of("phone", PHONE)).status());
            assertEquals(400, server.post("/api/v1/checkins", kiosk, Map.of("phone", PHONE + "x")).status());
            assertEquals(400, server.postRaw("/api/v1/bookings", kiosk, "{\"phone\":\"" + PHONE + "\"",
                    Map.of()).status());
            // a resident's requests at the counter: looked up, a copy, a wrong reason, lifted, erased
            String residents = "/api/v1/hubs/" + TestServer.HUB + "/residents/";
            String operator = server.operatorToken();
            assertEquals(200, server.post(residents + "lookup", operator, Map.of("phone", PHONE)).status());
            assertEquals(200, server.post(residents + "export", operator, Map.of("phone", PHONE)).status());
            assertEquals(400, server.post(residents + "lift-block", operator, Map.of("phone", PHONE,
                    "reason", "his number " + PHONE)).status());
            assertEquals(200, server.post(residents + "lift-block", operator, Map.of("phone", PHONE,
                    "reason", "ill")).status());
            assertEquals(200, server.post(residents + "erase", operator, Map.of("phone", PHONE,
                    "reason", "asked")).status());
            assertEquals(400, server.post(residents + "erase", operator, Map.of("phone", PHONE + "x",
                    "reason", "asked")).status());
            server.restart();
            server.server().components().retention().run();
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        assertTrue(lines.size() > 3, "the run should have logged something");
        String all = String.join("\n", lines);
        assertFalse(all.contains(PHONE), all);
        assertFalse(all.contains("12345678"), all);
    }
}
