package org.linli.demo;

import java.nio.file.Path;

/** Configuration files of the demo's simulated door agents: one room each, every kind of sensor and a lock. */
final class AgentConfigs {
    private AgentConfigs() {
    }

    static String simulated(String device, String hub, String zone, String room, String mqttUrl, Path dataDir) {
        return """
                device:
                  id: %s
                hub:
                  id: %s
                mqtt:
                  url: %s
                  reconnect-min-ms: 500
                  reconnect-max-ms: 10000
                data:
                  dir: %s
                occupancy:
                  zone: %s
                hardware:
                  provider: mock
                clock:
                  trust: rtc
                telemetry:
                  interval-s: 60
                sensors:
                  - type: pir
                    room: %s
                    pin: 17
                    hold-ms: 30000
                  - type: beam
                    room: %s
                    outer-pin: 22
                    inner-pin: 23
                locks:
                  - room: %s
                    relay-pin: 5
                    active-high: true
                    pulse-ms: 3000
                    door-contact-pin: 6
                    held-open-s: 60
                    reader:
                      type: none
                simulation:
                  speed: 120
                  seed: %d
                """.formatted(device, hub, mqttUrl, dataDir, zone, room, room, room, Math.abs(room.hashCode() % 1000));
    }
}
