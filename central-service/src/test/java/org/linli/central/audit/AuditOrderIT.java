package org.linli.central.audit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Role;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.store.Database;
import org.linli.central.store.MigratedDatabases;
import org.linli.central.store.PostgresCluster;
import org.linli.central.store.PostgresDatabase;
import org.linli.central.store.SqliteDatabase;
import org.linli.protocol.testing.HubClock;

/**
 * The audit log lists actions in the order they arrived, though each row is written only once its request has been
 * answered: a slow action and a quick one that came after it and was answered first, in the same millisecond of a
 * held clock, through the service's own audit filter on a real server and database.
 */
class AuditOrderIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    @Test
    void anActionAnsweredLastIsListedWhereItArrived() throws Exception {
        HubClock clock = new HubClock(Instant.parse("2026-12-06T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
        try (Database db = PostgresCluster.wanted() ? PostgresDatabase.open(MigratedDatabases.newDatabase())
                : SqliteDatabase.open(dir.resolve("linli.db"))) {
            AuditLog log = new AuditLog(db, clock, Duration.ofDays(365));
            // a bearer is the clerk of that name; the filter asks no guard (the listing route does)
            AuditService audit = new AuditService(log, null, new Catalogue(db, hub -> { }),
                    bearer -> Optional.of(new Caller(Role.OPERATOR, bearer, null)), name -> Optional.empty());
            CountDownLatch slowArrived = new CountDownLatch(1);
            CountDownLatch quickAudited = new CountDownLatch(1);
            WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.addFilter(audit.filter())
                    .post("/api/v1/slow", (req, res) -> {
                        slowArrived.countDown();
                        quickAudited.await(30, TimeUnit.SECONDS);
                        res.send("slow");
                    })
                    .post("/api/v1/quick", (req, res) -> res.send("quick"))).build().start();
            try {
                CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(post(server, "/api/v1/slow", "first"),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(slowArrived.await(30, TimeUnit.SECONDS));
                assertEquals(200, HTTP.send(post(server, "/api/v1/quick", "second"),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                await().atMost(Duration.ofSeconds(30)).until(() -> all(log).size() == 1);
                quickAudited.countDown();
                assertEquals(200, slow.get(30, TimeUnit.SECONDS).statusCode());
                await().atMost(Duration.ofSeconds(30)).until(() -> all(log).size() == 2);

                List<AuditLog.Entry> entries = all(log);
                // newest first: the quick one came second, though its row was written first
                assertEquals(List.of("second POST /api/v1/quick", "first POST /api/v1/slow"), entries.stream()
                        .map(e -> e.actor() + " " + e.action()).toList());
                assertEquals(entries.get(0).at().getEpochSecond(), entries.get(1).at().getEpochSecond(),
                        "the same second");
            } finally {
                server.stop();
            }
        }
    }

    private static HttpRequest post(WebServer server, String path, String bearer) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + bearer).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static List<AuditLog.Entry> all(AuditLog log) {
        return log.list(new AuditLog.Filter(Optional.empty(), null, null, null, null, 10));
    }
}
