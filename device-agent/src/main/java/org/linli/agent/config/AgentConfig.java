package org.linli.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The agent's whole configuration, validated. Built by {@link ConfigLoader}; nothing else reads YAML.
 *
 * @param indicator the LED or buzzer an identify command blinks, or null when none is wired
 * @param rooms every room this device reports on (from its sensors and locks)
 */
public record AgentConfig(String deviceId, String hubId, Mqtt mqtt, Path dataDir, Hardware hardware, ClockSettings clock,
        OutboxSettings outbox, OccupancySettings occupancy, List<Sensor> sensors, List<Lock> locks,
        Indicator indicator, Simulation simulation, Duration telemetryInterval, List<String> rooms, Path source) {

    public AgentConfig {
        sensors = List.copyOf(sensors);
        locks = List.copyOf(locks);
        rooms = List.copyOf(rooms);
    }

    /** Broker connection; the reconnect delays are what the backoff starts and ends at. */
    public record Mqtt(String url, String username, String password, Duration sessionExpiry, Duration keepAlive,
            Duration reconnectMin, Duration reconnectMax, Path caFile) {
        @Override
        public String toString() {
            // never print the password, not even to a debugging log
            return "Mqtt[url=" + url + ", username=" + username + "]";
        }
    }

    /** {@code provider}: mock (simulation, tests), gpiod or linuxfs (a Pi). */
    public record Hardware(String provider, String gpioChip) {
        public static final String MOCK = "mock";
        public static final String GPIOD = "gpiod";
        public static final String LINUXFS = "linuxfs";
    }

    /** {@code trust}: auto (ask the system whether NTP synced), rtc (a battery-backed clock: always), never. */
    public record ClockSettings(String trust) {
    }

    /**
     * Limits of the outbox, and how it waits for the central service's receipts: at most {@code unacknowledged}
     * messages out without one, sent again after {@code resendAfter} without a receipt (doubling up to
     * {@code resendMax}).
     */
    public record OutboxSettings(int maxMessages, Duration maxAge, int unacknowledged, Duration resendAfter,
            Duration resendMax) {
    }

    /** @param clockCheck how often the clock is compared with the closing time (a clock set after the start) */
    public record OccupancySettings(Duration heartbeat, LocalTime closingTime, ZoneId zone, Duration clockCheck) {
    }

    /** A sensor on the board. A beam pair uses {@code pin} for the outer beam and {@code innerPin} for the inner one. */
    public record Sensor(Type type, String room, int pin, Integer innerPin, boolean activeHigh, Duration hold) {
        public enum Type { PIR, BEAM }
    }

    /**
     * A door: its lock relay, its contact and its reader.
     *
     * @param failSecure locked when the relay is not energised (the default), else locked when energised
     * @param doorContactPin null when the door has no contact
     * @param grace how long before a booking's start the door already opens
     * @param lockSense the lock's own report of being locked, or null when the lock has none wired
     */
    public record Lock(String room, int relayPin, boolean activeHigh, Duration pulse, boolean failSecure,
            Integer doorContactPin, boolean contactOpenHigh, Duration heldOpenAfter, Duration grace,
            Duration maxRemoteUnlock, Reader reader, LockSense lockSense) {
    }

    /**
     * A lock's sense output (an electric strike's lock-sense or keeper monitor, a maglock's bond sensor) on an input:
     * whether the lock holds, as the lock itself says.
     *
     * @param lockedHigh the input is high while the lock holds (else low)
     * @param settle how long the lock may take to follow the relay before a disagreement is reported
     */
    public record LockSense(int pin, boolean lockedHigh, Duration settle) {
    }

    /**
     * A LED or buzzer on an output pin, for a technician to find this device among others: an identify command
     * switches it on and off every half {@code blinkPeriod} for {@code identifyFor}.
     *
     * @param activeHigh on when the pin is high (a LED from the pin through a resistor to ground), else on when low
     */
    public record Indicator(int pin, boolean activeHigh, Duration blinkPeriod, Duration identifyFor) {
    }

    /**
     * A door reader. {@code type}: none (scans only from the simulation console), serial (a line per scan on a serial
     * port), hid (a USB scanner as a Linux input-event device), camera (a command printing raw 8-bit luma frames of
     * {@code width}×{@code height}), file (a line per scan from a file or FIFO).
     */
    public record Reader(String type, String device, int baud, String command, int width, int height) {
        public static final String NONE = "none";
    }

    /** {@code speed}: simulated seconds per real second; {@code scanFile}: a FIFO or file to read scan lines from. */
    public record Simulation(int speed, long seed, Path scanFile) {
    }
}
