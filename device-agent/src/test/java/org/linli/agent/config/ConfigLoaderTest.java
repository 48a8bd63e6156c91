package org.linli.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.TestAgents;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String valid() {
        return TestAgents.yaml("door-1", "hub-1", "room-1", "tcp://127.0.0.1:1883", dir);
    }

    @Test
    void readsEverySectionOfAValidFile() throws Exception {
        AgentConfig config = new ConfigLoader(Map.of()).load(write(valid()), false);
        assertEquals("door-1", config.deviceId());
        assertEquals("hub-1", config.hubId());
        assertEquals(2, config.sensors().size());
        assertEquals(AgentConfig.Sensor.Type.BEAM, config.sensors().get(1).type());
        assertEquals(TestAgents.INNER_PIN, config.sensors().get(1).innerPin());
        AgentConfig.Lock lock = config.locks().getFirst();
        assertTrue(lock.failSecure(), "fail-secure is the default");
        assertEquals(Duration.ofMillis(300), lock.pulse());
        assertEquals(TestAgents.CONTACT_PIN, lock.doorContactPin());
        assertEquals(java.util.List.of("room-1"), config.rooms());
        assertNull(config.mqtt().password());
    }

    @Test
    void environmentOverridesAnyKeyEvenInsideLists() throws Exception {
        Map<String, String> env = Map.of("LINLI_MQTT_URL", "ssl://broker:8883", "LINLI_MQTT_PASSWORD", "s3cret",
                "LINLI_LOCKS_0_PULSE_MS", "1500", "LINLI_DEVICE_ID", "door-9");
        AgentConfig config = new ConfigLoader(env).load(write(valid()), false);
        assertEquals("ssl://broker:8883", config.mqtt().url());
        assertEquals("s3cret", config.mqtt().password());
        assertFalse(config.mqtt().toString().contains("s3cret"), "the password never reaches a log line");
        assertEquals(Duration.ofMillis(1500), config.locks().getFirst().pulse());
        assertEquals("door-9", config.deviceId());
    }

    @Test
    void rejectsAMissingFileWithItsName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml"), false));
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
    }

    @Test
    void rejectsYamlThatDoesNotParse() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(write("device: {id: [unclosed\n"), false));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void namesTheKeyOfAWrongValue() throws IOException {
        Path file = write(valid().replace("relay-pin: 5", "relay-pin: five"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().startsWith(file + ": locks.0.relay-pin must be a whole number"), e.getMessage());
        ConfigException fromEnv = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of("LINLI_LOCKS_0_PULSE_MS", "1")).load(write(valid()), false));
        assertTrue(fromEnv.getMessage().startsWith("environment variable LINLI_LOCKS_0_PULSE_MS: locks.0.pulse-ms must"
                + " be between"), fromEnv.getMessage());
    }

    @Test
    void rejectsAPinUsedTwice() throws IOException {
        Path file = write(valid().replace("relay-pin: 5", "relay-pin: 17"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().contains("locks.0.relay-pin uses GPIO 17 for the lock relay of room room-1, which is"
                + " already the PIR of room room-1"), e.getMessage());
    }

    @Test
    void requiresTheDeviceIdAndSaysWhichVariableSetsIt() throws IOException {
        Path file = write(valid().replace("device: {id: door-1}\n", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().contains("device.id is required") && e.getMessage().contains("LINLI_DEVICE_ID"),
                e.getMessage());
    }

    @Test
    void rejectsAnIdThatWouldBreakTopics() throws IOException {
        Path file = write(valid().replace("hub: {id: hub-1}", "hub: {id: 'hub/#'}"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().contains("hub.id"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownLockMode() throws IOException {
        Path file = write(valid().replace("relay-pin: 5", "relay-pin: 5\n    mode: sometimes"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().contains("locks.0.mode must be one of fail-secure, fail-safe"), e.getMessage());
    }

    @Test
    void requiresTheLockRelayPolarityAndNamesTheKey() throws IOException {
        Path file = write(valid().replace("    active-high: true\n", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().contains("locks.0.active-high is required"), e.getMessage());
        assertTrue(e.getMessage().contains("active-low"), "says which value the recommended board needs: "
                + e.getMessage());
    }

    /** A lock's sense output is optional; wired, its level while locked has no default, and its pin is its own. */
    @Test
    void aLockSenseIsOptionalAndNeedsItsLevelWhileLocked() throws Exception {
        assertNull(new ConfigLoader(Map.of()).load(write(valid()), false).locks().getFirst().lockSense());
        Path noLevel = write(valid().replace("    active-high: true\n", "    active-high: true\n"
                + "    lock-sense-pin: 25\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(noLevel, false));
        assertTrue(e.getMessage().contains("locks.0.lock-sense-locked is required"), e.getMessage());

        Path low = write(valid().replace("    active-high: true\n", "    active-high: true\n"
                + "    lock-sense-pin: 25\n    lock-sense-locked: low\n"));
        AgentConfig.LockSense sense = new ConfigLoader(Map.of()).load(low, false).locks().getFirst().lockSense();
        assertEquals(new AgentConfig.LockSense(25, false, Duration.ofSeconds(1)), sense);

        Path sharedPin = write(valid().replace("    active-high: true\n", "    active-high: true\n"
                + "    lock-sense-pin: " + TestAgents.CONTACT_PIN + "\n    lock-sense-locked: high\n"));
        ConfigException shared = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(sharedPin, false));
        assertTrue(shared.getMessage().contains("already"), shared.getMessage());
    }

    @Test
    void requiresTheHubsZoneAndNeverTakesShanghaisQuietly() throws Exception {
        Path file = write(valid().replace(", zone: America/St_Johns}", "}"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().contains("occupancy.zone is required"), e.getMessage());
        AgentConfig config = new ConfigLoader(Map.of("LINLI_OCCUPANCY_ZONE", "Pacific/Kiritimati")).load(file, false);
        assertEquals(java.time.ZoneId.of("Pacific/Kiritimati"), config.occupancy().zone());
    }

    @Test
    void anActiveLowRelayBoardIsLockedAtRestWithItsInputHigh() throws Exception {
        AgentConfig config = new ConfigLoader(Map.of("LINLI_LOCKS_0_ACTIVE_HIGH", "false"))
                .load(write(valid()), false);
        AgentConfig.Lock lock = config.locks().getFirst();
        assertFalse(lock.activeHigh());
        // fail-secure: locked = relay not energised = an active-low input held high
        assertEquals(com.pi4j.io.gpio.digital.DigitalState.HIGH,
                org.linli.agent.hardware.Pi4jRelay.lockedLevel(lock.activeHigh(), lock.failSecure()));
    }

    @Test
    void anIndicatorIsOptionalAndBlinksAtOneHertzForTenSecondsByDefault() throws Exception {
        assertNull(new ConfigLoader(Map.of()).load(write(valid()), false).indicator(), "none wired, none read");
        AgentConfig.Indicator indicator = new ConfigLoader(Map.of()).load(write(valid() + "indicator: {pin: 24}\n"),
                false).indicator();
        assertEquals(new AgentConfig.Indicator(24, true, Duration.ofSeconds(1), Duration.ofSeconds(10)), indicator);
        AgentConfig.Indicator buzzer = new ConfigLoader(Map.of()).load(write(valid() + """
                indicator:
                  pin: 24
                  active-high: false
                  blink-period-ms: 400
                  identify-s: 30
                """), false).indicator();
        assertEquals(new AgentConfig.Indicator(24, false, Duration.ofMillis(400), Duration.ofSeconds(30)), buzzer);
        AgentConfig.Indicator fromEnv = new ConfigLoader(Map.of("LINLI_INDICATOR_PIN", "25")).load(write(valid()),
                false).indicator();
        assertEquals(25, fromEnv.pin());
    }

    @Test
    void anIndicatorOnTheLockRelaysPinIsRefusedNamingThePinAndTheRelay() throws IOException {
        Path file = write(valid() + "indicator: {pin: " + TestAgents.RELAY_PIN + "}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, false));
        assertTrue(e.getMessage().startsWith(file + ": indicator.pin uses GPIO " + TestAgents.RELAY_PIN
                + ", which is the lock relay of room room-1"), e.getMessage());
    }

    @Test
    void anIndicatorOnASensorsPinIsRefusedNamingThePinAndTheSensor() throws IOException {
        for (var pinAndUser : Map.of(TestAgents.PIR_PIN, "the PIR of room room-1", TestAgents.INNER_PIN,
                "the inner beam of room room-1", TestAgents.CONTACT_PIN, "the door contact of room room-1")
                .entrySet()) {
            Path file = write(valid() + "indicator: {pin: " + pinAndUser.getKey() + ", active-high: false}\n");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new ConfigLoader(Map.of()).load(file, false));
            assertTrue(e.getMessage().contains("indicator.pin uses GPIO " + pinAndUser.getKey() + ", which is "
                    + pinAndUser.getValue() + ": the indicator needs a GPIO of its own"), e.getMessage());
        }
    }

    @Test
    void anIndicatorWithoutItsPinOrWithABlinkTooFastIsRefused() throws IOException {
        Path noPin = write(valid() + "indicator: {active-high: true}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(noPin, false));
        assertTrue(e.getMessage().contains("indicator.pin is required"), e.getMessage());
        Path fast = write(valid() + "indicator: {pin: 24, blink-period-ms: 10}\n");
        e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(fast, false));
        assertTrue(e.getMessage().contains("indicator.blink-period-ms must be between 100 and 10000"),
                e.getMessage());
    }

    @Test
    void simulationForcesTheMockBoardAndATrustedClock() throws Exception {
        AgentConfig config = new ConfigLoader(Map.of("LINLI_HARDWARE_PROVIDER", "gpiod"))
                .load(write(valid()), true);
        assertEquals(AgentConfig.Hardware.MOCK, config.hardware().provider());
        assertEquals("rtc", config.clock().trust());
    }
}
