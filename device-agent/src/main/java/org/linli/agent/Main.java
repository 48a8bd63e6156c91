package org.linli.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.config.ConfigException;
import org.linli.agent.config.ConfigLoader;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.door.RtcClockTrust;
import org.linli.agent.door.SystemClockTrust;
import org.linli.agent.hardware.LineQrReader;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.agent.sim.ScanConsole;
import org.linli.agent.sim.Simulation;
import org.linli.agent.sim.StandardInput;
import org.linli.agent.systemd.SystemdNotifier;
import org.linli.agent.systemd.Watchdog;

/**
 * {@code linli-agent [--config FILE] [--simulate]}: the device agent at a room door. Logs to stdout (the journal adds
 * timestamps); SIGTERM locks every door and disconnects cleanly. Exit 2: bad command line or configuration.
 *
 * <p>JVM flags for the systemd unit on a Pi: see the module README, where {@code ./linli bench agent} measured them.
 */
public final class Main {
    static final Path DEFAULT_CONFIG = Path.of("/etc/linli/agent.yaml");
    private static final String SIMULATION_CONFIG = "simulation.yaml";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        configureLogging();
        Path configFile = null;
        boolean simulate = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--simulate" -> simulate = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println("usage: linli-agent [--config FILE] [--simulate]");
                    return;
                }
                default -> fail("unknown argument '" + args[i] + "'; usage: linli-agent [--config FILE] [--simulate]");
            }
        }
        AgentConfig config;
        try {
            config = load(configFile, simulate);
        } catch (ConfigException e) {
            fail("bad configuration: " + e.getMessage());
            return;
        }
        run(config, simulate);
    }

    private static AgentConfig load(Path file, boolean simulate) throws ConfigException, IOException {
        ConfigLoader loader = new ConfigLoader(System.getenv());
        if (file != null) {
            return loader.load(file, simulate);
        }
        if (!simulate) {
            return loader.load(DEFAULT_CONFIG, false);
        }
        // --simulate without a file: the built-in demo device (env overrides still apply, e.g. LINLI_MQTT_URL)
        Path copy = Files.createTempFile("linli-agent-sim", ".yaml");
        copy.toFile().deleteOnExit();
        try (InputStream in = Main.class.getResourceAsStream(SIMULATION_CONFIG)) {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return loader.load(copy, true);
    }

    private static void run(AgentConfig config, boolean simulate) throws Exception {
        Pi4jBoard board = new Pi4jBoard(config.hardware());
        Clock clock = Clock.systemUTC();
        ClockTrust trust = switch (config.clock().trust()) {
            case "rtc" -> {
                if (simulate) {
                    yield ClockTrust.fixed(true, "a simulated device trusts the machine's clock");
                }
                RtcClockTrust rtc = new RtcClockTrust(clock);
                rtc.startRefreshing();
                yield rtc;
            }
            case "never" -> ClockTrust.fixed(false, "clock.trust is 'never' in the configuration");
            default -> {
                SystemClockTrust system = new SystemClockTrust(clock);
                system.startRefreshing();
                yield system;
            }
        };
        Agent agent = new Agent(config, board, clock, trust);
        Simulation simulation = simulate ? new Simulation(config, board) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment(System.getenv(), ProcessHandle.current().pid(),
                System.getenv("PATH")).orElse(null);
        Watchdog watchdog = systemd == null ? null : new Watchdog(agent.loop(), systemd::send);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (systemd != null) {
                watchdog.close();
                systemd.send("STOPPING=1");
            }
            if (simulation != null) {
                simulation.close();
            }
            agent.close();
            board.close();
            stopped.countDown();
        }, "shutdown"));
        // the JVM's own status after SIGTERM is 143, which systemd counts as a failure (and a unit would need
        // SuccessExitStatus=143); exiting 0 instead still runs the shutdown hook that locks every door
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        agent.start();
        if (simulation != null) {
            simulation.showRelays(System.out);
            simulation.start();
            ScanConsole console = new ScanConsole(agent::scan, () -> agent.relayLatency().summary(true), System.out);
            LineQrReader.console("stdin", StandardInput.stream()).start(console::line);
            if (config.simulation().scanFile() != null) {
                Path fifo = config.simulation().scanFile();
                new LineQrReader("scan-file", () -> Files.newInputStream(fifo)).start(console::line);
            }
            System.out.println("simulation: type 'scan <room> <text>' to present a QR text at a door; rooms: "
                    + config.rooms());
        }
        // one full collection now that everything is built: it unloads the configuration's YAML parser (IsolatedYaml)
        // and leaves the start-up garbage out of the old generation; the heap is small, it takes a few milliseconds
        System.gc();
        if (systemd != null) {
            systemd.send("READY=1");
            systemd.watchdogTimeout().ifPresent(watchdog::start);
        }
        stopped.await();
    }

    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Main.class.getResourceAsStream("logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("linli-agent: default logging setup failed: " + e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("linli-agent: " + message);
        System.exit(2);
    }
}
