package org.linli.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.central.config.BadConfigException;
import org.linli.central.config.ConfigLoader;
import org.linli.central.config.Settings;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth() throws Exception {
        Path file = dir.resolve("central.yaml");
        Files.writeString(file, "server:\n  port: 7000\ndata:\n  dir: /from-file\nqueue:\n  priority-ratio: 3\n");
        Settings fromFile = Settings.from(ConfigLoader.load(file, Map.of(), Map.of()));
        assertEquals(7000, fromFile.port());
        assertEquals(3, fromFile.priorityRatio());
        assertEquals(30, fromFile.rules().slotMinutes());

        Map<String, String> env = Map.of("LINLI_SERVER_PORT", "7100", "LINLI_DATA_DIR", "/from-env",
                "LINLI_BOOKINGS_MAX_DAYS_AHEAD", "14");
        Settings fromEnv = Settings.from(ConfigLoader.load(file, env, Map.of()));
        assertEquals(7100, fromEnv.port());
        assertEquals(Path.of("/from-env"), fromEnv.dataDir());
        assertEquals(14, fromEnv.rules().maxDaysAhead());

        Settings fromArgs = Settings.from(ConfigLoader.load(file, env, Map.of("server.port", "7200")));
        assertEquals(7200, fromArgs.port());
    }

    /**
     * Finding M2: on the broker's loopback listener clients keep the id they send, and no device's user name (so no
     * device's client id) has a dot; central's default client id has one, as central-broker-config expects.
     */
    @Test
    void centralsDefaultClientIdIsADottedServiceName() {
        String fromCode = org.linli.central.config.LiveSettings.from(io.helidon.config.Config.empty()).clientId();
        String shipped = org.linli.central.config.LiveSettings.from(ConfigLoader.load(null, Map.of(), Map.of()))
                .clientId();
        assertEquals("svc.central", fromCode);
        assertEquals("svc.central", shipped);
    }

    @Test
    void aBadValueNamesTheFileOrTheVariableItCameFromAndTheKey() throws Exception {
        Path file = dir.resolve("central.yaml");
        Files.writeString(file, "bookings:\n  max-days-ahead: soon\n");
        BadConfigException inFile = assertThrows(BadConfigException.class,
                () -> ConfigLoader.load(file, Map.of(), Map.of()));
        assertTrue(inFile.getMessage().startsWith(file + ": bookings.max-days-ahead must be a whole number"),
                inFile.getMessage());
        BadConfigException inEnv = assertThrows(BadConfigException.class,
                () -> ConfigLoader.load(null, Map.of("LINLI_LIVE_BATCH_SIZE", "0"), Map.of()));
        assertTrue(inEnv.getMessage().startsWith("environment variable LINLI_LIVE_BATCH_SIZE: live.batch-size"),
                inEnv.getMessage());
        BadConfigException notYaml = assertThrows(BadConfigException.class, () -> ConfigLoader.load(
                Files.writeString(dir.resolve("broken.yaml"), "server: [port\n"), Map.of(), Map.of()));
        assertTrue(notYaml.getMessage().contains("broken.yaml: not valid YAML"), notYaml.getMessage());
    }

    @Test
    void badValuesNameTheKey() {
        BadConfigException port = assertThrows(BadConfigException.class, () -> Settings.from(
                ConfigLoader.load(null, Map.of("LINLI_SERVER_PORT", "eighty"), Map.of())));
        assertTrue(port.getMessage().contains("server.port"), port.getMessage());
        BadConfigException range = assertThrows(BadConfigException.class, () -> Settings.from(
                ConfigLoader.load(null, Map.of(), Map.of("server.port", "70000"))));
        assertTrue(range.getMessage().contains("between 0 and 65535"), range.getMessage());
        BadConfigException missing = assertThrows(BadConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()));
        assertTrue(missing.getMessage().contains("nope.yaml"));
    }

    @Test
    void mainExitsNonZeroWithAClearMessageOnBadConfiguration() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.linli.central.Main", "--data", dir.toString(), "--port", "not-a-port"))
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes());
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("server.port must be a whole number"), output);
    }
}
