package org.linli.agent;

import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.linli.agent.commands.CommandHandler;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.AccessKeys;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.door.Door;
import org.linli.agent.door.FlooredClockTrust;
import org.linli.agent.door.LockWatch;
import org.linli.agent.door.TimeFloor;
import org.linli.agent.door.FastEd25519;
import org.linli.agent.door.RelayLatency;
import org.linli.agent.door.VerifierWarmUp;
import org.linli.agent.hardware.LineQrReader;
import org.linli.agent.hardware.Pi4jBeamPair;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.agent.hardware.Pi4jInput;
import org.linli.agent.hardware.QrReader;
import org.linli.agent.hardware.Relay;
import org.linli.agent.identify.Blinker;
import org.linli.agent.mqtt.Backoff;
import org.linli.agent.mqtt.PahoMqttLink;
import org.linli.agent.occupancy.ClosingTime;
import org.linli.agent.occupancy.RoomOccupancy;
import org.linli.agent.outbox.Outbox;
import org.linli.agent.outbox.OutboxPump;
import org.linli.agent.outbox.Reporter;
import org.linli.agent.telemetry.Telemetry;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.StatusPayload;

/**
 * The agent of one device: builds its parts from the configuration with plain constructors, connects them through
 * the one ordered {@link AgentLoop}, and takes them down in an order that leaves every door locked.
 */
