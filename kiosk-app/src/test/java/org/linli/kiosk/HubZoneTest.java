package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's own time zone from the central service over HTTP, kept for starts while the service is away. */
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
        try (TestCentral central = TestCentral.start(dir.resolve("central"), TestCentral.morningClock(),
                Map.of("catalogue.seed", seed.toString()))) {
            config = KioskConfig.from(Map.of("central.url", central.url().toString(), "kiosk.key",
                    central.kioskKey(), "hub.id", TestCentral.HUB, "data.dir", dir.resolve("kiosk").toString()));
            assertEquals(ZoneId.of("Asia/Urumqi"), HubZone.resolve(config));
        }
        assertEquals(ZoneId.of("Asia/Urumqi"), HubZone.resolve(config), "the central service is gone: the kept zone");
    }

    @Test
    void fallsBackToShanghaiWhenNothingIsKnown() throws Exception {
        KioskConfig config = KioskConfig.from(Map.of("central.url", "http://127.0.0.1:9", "kiosk.key", "k",
                "hub.id", TestCentral.HUB, "data.dir", dir.toString()));
        assertEquals(ZoneId.of("Asia/Shanghai"), HubZone.resolve(config));
    }
}
