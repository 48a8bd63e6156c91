package org.linli.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigTest {
    @TempDir
    Path dir;

    @Test
    void overridesWinOverTheEnvironmentWhichWinsOverTheFilesTheLaterFileFirst() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), "server: {port: 7000, host: site}\n");
        YamlConfig config = YamlConfig.of(Map.of("LINLI_SERVER_HOST", "env"))
                .withYaml("server: {port: 8080, host: built-in}\ndata: {dir: ./data}\n", "defaults")
                .withFile(file);
        assertEquals(7000, config.number("server.port", 0, 0, 65535));
        assertEquals(file.toString(), config.origin("server.port"));
        assertEquals("env", config.string("server.host", null));
        assertEquals("environment variable LINLI_SERVER_HOST", config.origin("server.host"));
        assertEquals("./data", config.string("data.dir", null));
        assertEquals("defaults", config.origin("data.dir"));
        YamlConfig overridden = config.withOverrides(Map.of("server.host", "cli"), "the command line");
        assertEquals("cli", overridden.string("server.host", null));
        assertEquals(Map.of("server.port", "7000", "server.host", "cli", "data.dir", "./data"), overridden.values());
    }

    @Test
    void listsAreReadByIndexAndTheEnvironmentReachesInsideThem() {
        YamlConfig config = YamlConfig.of(Map.of("LINLI_LOCKS_1_PIN", "9"))
                .withYaml("locks:\n  - {room: a, pin: 5}\n  - {room: b, pin: 6}\n", "agent.yaml");
        assertEquals(2, config.size("locks"));
        assertEquals("b", config.string("locks.1.room", null));
        assertEquals(9, config.requireNumber("locks.1.pin", 0, 27));
        assertEquals(0, config.size("sensors"));
        assertTrue(config.has("locks.0.pin"));
        assertFalse(config.has("locks.2.pin"));
    }

    @Test
    void everyErrorNamesWhereTheValueCameFromAndTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"),
                "mqtt: {keep-alive-s: often, url: {host: x}}\nclock: {trust: sometimes}\nlocks: {room: a}\n");
        YamlConfig config = YamlConfig.load(file, Map.of("LINLI_HARDWARE_MOCK", "perhaps"));
        assertEquals(file + ": mqtt.keep-alive-s must be a whole number (got 'often')",
                assertThrows(ConfigError.class, () -> config.number("mqtt.keep-alive-s", 30, 5, 3600)).getMessage());
        assertEquals(file + ": mqtt.url must be a single value, not a section",
                assertThrows(ConfigError.class, () -> config.string("mqtt.url", null)).getMessage());
        assertEquals(file + ": clock.trust must be one of auto, rtc, never (got 'sometimes')",
                assertThrows(ConfigError.class, () -> config.oneOf("clock.trust", "auto", "auto", "rtc", "never"))
                        .getMessage());
        assertEquals("environment variable LINLI_HARDWARE_MOCK: hardware.mock must be true or false (got 'perhaps')",
                assertThrows(ConfigError.class, () -> config.bool("hardware.mock", false)).getMessage());
        assertEquals(file + ": device.id is required (or set LINLI_DEVICE_ID)",
                assertThrows(ConfigError.class, () -> config.requireString("device.id")).getMessage());
        assertEquals(file + ": locks must be a list",
                assertThrows(ConfigError.class, () -> config.size("locks")).getMessage());
    }

    @Test
    void aFileThatIsMissingOrNotYamlIsNamed() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertTrue(assertThrows(ConfigError.class, () -> YamlConfig.load(missing, Map.of())).getMessage()
                .startsWith(missing + ": "));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "device: {id: [unclosed\n");
        assertTrue(assertThrows(ConfigError.class, () -> YamlConfig.load(broken, Map.of())).getMessage()
                .startsWith(broken + ": not valid YAML"));
        Path scalar = Files.writeString(dir.resolve("scalar.yaml"), "just text\n");
        assertTrue(assertThrows(ConfigError.class, () -> YamlConfig.load(scalar, Map.of())).getMessage()
                .startsWith(scalar + ": the top level must be a mapping"));
    }
}
