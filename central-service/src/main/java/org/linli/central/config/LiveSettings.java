package org.linli.central.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.time.Duration;
import org.linli.central.config.BadConfigException;
import org.linli.central.config.ConfigLoader;

/**
 * Settings of live operations: the broker ({@code mqtt.*}) and the {@code live:} node. Every key has a default here,
 * so a configuration without a {@code live:} node runs; an empty {@code mqtt.url} runs without ingestion.
 *
 * @param sharedGroup non-empty: subscribe through {@code $share/<group>/…} so several central replicas split the load
 * @param offlineAfter a device offline this long raises an alert
 * @param noShowAfter a booking without presence nor check-in this long after its start is released
 * @param noShowRule how many no-shows (of bookings, queue numbers and activities) within how many days block a
 *     resident from booking and signing up, and for how long
 * @param deniedBurst this many denied accesses at one device within {@code deniedWindow} raise an alert
 * @param receiveMaximum at most this many device messages unacknowledged on our connection (MQTT 5 Receive Maximum):
 *     what a burst (every agent's outbox after an outage) can put in the heap before it is stored
 */
public record LiveSettings(String mqttUrl, String mqttUsername, String mqttPassword, String clientId,
        String sharedGroup, Duration offlineAfter, Duration noShowAfter, NoShowRule noShowRule, int deniedBurst,
        Duration deniedWindow, Duration noShowSweep, int batchSize, int receiveMaximum) {

    /** {@code max} no-shows within {@code window} block new bookings and sign-ups for {@code block}. */
    public record NoShowRule(int max, Duration window, Duration block) {
    }

    public static LiveSettings from(Config config) {
        return new LiveSettings(
                text(config, "mqtt.url", ""),
                text(config, "mqtt.username", ""),
                text(config, "mqtt.password", ""),
                text(config, "live.client-id", "svc.central"),
                text(config, "live.shared-group", ""),
                Duration.ofSeconds(number(config, "live.offline-after-seconds", 60, 1, 86_400)),
                Duration.ofMinutes(number(config, "live.no-show-minutes", 15, 1, 24 * 60)),
                new NoShowRule(number(config, "live.no-show-rule.max", 3, 1, 100),
                        Duration.ofDays(number(config, "live.no-show-rule.window-days", 30, 1, 3650)),
                        Duration.ofDays(number(config, "live.no-show-rule.block-days", 14, 0, 3650))),
                number(config, "live.denied-burst.count", 5, 2, 1000),
                Duration.ofSeconds(number(config, "live.denied-burst.window-seconds", 60, 1, 3600)),
                Duration.ofSeconds(number(config, "live.no-show-sweep-seconds", 15, 1, 3600)),
                number(config, "live.batch-size", 2000, 1, 100_000),
                number(config, "live.receive-maximum", 2_000, 1, 65_535));
    }

    private static String text(Config config, String key, String fallback) {
        try {
            return config.get(key).asString().orElse(fallback).strip();
        } catch (ConfigException e) {
            throw new BadConfigException(key + " must be a single text value");
        }
    }

    private static int number(Config config, String key, int fallback, int min, int max) {
        String raw = text(config, key, Integer.toString(fallback));
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new BadConfigException(key + " must be a whole number, not '" + raw + "' (environment variable "
                    + ConfigLoader.environmentName(key) + ")");
        }
        if (value < min || value > max) {
            throw new BadConfigException(key + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** Whether a broker is configured; without one the service runs, but nothing is ingested or published. */
    public boolean mqttEnabled() {
        return !mqttUrl.isEmpty();
    }

    public LiveSettings withMqttUrl(String url) {
        return new LiveSettings(url, mqttUsername, mqttPassword, clientId, sharedGroup, offlineAfter, noShowAfter,
                noShowRule, deniedBurst, deniedWindow, noShowSweep, batchSize, receiveMaximum);
    }
}
