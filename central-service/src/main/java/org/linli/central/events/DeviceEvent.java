package org.linli.central.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code device}: a device's state on the dashboard.
 *
 * @param lastSeen null before it was ever heard from
 * @param malformed how many of its messages were dropped as malformed
 * @param dropped how many of its messages were about rooms that are not its own
 * @param cpuTempC the CPU's temperature in its last telemetry; null when unknown
 * @param memoryMb the agent's resident memory in MB in its last telemetry; null when unknown
 * @param uptimeS how long the agent had been running at its last telemetry; null when unknown
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceEvent(String id, String hub, boolean online, String lastSeen, String version,
        Integer outboxDepth, Double cpuTempC, Integer memoryMb, Long uptimeS, List<String> rooms, long malformed,
        long dropped) implements Event {

    @Override
    public String eventName() {
        return "device";
    }
}
