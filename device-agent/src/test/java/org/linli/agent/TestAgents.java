package org.linli.agent;

import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.config.ConfigException;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;

/** Configurations and outbox readers shared by the agent's tests. */
public final class TestAgents {
    public static final int PIR_PIN = 17;
    public static final int OUTER_PIN = 22;
    public static final int INNER_PIN = 23;
    public static final int RELAY_PIN = 5;
    public static final int CONTACT_PIN = 6;

    private TestAgents() {
    }

    /** One room with a PIR, a beam pair and a door with a contact, short timings for tests. */
    public static String yaml(String deviceId, String hub, String room, String mqttUrl, Path dataDir) {
        return """
                device: {id: %s}
                hub: {id: %s}
                mqtt:
                  url: %s
                  reconnect-min-ms: 50
                  reconnect-max-ms: 400
                  keep-alive-s: 5
                data: {dir: '%s'}
                hardware: {provider: mock}
                clock: {trust: rtc}
                occupancy: {heartbeat-s: 3600, zone: America/St_Johns}
                sensors:
                  - {type: pir, room: %s, pin: %d, hold-ms: 400}
                  - {type: beam, room: %s, outer-pin: %d, inner-pin: %d}
                locks:
                  - room: %s
                    relay-pin: %d
                    active-high: true
                    pulse-ms: 300
                    door-contact-pin: %d
                    held-open-s: 1
                    grace-s: 900
                    max-remote-unlock-s: 2
                """.formatted(deviceId, hub, mqttUrl, dataDir, room, PIR_PIN, room, OUTER_PIN, INNER_PIN, room,
                RELAY_PIN, CONTACT_PIN);
    }

    public static AgentConfig config(Path dir, String yaml) {
        try {
            Path file = dir.resolve("agent-" + System.nanoTime() + ".yaml");
            Files.writeString(file, yaml);
            return new ConfigLoader(Map.of()).load(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payloads waiting in an outbox file, oldest first, as text. */
    public static List<String> outboxPayloads(Path db) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT topic, payload FROM message ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The occupancy reports waiting in an outbox file for a device, oldest first, read with the agent's clock. */
    public static List<OccupancyPayload> outboxOccupancy(Path db, String deviceId, java.time.Clock clock) {
        PayloadCodec codec = new PayloadCodec(clock);
        String topic = Topics.deviceOccupancy(deviceId) + " ";
        return outboxPayloads(db).stream().filter(row -> row.startsWith(topic)).map(row -> {
            try {
                return codec.decodeOccupancy(row.substring(topic.length()).getBytes(StandardCharsets.UTF_8));
            } catch (PayloadException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /** A mock board's input pin, which a test drives ({@code mockState}). */
    public static MockDigitalInput input(Pi4jBoard board, int pin) {
        return board.context().registry().get(Pi4jBoard.pinId(pin), MockDigitalInput.class);
    }
}
