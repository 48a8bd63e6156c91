package org.linli.central.alerts;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.central.catalogue.Name;
import org.linli.central.devices.DeviceRegistry;
import org.linli.central.timers.Timers;

/**
 * Raises {@code device_offline} when a device has been offline for the configured time. A timer is set when the
 * device goes offline (its status or its Last Will), so the alert fires on time, not when the device comes back;
 * when it fires, the device must still be offline since that same moment.
 */
public final class OfflineWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OfflineWatch.class.getName());
    private final DeviceRegistry registry;
    private final Alerts alerts;
    private final Duration after;
    private final Clock clock;
    private final ScheduledExecutorService timer = Timers.single("linli-offline-watch");

    public OfflineWatch(DeviceRegistry registry, Alerts alerts, Duration after, Clock clock) {
        this.registry = registry;
        this.alerts = alerts;
        this.after = after;
        this.clock = clock;
    }

    /** Sets timers for devices that were already offline when the service started. */
    public void start() {
        for (DeviceRegistry.DeviceView device : registry.views(null)) {
            if (!device.online() && device.changedTs() != 0) {
                wentOffline(device.id(), device.changedTs());
            }
        }
    }

    /** @param since when the device went offline (epoch ms, our clock) */
    public void wentOffline(String deviceId, long since) {
        long delay = Math.max(0, since + after.toMillis() - clock.millis());
        try {
            timer.schedule(() -> check(deviceId, since), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down
        }
    }

    private void check(String deviceId, long since) {
        try {
            registry.view(deviceId)
                    .filter(d -> !d.online() && d.changedTs() == since)
                    .ifPresent(d -> alerts.raise(d.hubId(), Alert.DEVICE_OFFLINE, null, d.id(), new Name(
                            "设备 " + d.id() + " 已离线超过 " + after.toSeconds() + " 秒",
                            "Device " + d.id() + " has been offline for more than " + after.toSeconds() + " s")));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checking whether device " + deviceId + " is still offline failed", e);
        }
    }

    @Override
    public void close() {
        Timers.stop(timer, "the offline watch");
    }
}
