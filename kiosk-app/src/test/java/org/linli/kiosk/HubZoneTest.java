package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.testing.TcpProxy;

/**
 * The hub's own time zone from the central service over HTTP, kept for starts while the service is away, and never
 * guessed.
 */
class HubZoneTest {
    @TempDir
    Path dir;

    @Test
    void usesTheHubsZoneAndKeepsItForAnOfflineStart() throws Exception {
        // the site's own catalogue seed moves the demo hub to Xinjiang time
        Path seed = Files.writeString(dir.resolve("seed.yaml"), """
                hubs:
                  - id: wutong66
                    level: street
                    parent: xuhui
                    name: {zh: 梧桐66邻里汇, en: Wutong 66 Neighbourhood Hub}
                    timezone: Asia/Urumqi
                    opening-hours: {open: "08:00", close: "21:00"}
                """);
        KioskConfig config;
        try (TestCentral central = TestCentral.start(dir.resolve("central"), TestCentral.clockAt(TestCentral.morning()),
                Map.of("catalogue.seed", seed.toString()))) {
            config = KioskConfig.from(Map.of("central.url", central.url().toString(), "kiosk.key",
                    central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir", dir.resolve("kiosk").toString()));
            assertEquals(ZoneId.of("Asia/Urumqi"), HubZone.known(config).orElseThrow());
        }
        assertEquals(ZoneId.of("Asia/Urumqi"), HubZone.known(config).orElseThrow(),
                "the central service is gone: the kept zone");
    }

    @Test
    void aFirstStartWaitsForTheCentralServiceInsteadOfGuessingAZone() throws Exception {
        try (TestCentral central = TestCentral.start(dir.resolve("central"), TestCentral.clockAt(TestCentral.morning()));
                TcpProxy link = new TcpProxy(central.url().getPort())) {
            link.bar(); // the lobby's network is not up yet, and nothing is kept from an earlier start
            KioskConfig config = KioskConfig.from(Map.of("central.url", "http://127.0.0.1:" + link.port(),
                    "kiosk.key", central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir",
                    dir.resolve("kiosk").toString()));
            assertEquals(Optional.empty(), HubZone.known(config));
            CountDownLatch missed = new CountDownLatch(2);
            CompletableFuture<ZoneId> zone = CompletableFuture.supplyAsync(() -> {
                try {
                    return HubZone.await(config, Duration.ofMillis(20), missed::countDown);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(missed.await(30, TimeUnit.SECONDS), "it asks again");
            assertFalse(zone.isDone(), "no zone before the central service has said it");
            link.unbar();
            assertEquals(TestCentral.ZONE, zone.get(30, TimeUnit.SECONDS));
        }
    }
}
