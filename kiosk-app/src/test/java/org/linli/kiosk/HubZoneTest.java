package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.kiosk.central.SampleCentral;

/** The hub's own time zone from the central service over HTTP, kept for starts while the service is away. */
class HubZoneTest {
    @TempDir
    Path dir;

    @Test
    void usesTheHubsZoneAndKeepsItForAnOfflineStart() throws Exception {
        ZoneId urumqi = ZoneId.of("Asia/Urumqi");
        KioskConfig config;
        try (SampleCentral central = new SampleCentral("zone-key", InstantSource.system(), urumqi).start(0)) {
            config = KioskConfig.from(Map.of("central.url", central.url().toString(), "kiosk.key", "zone-key",
                    "hub.id", SampleCentral.HUB, "data.dir", dir.toString()));
            assertEquals(urumqi, HubZone.resolve(config));
        }
        assertEquals(urumqi, HubZone.resolve(config), "the central service is gone: the kept zone");
    }

    @Test
    void fallsBackToShanghaiWhenNothingIsKnown() throws Exception {
        KioskConfig config = KioskConfig.from(Map.of("central.url", "http://127.0.0.1:9", "kiosk.key", "k",
                "hub.id", SampleCentral.HUB, "data.dir", dir.toString()));
        assertEquals(ZoneId.of("Asia/Shanghai"), HubZone.resolve(config));
    }
}
