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
                  url: https://central.local:8443
                kiosk:
                  key: from-file
                hub:
                  id: xh-wutong66
                idle:
                  seconds: 90
                  warning-seconds: 15
                """);
        KioskConfig config = KioskConfig.load(file, Map.of("LINLI_KIOSK_KEY", "from-env", "LINLI_LANGUAGE", "en"));
        assertEquals("https://central.local:8443", config.centralUrl().toString());
        assertEquals("from-env", config.kioskKey());
        assertEquals("en", config.language().getLanguage());
        assertEquals(Duration.ofSeconds(90), config.idleAfter());
        assertEquals(Duration.ofSeconds(15), config.idleWarning());
    }

    @Test
    void aBadValueNamesTheFileOrTheVariableItCameFromAndTheKey() throws Exception {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, "central: {url: 'http://127.0.0.1:8080'}\nkiosk: {key: k}\nhub: {id: h}\n"
                + "printer: {port: ninety}\n");
        ConfigException inFile = assertThrows(ConfigException.class, () -> KioskConfig.load(file, Map.of()));
        assertTrue(inFile.getMessage().startsWith(file + ": printer.port must be a whole number"),
                inFile.getMessage());
        ConfigException inEnv = assertThrows(ConfigException.class,
                () -> KioskConfig.load(file, Map.of("LINLI_PRINTER_PORT", "70000")));
        assertTrue(inEnv.getMessage().startsWith("environment variable LINLI_PRINTER_PORT: printer.port must be"),
                inEnv.getMessage());
    }

    @Test
    void namesTheMissingKeyAndItsVariable() {
        var e = assertThrows(ConfigException.class, () -> KioskConfig.load(null,
                Map.of("LINLI_CENTRAL_URL", "https://x:1", "LINLI_HUB_ID", "h")));
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
                Map.of("central.url", "https://x", "kiosk.key", "k", "hub.id", "h", "idle.secnds", "5")));
        assertThrows(ConfigException.class, () -> KioskConfig.from(
                Map.of("central.url", "https://x", "kiosk.key", "k", "hub.id", "h", "idle.seconds", "soon")));
    }

    @Test
    void screenDpiIsTheUsualPanelsUnlessSetAndMustBePlausible() throws Exception {
        Map<String, String> base = Map.of("central.url", "https://x", "kiosk.key", "k", "hub.id", "h");
        assertEquals(0, KioskConfig.from(base).screenDpi(), "0: the form's usual panel");
        var withDpi = new java.util.HashMap<>(base);
        withDpi.put("screen.dpi", "133");
        assertEquals(133, KioskConfig.from(withDpi).screenDpi());
        withDpi.put("screen.dpi", "13");
        var e = assertThrows(ConfigException.class, () -> KioskConfig.from(withDpi));
        assertTrue(e.getMessage().contains("screen.dpi"), e.getMessage());
    }

    @Test
    void plainHttpOnlyToThisMachine() throws Exception {
        for (String lan : new String[] {"http://central.local:8080", "http://192.168.1.10:8080", "http://10.0.0.1"}) {
            var e = assertThrows(ConfigException.class, () -> KioskConfig.from(
                    Map.of("central.url", lan, "kiosk.key", "k", "hub.id", "h")), lan);
            assertTrue(e.getMessage().contains("https://"), e.getMessage());
        }
        for (String local : new String[] {"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080",
                "https://central.local:8443"}) {
            assertEquals(local, KioskConfig.from(Map.of("central.url", local, "kiosk.key", "k", "hub.id", "h"))
                    .centralUrl().toString());
        }
    }

    @Test
    void aCaFileMustBeThereAndHoldACertificate() throws Exception {
        var missing = assertThrows(ConfigException.class, () -> KioskConfig.from(Map.of("central.url",
                "https://x", "kiosk.key", "k", "hub.id", "h", "central.ca-file", dir.resolve("no.crt").toString())));
        assertTrue(missing.getMessage().contains("central.ca-file"), missing.getMessage());
        Path notACertificate = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
        assertEquals(notACertificate, KioskConfig.from(Map.of("central.url", "https://x", "kiosk.key", "k",
                "hub.id", "h", "central.ca-file", notACertificate.toString())).centralCaFile());
        assertThrows(java.io.IOException.class,
                () -> org.linli.kiosk.central.CentralTrust.trustOnly(notACertificate));
    }

    @Test
    void badYamlIsAClearError() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "central: [unclosed");
        var e = assertThrows(ConfigException.class, () -> KioskConfig.load(file, Map.of()));
        assertTrue(e.getMessage().contains("not valid YAML"));
    }
}
