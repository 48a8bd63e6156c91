package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.backup.DailyBackup;
import org.linli.protocol.testing.HubClock;
import org.linli.protocol.testing.HubTime;

/**
 * {@code central backup} while kiosks keep drawing tickets, then {@code central restore} into a clean data directory
 * on "another machine": every booking, resident and door key taken before the backup is there and works.
 */
class BackupIT {
    private static final String CARD_PHONE = "13800138021";
    private static final String BOOKING_PHONE = "13800138022";

    @TempDir
    Path dir;

    private static String command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Tools(new BufferedReader(new StringReader("")), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                HubTime.noon().clock(), Locale.ENGLISH).run(args);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<Long> tickets(TestServer server) {
        return new HashSet<>(server.components().db().read(c -> org.linli.central.store.Sql.list(c,
                "SELECT id FROM ticket", rs -> rs.getLong(1))));
    }

    @Test
    void aBackupUnderLoadRestoresOnACleanMachineWithEveryBookingResidentAndDoorKey() throws Exception {
        Path data = dir.resolve("hub");
        Path backup = dir.resolve("backups/2026-12-05");
        Path elsewhere = dir.resolve("new-machine");
        HubTime time = HubTime.noon();

        String cardToken;
        long bookingId;
        String doorToken;
        JsonNode doorKeys;
        String feedPath;
        long cardResident;
        Set<Long> confirmedBefore = ConcurrentHashMap.newKeySet();
        Set<Long> everyTicket;
        try (TestServer hub = TestServer.start(data, time)) {
            JsonNode card = hub.post("/api/v1/residents/card", hub.kioskKey(), Map.of("phone", CARD_PHONE)).json();
            cardToken = card.get("token").asText();
            TestServer.Response booked = hub.post("/api/v1/bookings", hub.kioskKey(),
                    BookingIT.booking(hub, "studio", 10, BOOKING_PHONE));
            assertEquals(201, booked.status(), booked.text());
            bookingId = booked.json().get("id").asLong();
            doorToken = booked.json().get("token").asText();
            doorKeys = hub.get("/api/v1/hubs/wutong66/keys", null).json();
            TestServer.Response feed = hub.post("/api/v1/hubs/wutong66/calendar-feeds", hub.operatorToken(),
                    Map.of("room", "studio"));
            assertEquals(201, feed.status(), feed.text());
            feedPath = feed.json().get("path").asText();
            assertEquals(200, hub.get(feedPath, null).status());
            cardResident = residentOfCheckIn(hub, Map.of("token", cardToken));

            // Two kiosks drawing tickets as fast as the service answers, through the backup and after it.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean backedUp = new AtomicBoolean();
            AtomicReference<String> failure = new AtomicReference<>();
            CountDownLatch loaded = new CountDownLatch(20);
            CountDownLatch drawnAfter = new CountDownLatch(10);
            List<Thread> kiosks = List.of("affairs", "health").stream().map(service -> Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    TestServer.Response r = hub.post("/api/v1/services/" + service + "/tickets", hub.kioskKey(),
                            Map.of("priority", false));
                    if (r.status() != 201) {
                        failure.set(r.status() + " " + r.text());
                        return;
                    }
                    confirmedBefore.add(r.json().get("id").asLong());
                    loaded.countDown();
                    if (backedUp.get()) {
                        drawnAfter.countDown();
                    }
                }
            })).toList();
            assertTrue(loaded.await(60, TimeUnit.SECONDS), "the load runs: " + failure.get());
            Set<Long> answeredBeforeTheBackup = Set.copyOf(confirmedBefore);
            String said = command("backup", backup.toString(), "--data", data.toString());
            backedUp.set(true);
            TestServer.Response logged = hub.get("/api/v1/audit?action=backup", hub.adminToken());
            assertTrue(logged.text().contains("\"CLI backup\"") && logged.text().contains(backup.toString()),
                    "the backup is in the audit log, with where it went: " + logged.text());
            assertTrue(said.contains("linli.db") && said.contains("resident.secret")
                    && said.contains("signing-key.properties") && said.contains("calendar.secret"), said);
            // the service kept writing: the backup did not stop it
            assertTrue(drawnAfter.await(60, TimeUnit.SECONDS), "tickets are still drawn after the backup: "
                    + failure.get());
            stop.set(true);
            for (Thread kiosk : kiosks) {
                kiosk.join();
            }
            assertEquals(null, failure.get());
            everyTicket = tickets(hub);
            confirmedBefore.clear();
            confirmedBefore.addAll(answeredBeforeTheBackup);
        }

        // the backup is the service's alone
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        try (var files = Files.list(backup)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                        file.toString());
            }
        }

        String restored = command("restore", backup.toString(), "--data", elsewhere.toString());
        assertTrue(restored.contains(elsewhere.toString()), restored);
        for (String name : List.of("linli.db", "resident.secret", "signing-key.properties", "calendar.secret")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    elsewhere.resolve(name))), name);
        }

        try (TestServer restoredHub = TestServer.start(elsewhere, time)) {
            TestServer.Response logged = restoredHub.get("/api/v1/audit?action=restore", restoredHub.adminToken());
            assertTrue(logged.text().contains("\"CLI restore\"") && logged.text().contains(backup.toString()),
                    "the restored database says where it came from: " + logged.text());
            // every ticket answered before the backup began is there, and nothing that never was
            Set<Long> restoredTickets = tickets(restoredHub);
            assertTrue(restoredTickets.containsAll(confirmedBefore), "tickets confirmed before the backup");
            assertTrue(everyTicket.containsAll(restoredTickets), "nothing invented");
            // the staff accounts (the demo credentials came back too) and the booking, which staff of its hub read
            TestServer.Response booking = restoredHub.get("/api/v1/bookings/" + bookingId,
                    restoredHub.operatorToken());
            assertEquals(200, booking.status(), booking.text());
            assertEquals("active", booking.json().get("status").asText());
            // the door keys are the same, so the QR handed out before still opens: the central accepts it
            assertEquals(doorKeys, restoredHub.get("/api/v1/hubs/wutong66/keys", null).json());
            restoredHub.clock().set(restoredHub.tomorrowAt(10, 5).toInstant());
            TestServer.Response used = restoredHub.post("/api/v1/checkins", restoredHub.kioskKey(),
                    Map.of("token", doorToken));
            assertEquals(201, used.status(), used.text());
            assertEquals(bookingId, used.json().get("bookingId").asLong());
            // the resident card is still recognised, and the phone number still finds the same resident
            assertEquals(cardResident, residentOfCheckIn(restoredHub, Map.of("token", cardToken)));
            assertEquals(cardResident, residentOfCheckIn(restoredHub, Map.of("phone", CARD_PHONE)));
            // a calendar subscribed to before still answers, with the booking in it
            TestServer.Response calendar = restoredHub.get(feedPath, null);
            assertEquals(200, calendar.status(), calendar.text());
            assertTrue(calendar.text().contains("booking-" + bookingId + "@"), calendar.text());
        }
    }

    @Test
    void aRestoreNeverOverwritesAndADamagedBackupIsRefused() throws Exception {
        Path data = dir.resolve("hub");
        Path backup = dir.resolve("backup");
        try (TestServer hub = TestServer.start(data)) {
            command("backup", backup.toString(), "--data", data.toString());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tools tools = new Tools(new BufferedReader(new StringReader("")), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), HubTime.noon().clock(), Locale.ENGLISH);
        assertEquals(1, tools.run(new String[] {"restore", backup.toString(), "--data", data.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exists already"), err.toString());
        assertEquals(1, tools.run(new String[] {"backup", backup.toString(), "--data", data.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not empty"), err.toString());

        byte[] secret = Files.readAllBytes(backup.resolve("resident.secret"));
        secret[0] ^= 1;
        Files.write(backup.resolve("resident.secret"), secret);
        Path clean = dir.resolve("clean");
        assertEquals(1, tools.run(new String[] {"restore", backup.toString(), "--data", clean.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("damaged"), err.toString());
        assertTrue(!Files.exists(clean.resolve("linli.db")), "nothing restored from a damaged backup");

        // a hub whose resident secret is missing is not backed up, and nothing half-written is left beside the target
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(backup.resolve("linli.db"), bare.resolve("linli.db"));
        Path refused = dir.resolve("bare-backup");
        assertEquals(1, tools.run(new String[] {"backup", refused.toString(), "--data", bare.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("resident.secret"), err.toString());
        assertTrue(!Files.exists(refused) && !Files.exists(dir.resolve("bare-backup.partial")),
                "no backup and no partial one");
    }

    @Test
    void theServiceBacksItselfUpDailyAndKeepsTheNewest() throws Exception {
        Path backups = dir.resolve("backups");
        HubClock clock = HubTime.noon().clock();
        try (TestServer hub = TestServer.start(dir.resolve("hub"), Map.of("backup.dir", backups.toString(),
                "backup.keep", "2"), clock)) {
            DailyBackup daily = new DailyBackup(hub.components().settings(), clock);
            List<Path> written = new java.util.ArrayList<>();
            for (int day = 0; day < 3; day++) {
                written.add(daily.run().orElseThrow());
                // started again an hour later (a restart runs the job too): no second backup that day
                clock.advance(java.time.Duration.ofHours(1));
                assertTrue(daily.run().isEmpty(), "a backup an hour after the last one");
                clock.advance(java.time.Duration.ofHours(23));
            }
            try (var kept = Files.list(backups)) {
                assertEquals(Set.copyOf(written.subList(1, 3)), Set.copyOf(kept.toList()));
            }
            // each is a whole backup: it restores
            command("restore", written.get(2).toString(), "--data", dir.resolve("restored").toString());
            assertTrue(Files.size(dir.resolve("restored/linli.db")) > 0);
        }
    }

    /**
     * The central's HTTPS certificate and key (server.tls, as deploy-pi installs them outside the data directory) are
     * in the backup, owner-only, and restore puts them where the new machine's configuration names them; the
     * service serves HTTPS from what was restored. A certificate already there and different (the new machine's
     * own) is left as it is, and the restore says so.
     */
    @Test
    void theCentralsTlsCertificateAndKeyAreBackedUpAndRestoredWhereTheConfigurationNamesThem() throws Exception {
        Path tls = HttpsIT.certificates(dir);
        Path data = dir.resolve("hub");
        try (TestServer hub = TestServer.start(data)) {
            assertEquals(200, hub.get("/api/v1/hubs/wutong66", null).status());
        }
        Path backup = dir.resolve("backup");
        String said = command("backup", backup.toString(), "--config", tlsConfig("central.yaml",
                tls.resolve("server.crt"), tls.resolve("server.key")).toString(), "--data", data.toString());
        assertTrue(said.contains("tls-certificate.pem") && said.contains("tls-private-key.pem"), said);
        assertEquals(Files.readString(tls.resolve("server.crt")), Files.readString(backup.resolve(
                "tls-certificate.pem")));
        assertEquals(Files.readString(tls.resolve("server.key")), Files.readString(backup.resolve(
                "tls-private-key.pem")));
        for (String name : List.of("tls-certificate.pem", "tls-private-key.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    backup.resolve(name))), name);
        }

        // a new machine, whose configuration names the same files, not there yet
        Path newTls = dir.resolve("new-machine/etc/tls");
        Path newConfig = tlsConfig("new-central.yaml", newTls.resolve("central.crt"), newTls.resolve("central.key"));
        Path newData = dir.resolve("new-machine/data");
        String restored = command("restore", backup.toString(), "--config", newConfig.toString(), "--data",
                newData.toString());
        assertTrue(restored.contains("tls-private-key.pem"), restored);
        assertEquals(Files.readString(tls.resolve("server.key")), Files.readString(newTls.resolve("central.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                newTls.resolve("central.key"))));
        Map<String, String> https = new java.util.HashMap<>(Map.of("data.dir", newData.toString(), "server.port", "0",
                "server.host", "127.0.0.1", "server.tls.certificate", newTls.resolve("central.crt").toString(),
                "server.tls.private-key", newTls.resolve("central.key").toString()));
        try (CentralServer central = CentralServer.start(HttpsIT.settings(https), HubTime.noon().clock(), false)) {
            java.net.http.HttpResponse<String> hub = HttpsIT.trusting(tls.resolve("ca.crt")).send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + central.port()
                            + "/api/v1/hubs/wutong66")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hub.statusCode(), "served over HTTPS from the restored key: " + hub.body());
        }

        // a machine that has its own certificate already: kept, and said
        Path ownTls = Files.createDirectories(dir.resolve("own-machine/tls"));
        Files.copy(tls.resolve("ca.crt"), ownTls.resolve("central.crt"));
        String kept = command("restore", backup.toString(), "--config", tlsConfig("own-central.yaml",
                ownTls.resolve("central.crt"), ownTls.resolve("central.key")).toString(), "--data",
                dir.resolve("own-machine/data").toString());
        assertEquals(Files.readString(tls.resolve("ca.crt")), Files.readString(ownTls.resolve("central.crt")));
        assertTrue(kept.contains(ownTls.resolve("central.crt") + " differs from the backup's"), kept);
        assertEquals(Files.readString(tls.resolve("server.key")), Files.readString(ownTls.resolve("central.key")));
    }

    private Path tlsConfig(String name, Path certificate, Path key) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), """
                server:
                  tls:
                    certificate: %s
                    private-key: %s
                """.formatted(certificate, key));
    }

    private static long residentOfCheckIn(TestServer server, Map<String, Object> body) {
        TestServer.Response r = server.post("/api/v1/checkins", server.kioskKey(), body);
        assertEquals(201, r.status(), r.text());
        long id = r.json().get("id").asLong();
        return server.count("SELECT resident_id FROM checkin WHERE id = " + id);
    }
}
