package org.linli.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsNestedYamlAndLetsEnvironmentOverrideSingleKeys() throws Exception {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                central:
                  url: http://central.local:8080
                kiosk:
                  key: from-file
                hub:
                  id: xh-wutong66
                idle:
                  seconds: 90
                  warning-seconds: 15
                """);
        KioskConfig config = KioskConfig.load(file, Map.of("LINLI_KIOSK_KEY", "from-env", "LINLI_LANGUAGE", "en"));
        assertEquals("http://central.local:8080", config.centralUrl().toString());
        assertEquals("from-env", config.kioskKey());
        assertEquals("en", config.language().getLanguage());
        assertEquals(Duration.ofSeconds(90), config.idleAfter());
        assertEquals(Duration.ofSeconds(15), config.idleWarning());
    }

    @Test
    void namesTheMissingKeyAndItsVariable() {
        var e = assertThrows(ConfigException.class, () -> KioskConfig.load(null,
                Map.of("LINLI_CENTRAL_URL", "http://x:1", "LINLI_HUB_ID", "h")));
        assertTrue(e.getMessage().contains("kiosk.key") && e.getMessage().contains("LINLI_KIOSK_KEY"), e.getMessage());
    }

    @Test
    void rejectsAnAddressThatIsNotHttp() {
        var e = assertThrows(ConfigException.class, () -> KioskConfig.from(
                Map.of("central.url", "ftp://x", "kiosk.key", "k", "hub.id", "h")));
        assertTrue(e.getMessage().contains("central.url"));
    }

    @Test
    void rejectsUnknownKeysAndBadNumbers() {
        assertThrows(ConfigException.class, () -> KioskConfig.from(
                Map.of("central.url", "http://x", "kiosk.key", "k", "hub.id", "h", "idle.secnds", "5")));
        assertThrows(ConfigException.class, () -> KioskConfig.from(
                Map.of("central.url", "http://x", "kiosk.key", "k", "hub.id", "h", "idle.seconds", "soon")));
    }

    @Test
    void badYamlIsAClearError() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "central: [unclosed");
        var e = assertThrows(ConfigException.class, () -> KioskConfig.load(file, Map.of()));
        assertTrue(e.getMessage().contains("not valid YAML"));
    }
}