public final class Agent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Agent.class.getName());
    public static final String VERSION = versionOf(Agent.class);
    /** Below Mosquitto's default receive maximum of 20, so Paho never refuses a publish for too many in flight. */
    private static final int WINDOW = 16;

    private final AgentConfig config;
    private final Pi4jBoard board;
    private final Clock clock;
    private final AgentLoop loop = new AgentLoop();
    private final PayloadCodec codec;
    private final Outbox outbox;
    private final PahoMqttLink link;
    private final OutboxPump pump;
    private final Reporter reporter;
    private final AccessKeys keys;
    private final TimeFloor floor;
    private final ClockTrust trust;
    private final Map<String, Door> doors = new LinkedHashMap<>();
    private final Map<String, Pi4jInput> contacts = new LinkedHashMap<>();
    private final Map<String, LockWatch> lockWatches = new LinkedHashMap<>();
    private final Map<String, RoomOccupancy> rooms = new LinkedHashMap<>();
    private final List<QrReader> readers = new ArrayList<>();
    private final Telemetry telemetry;
    private final CommandHandler commands;
    private final Blinker blinker;
    private final RelayLatency relayLatency = new RelayLatency();

    public Agent(AgentConfig config, Pi4jBoard board, Clock clock, ClockTrust trust) throws SQLException,
            MqttException {
        this.config = config;
        this.board = board;
        this.clock = clock;
        // whatever says the clock is synchronised, a clock behind a time central vouched for is not believed (M8)
        this.floor = new TimeFloor(config.dataDir());
        this.trust = new FlooredClockTrust(trust, floor, clock);
        this.codec = new PayloadCodec(clock);
        this.outbox = new Outbox(config.dataDir().resolve("outbox.db"), config.outbox().maxMessages(),
                config.outbox().maxAge(), clock);
        this.link = new PahoMqttLink(config.mqtt(), clientId(config),
                Topics.deviceStatus(config.deviceId()),
                (online, ts) -> codec.encode(new StatusPayload(online ? StatusPayload.ONLINE : StatusPayload.OFFLINE,
                        ts, VERSION)),
                new Backoff(config.mqtt().reconnectMin(), config.mqtt().reconnectMax(), new Random()));
        this.pump = new OutboxPump(outbox, link, Topics.deviceAck(config.deviceId()), codec,
                new OutboxPump.Settings(WINDOW, config.outbox().unacknowledged(), config.outbox().resendAfter(),
                        config.outbox().resendMax()),
                ts -> floor.saw(ts, "a receipt from central"));
        this.reporter = new Reporter(config.deviceId(), outbox, codec, clock, pump::wake);
        Map<String, Duration> graceByRoom = new LinkedHashMap<>();
        config.locks().forEach(lock -> graceByRoom.put(lock.room(), lock.grace()));
        this.keys = new AccessKeys(config.dataDir(), codec, graceByRoom, floor, trust, clock,
                (room, type, reason) -> reporter.event(room, type, null, reason));
        for (AgentConfig.Lock lock : config.locks()) {
            Pi4jInput contact = lock.doorContactPin() == null ? null
                    : board.input(lock.doorContactPin(), lock.contactOpenHigh());
            Relay relay = board.relay(lock.relayPin(), lock.activeHigh(), lock.failSecure());
            if (lock.lockSense() != null) {
                AgentConfig.LockSense sense = lock.lockSense();
                Pi4jInput holds = board.input(sense.pin(), sense.lockedHigh());
                LockWatch watch = new LockWatch(lock.room(), holds::active, contact == null ? () -> false
                        : contact::open, sense.settle(), reporter, loop);
                relay = watch.watch(relay);
                holds.onActive(held -> loop.execute(watch::changed));
                lockWatches.put(lock.room(), watch);
            }
            if (contact != null) {
                contacts.put(lock.room(), contact);
            }
            doors.put(lock.room(), new Door(config.hubId(), lock, relay, keys, this.trust, clock, reporter, loop,
                    relayLatency));
        }
        for (AgentConfig.Sensor sensor : config.sensors()) {
            boolean counting = config.sensors().stream()
                    .anyMatch(s -> s.room().equals(sensor.room()) && s.type() == AgentConfig.Sensor.Type.BEAM);
            rooms.computeIfAbsent(sensor.room(), room -> new RoomOccupancy(room, counting, reporter, loop));
        }
        this.telemetry = new Telemetry(reporter, outbox::dropped, VERSION, doors.isEmpty() ? null
                : new Telemetry.Revocations() {
                    @Override
                    public Long oldestListTs() {
                        return keys.oldestListTs();
                    }

                    @Override
                    public long refused() {
                        return keys.refused();
                    }
                });
        AgentConfig.Indicator lamp = config.indicator();
        this.blinker = new Blinker("device " + config.deviceId() + " of hub " + config.hubId() + ", rooms "
                + config.rooms(), lamp == null ? null : board.indicator(lamp.pin(), lamp.activeHigh()), lamp, loop);
        this.commands = new CommandHandler(codec, doors, reporter, this::reload, blinker,
                new CommandHandler.Checks(config.deviceId(), keys::commandVerifier, this.trust, clock, floor));
    }

    /** Wires the inputs, starts the link and the schedules. */
    public void start() {
        String id = config.deviceId();
        link.subscribe(Topics.deviceCmd(id), (topic, payload) -> loop.execute(() -> commands.handle(payload)));
        link.subscribe(Topics.accessKeys(config.hubId()), (topic, payload) -> loop.execute(
                () -> keys.keysArrived(payload)));
        link.subscribe(Topics.accessRevoked(config.hubId()), (topic, payload) -> loop.execute(
                () -> keys.revokedArrived(payload)));
        for (String room : doors.keySet()) {
            link.subscribe(Topics.roomRevoked(config.hubId(), room), (topic, payload) -> loop.execute(
                    () -> keys.roomRevokedArrived(room, payload)));
        }
        for (AgentConfig.Sensor sensor : config.sensors()) {
            RoomOccupancy room = rooms.get(sensor.room());
            if (sensor.type() == AgentConfig.Sensor.Type.PIR) {
                String key = "pir-" + sensor.pin();
                board.input(sensor.pin(), sensor.activeHigh()).onMotion(
                        active -> loop.execute(() -> room.motion(key, active, sensor.hold())));
            } else {
                String key = "beam-" + sensor.pin();
                new Pi4jBeamPair(board.input(sensor.pin(), sensor.activeHigh()),
                        board.input(sensor.innerPin(), sensor.activeHigh())).onBeam(
                                (beam, broken) -> loop.execute(() -> room.beam(key, beam, broken)));
            }
        }
        for (AgentConfig.Lock lock : config.locks()) {
            Door door = doors.get(lock.room());
            Pi4jInput contact = contacts.get(lock.room());
            LockWatch watch = lockWatches.get(lock.room());
            if (contact != null) {
                contact.onChange(open -> loop.execute(() -> {
                    door.contact(open);
                    if (!open && watch != null) {
                        watch.changed(); // a lock that reports only with the door shut is judged now
                    }
                }));
            }
            QrReader reader = reader(lock);
            if (reader != null) {
                readers.add(reader);
                reader.start(text -> scan(lock.room(), text));
            }
        }
        reporter.event(null, EventType.AGENT_STARTED, null, VERSION);
        if (!doors.isEmpty() && !trust.trusted()) {
            reporter.event(null, EventType.CLOCK_UNTRUSTED, null, trust.why());
        }
        loop.execute(() -> rooms.values().forEach(RoomOccupancy::heartbeat));
        Duration heartbeat = config.occupancy().heartbeat();
        loop.every(heartbeat, heartbeat, () -> rooms.values().forEach(RoomOccupancy::heartbeat));
        new ClosingTime(config.occupancy().closingTime(), config.occupancy().zone(), clock, loop,
                config.occupancy().clockCheck())
                .daily(() -> rooms.values().stream().filter(r -> r.count() != null)
                        .forEach(RoomOccupancy::resetCount));
        loop.every(config.telemetryInterval(), config.telemetryInterval(), telemetry::report);
        loop.every(Duration.ofHours(1), Duration.ofHours(1), this::purgeOutbox);
        if (!doors.isEmpty()) {
            loop.every(Duration.ofMinutes(1), Duration.ofMinutes(1), keys::checkStale);
        }
        if (!doors.isEmpty()) {
            FastEd25519.install();
            VerifierWarmUp.start();
        }
        pump.start();
        link.start();
        LOG.log(System.Logger.Level.INFO, "agent {0} of hub {1} started: {2} rooms, {3} doors, broker {4}", id,
                config.hubId(), rooms.size(), doors.size(), config.mqtt().url());
    }

    private QrReader reader(AgentConfig.Lock lock) {
        AgentConfig.Reader r = lock.reader();
        return switch (r.type()) {
            case "file", "serial" -> new LineQrReader(lock.room(),
                    () -> Files.newInputStream(java.nio.file.Path.of(r.device())));
            case "hid" -> new org.linli.agent.hardware.HidQrReader(lock.room(), java.nio.file.Path.of(r.device()));
            case "camera" -> new org.linli.agent.hardware.CameraQrReader(lock.room(), r.command(), r.width(),
                    r.height());
            default -> null;
        };
    }

    /** A text presented at a room's door (a reader, the simulation console). */
    public void scan(String room, String text) {
        // taken here, on the reader's thread, so the measured latency includes any wait in the loop's queue
        long readNanos = System.nanoTime();
        loop.execute(() -> {
            Door door = doors.get(room);
            if (door == null) {
                LOG.log(System.Logger.Level.WARNING, "scan for {0}, which has no door here", room);
            } else {
                door.scanned(text, readNanos);
            }
        });
    }

    private void purgeOutbox() {
        try {
            outbox.purgeExpired();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.ERROR, "outbox purge failed", e);
        }
    }

    private String reload() throws Exception {
        if (config.source() == null) {
            throw new IllegalStateException("started without a configuration file: nothing to reload");
        }
        AgentConfig next = new ConfigLoader(System.getenv()).load(config.source(), false);
        int applied = 0;
        for (AgentConfig.Lock lock : next.locks()) {
            Door door = doors.get(lock.room());
            if (door != null) {
                door.reconfigure(lock);
                applied++;
            }
        }
        boolean wiringChanged = !next.sensors().equals(config.sensors()) || !next.deviceId().equals(
                config.deviceId()) || !next.mqtt().equals(config.mqtt()) || next.locks().size() != doors.size()
                || !java.util.Objects.equals(next.indicator(), config.indicator());
        return "door settings applied to " + applied + " doors"
                + (wiringChanged ? "; sensors, locks, indicator or broker changed: restart the agent for those" : "");
    }

    public AgentConfig config() {
        return config;
    }

    /** The outbox, for telemetry and tests. */
    public Outbox outbox() {
        return outbox;
    }

    /** The pump, for tests. */
    public OutboxPump pump() {
        return pump;
    }

    public Reporter reporter() {
        return reporter;
    }

    /** Reader-to-relay times of granted scans, for the log and the benchmark. */
    public RelayLatency relayLatency() {
        return relayLatency;
    }

    public AgentLoop loop() {
        return loop;
    }

    public boolean connected() {
        return link.connected();
    }

    /** Locks every door now (shutdown, the benchmark between scans). */
    public void lockAll() {
        loop.runAndWait(() -> doors.values().forEach(Door::lockNow));
    }

    /** Clean shutdown: every door locked first, the indicator off, then the offline status, then the stores. */
    @Override
    public void close() {
        lockAll();
        loop.runAndWait(blinker::stop);
        readers.forEach(QrReader::close);
        link.close();
        pump.close();
        loop.close();
        outbox.close();
        LOG.log(System.Logger.Level.INFO, "agent {0} stopped; doors locked; reader-to-relay {1}", config.deviceId(),
                relayLatency.summary(false));
    }

    /** Stops as a crash would: no offline status, no DISCONNECT (for tests of the Last Will and the outbox). */
    public void crash() {
        readers.forEach(QrReader::close);
        link.abandon();
        pump.close();
        loop.close();
        outbox.close();
    }

    /**
     * The broker's name for our session: the MQTT user name, which is the device id. The production broker binds a
     * client id to the user name ({@code use_username_as_clientid}, review finding M2) and would replace any other id
     * with it; using it here too keeps the same persistent session on every broker and every listener.
     */
    static String clientId(AgentConfig config) {
        String username = config.mqtt().username();
        return username == null || username.isBlank() ? config.deviceId() : username;
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
