package org.linli.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linli.agent.config.AgentConfig.Lock;
import org.linli.agent.config.AgentConfig.Sensor;
import org.linli.protocol.Ids;
import org.linli.protocol.config.ConfigError;
import org.linli.protocol.config.YamlConfig;

/**
 * Reads the agent's YAML file with {@code LINLI_*} environment overrides (the programs' shared {@link YamlConfig}, which
 * also names the key and the file in every error) and validates every value.
 */
public final class ConfigLoader {
    /** BCM GPIO numbers of a Raspberry Pi header. */
    private static final int MAX_PIN = 27;

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Loads {@code file}; with no file, everything comes from the environment and defaults. */
    public AgentConfig load(Path file, boolean simulate) throws ConfigException {
        try {
            return read(YamlConfig.load(file, env), simulate, file);
        } catch (ConfigError e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private AgentConfig read(YamlConfig t, boolean simulate, Path file) throws ConfigException {
        String deviceId = id(t, "device.id");
        String hubId = id(t, "hub.id");
        String url = t.requireString("mqtt.url");
        if (!url.matches("(tcp|ssl|ws|wss)://.+")) {
            throw t.error("mqtt.url", "must look like tcp://host:1883 or ssl://host:8883 (got '" + url + "')");
        }
        String caFile = t.string("mqtt.ca-file", null);
        AgentConfig.Mqtt mqtt = new AgentConfig.Mqtt(url, t.string("mqtt.username", null),
                t.string("mqtt.password", null),
                Duration.ofSeconds(t.number("mqtt.session-expiry-s", 7 * 86_400, 0, 0xffff_ffffL)),
                Duration.ofSeconds(t.number("mqtt.keep-alive-s", 30, 5, 3600)),
                Duration.ofMillis(t.number("mqtt.reconnect-min-ms", 1000, 10, 600_000)),
                Duration.ofMillis(t.number("mqtt.reconnect-max-ms", 60_000, 10, 3_600_000)),
                caFile == null ? null : Path.of(caFile));
        if (mqtt.reconnectMax().compareTo(mqtt.reconnectMin()) < 0) {
            throw t.error("mqtt.reconnect-max-ms", "must not be less than mqtt.reconnect-min-ms");
        }
        Path dataDir = Path.of(t.string("data.dir", simulate ? "data/agent-" + deviceId : "/var/lib/linli-agent"));
        String provider = simulate ? AgentConfig.Hardware.MOCK
                : t.oneOf("hardware.provider", AgentConfig.Hardware.GPIOD, AgentConfig.Hardware.GPIOD,
                        AgentConfig.Hardware.LINUXFS, AgentConfig.Hardware.MOCK);
        AgentConfig.Hardware hardware = new AgentConfig.Hardware(provider, t.string("hardware.gpio-chip", "gpiochip0"));
        AgentConfig.ClockSettings clock = new AgentConfig.ClockSettings(
                simulate ? "rtc" : t.oneOf("clock.trust", "auto", "auto", "rtc", "never"));
        AgentConfig.OutboxSettings outbox = new AgentConfig.OutboxSettings(
                (int) t.number("outbox.max-messages", 100_000, 10, 10_000_000),
                Duration.ofHours(t.number("outbox.max-age-h", 7 * 24, 1, 365 * 24)),
                (int) t.number("outbox.unacknowledged-max", 100, 1, 10_000),
                Duration.ofMillis(t.number("outbox.resend-after-ms", 20_000, 50, 3_600_000)),
                Duration.ofMillis(t.number("outbox.resend-max-ms", 600_000, 50, 86_400_000)));
        if (outbox.resendMax().compareTo(outbox.resendAfter()) < 0) {
            throw t.error("outbox.resend-max-ms", "must not be less than outbox.resend-after-ms");
        }
        AgentConfig.OccupancySettings occupancy = new AgentConfig.OccupancySettings(
                Duration.ofSeconds(t.number("occupancy.heartbeat-s", 300, 5, 86_400)),
                time(t, "occupancy.closing-time", "22:00"), zone(t),
                Duration.ofMillis(t.number("occupancy.clock-check-ms", 60_000, 10, 3_600_000)));

        // each pin taken, with what it drives, for the error that names both users of a pin wired twice
        Map<Integer, String> pins = new HashMap<>();
        List<Sensor> sensors = new ArrayList<>();
        for (int i = 0; i < t.size("sensors"); i++) {
            sensors.add(sensor(t, "sensors." + i, pins));
        }
        List<Lock> locks = new ArrayList<>();
        Set<String> lockRooms = new HashSet<>();
        for (int i = 0; i < t.size("locks"); i++) {
            Lock lock = lock(t, "locks." + i, pins);
            if (!lockRooms.add(lock.room())) {
                throw t.error("locks." + i + ".room", "names a room that already has a lock: " + lock.room());
            }
            locks.add(lock);
        }
        AgentConfig.Indicator indicator = indicator(t, pins);
        Set<String> rooms = new LinkedHashSet<>();
        sensors.forEach(s -> rooms.add(s.room()));
        locks.forEach(l -> rooms.add(l.room()));
        String scanFile = t.string("simulation.scan-file", null);
        AgentConfig.Simulation simulation = new AgentConfig.Simulation(
                (int) t.number("simulation.speed", 120, 1, 100_000), t.number("simulation.seed", 1, 0, Long.MAX_VALUE),
                scanFile == null ? null : Path.of(scanFile));
        Duration telemetry = Duration.ofSeconds(t.number("telemetry.interval-s", 60, 1, 86_400));
        return new AgentConfig(deviceId, hubId, mqtt, dataDir, hardware, clock, outbox, occupancy, sensors, locks,
                indicator, simulation, telemetry, List.copyOf(rooms), file);
    }

    private static Sensor sensor(YamlConfig t, String at, Map<Integer, String> pins) throws ConfigException {
        Sensor.Type type = switch (t.oneOf(at + ".type", null, "pir", "beam")) {
            case "pir" -> Sensor.Type.PIR;
            default -> Sensor.Type.BEAM;
        };
        String room = id(t, at + ".room");
        int pin = pin(t, at + (type == Sensor.Type.BEAM ? ".outer-pin" : ".pin"), pins,
                (type == Sensor.Type.BEAM ? "the outer beam" : "the PIR") + " of room " + room);
        Integer inner = type == Sensor.Type.BEAM ? pin(t, at + ".inner-pin", pins, "the inner beam of room " + room)
                : null;
        // a PIR output goes high on motion; a beam receiver goes low when the beam is broken
        boolean activeHigh = t.bool(at + ".active-high", type == Sensor.Type.PIR);
        Duration hold = Duration.ofMillis(t.number(at + ".hold-ms", 120_000, 0, 86_400_000));
        return new Sensor(type, room, pin, inner, activeHigh, hold);
    }

    private static Lock lock(YamlConfig t, String at, Map<Integer, String> pins) throws ConfigException {
        String room = id(t, at + ".room");
        int relayPin = pin(t, at + ".relay-pin", pins, "the lock relay of room " + room);
        Integer contact = t.has(at + ".door-contact-pin")
                ? pin(t, at + ".door-contact-pin", pins, "the door contact of room " + room) : null;
        String mode = t.oneOf(at + ".mode", "fail-secure", "fail-secure", "fail-safe");
        String r = at + ".reader";
        String readerType = t.oneOf(r + ".type", AgentConfig.Reader.NONE, AgentConfig.Reader.NONE, "serial", "hid",
                "camera", "file");
        AgentConfig.Reader reader = new AgentConfig.Reader(readerType,
                readerType.equals("serial") || readerType.equals("hid") || readerType.equals("file")
                        ? t.requireString(r + ".device") : t.string(r + ".device", null),
                (int) t.number(r + ".baud", 9600, 1200, 921_600),
                readerType.equals("camera") ? t.requireString(r + ".command") : t.string(r + ".command", null),
                (int) t.number(r + ".width", 640, 16, 4096), (int) t.number(r + ".height", 480, 16, 4096));
        return new Lock(room, relayPin, relayActiveHigh(t, at + ".active-high"),
                Duration.ofMillis(t.number(at + ".pulse-ms", 5000, 100, 60_000)), mode.equals("fail-secure"),
                contact, t.bool(at + ".contact-open-high", true),
                Duration.ofSeconds(t.number(at + ".held-open-s", 60, 1, 86_400)),
                Duration.ofSeconds(t.number(at + ".grace-s", 900, 0, 86_400)),
                Duration.ofSeconds(t.number(at + ".max-remote-unlock-s", 30, 1, 3600)), reader,
                lockSense(t, at, pins, room));
    }

    /**
     * The lock's sense output, when one is wired: its polarity has no default either, since a wrong guess would
     * report every locked door as open (or hide the fault this input is there to find).
     */
    private static AgentConfig.LockSense lockSense(YamlConfig t, String at, Map<Integer, String> pins, String room)
            throws ConfigException {
        String path = at + ".lock-sense-pin";
        if (!t.has(path)) {
            if (t.has(at + ".lock-sense-locked") || t.has(at + ".lock-sense-settle-ms")) {
                throw t.error(path, "is required with lock-sense-locked and lock-sense-settle-ms: the GPIO the"
                        + " lock's sense output is wired to");
            }
            return null;
        }
        int pin = pin(t, path, pins, "the lock sense of room " + room);
        if (!t.has(at + ".lock-sense-locked")) {
            throw t.error(at + ".lock-sense-locked", "is required with lock-sense-pin: high or low, the level the"
                    + " lock's sense output gives while the lock holds (the lock's manual says)");
        }
        String level = t.oneOf(at + ".lock-sense-locked", "high", "high", "low");
        return new AgentConfig.LockSense(pin, level.equals("high"),
                Duration.ofMillis(t.number(at + ".lock-sense-settle-ms", 1000, 50, 10_000)));
    }

    /**
     * The relay input's polarity has no default: a wrong guess leaves a fail-secure door unlocked at rest and locked
     * only during a grant (the relay board deploy-pi/README.md recommends has an active-low input), and nothing on
     * the door can tell, because people leave a room by the handle, which opens the door without the strike.
     */
    private static boolean relayActiveHigh(YamlConfig t, String path) throws ConfigException {
        if (!t.has(path)) {
            throw t.error(path, "is required: the lock relay's input polarity, false for a relay board with an"
                    + " active-low input (the optocoupler board deploy-pi/README.md recommends), true for one that"
                    + " switches on a high input. A wrong value leaves the door unlocked at rest");
        }
        return t.bool(path, false);
    }

    /**
     * The indicator an identify command blinks, when one is wired. Its polarity may default, unlike the relay's: a
     * wrong guess only shows as a LED lit at rest, at once, and never touches the door.
     */
    private static AgentConfig.Indicator indicator(YamlConfig t, Map<Integer, String> pins) throws ConfigException {
        if (!t.has("indicator.pin") && !t.has("indicator.active-high") && !t.has("indicator.blink-period-ms")
                && !t.has("indicator.identify-s")) {
            return null;
        }
        int pin = t.requireNumber("indicator.pin", 0, MAX_PIN);
        String user = pins.get(pin);
        if (user != null) {
            throw t.error("indicator.pin", "uses GPIO " + pin + ", which is " + user
                    + ": the indicator needs a GPIO of its own (deploy-pi/README.md wires it to GPIO 24)");
        }
        pins.put(pin, "the indicator");
        return new AgentConfig.Indicator(pin, t.bool("indicator.active-high", true),
                Duration.ofMillis(t.number("indicator.blink-period-ms", 1000, 100, 10_000)),
                Duration.ofSeconds(t.number("indicator.identify-s", 10, 1, 600)));
    }

    private static int pin(YamlConfig t, String path, Map<Integer, String> used, String what) throws ConfigException {
        int pin = t.requireNumber(path, 0, MAX_PIN);
        String user = used.putIfAbsent(pin, what);
        if (user != null) {
            throw t.error(path, "uses GPIO " + pin + " for " + what + ", which is already " + user);
        }
        return pin;
    }

    private static String id(YamlConfig t, String path) throws ConfigException {
        String value = t.requireString(path);
        if (!Ids.isValid(value)) {
            throw t.error(path, "must be 1-64 letters, digits, '-' or '_' (got '" + value + "')");
        }
        return value;
    }

    private static LocalTime time(YamlConfig t, String path, String fallback) throws ConfigException {
        String value = t.string(path, fallback);
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw t.error(path, "must be a time of day like 22:00 (got '" + value + "')");
        }
    }

    /**
     * The hub's zone has no default: the day's counts are zeroed at the closing time in it, and a door of a hub
     * elsewhere that quietly took Shanghai's would zero them in the middle of its day. provision-device writes the
     * zone the central service has for the hub.
     */
    private static ZoneId zone(YamlConfig t) throws ConfigException {
        if (!t.has("occupancy.zone")) {
            throw t.error("occupancy.zone", "is required: the hub's time zone, like Asia/Shanghai (provision-device"
                    + " writes the one the central service has for the hub)");
        }
        String value = t.string("occupancy.zone", "");
        try {
            return ZoneId.of(value);
        } catch (RuntimeException e) {
            throw t.error("occupancy.zone", "must be a time zone like Asia/Shanghai (got '" + value + "')");
        }
    }
}
