package org.linli.agent.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.hardware.Pi4jBoard;

/**
 * A day of comings and goings, compressed in time, played on the mock board's pins: groups arrive at each room
 * through its beam pair (outer then inner beam), the PIR sees them while they stay, the door contact opens and closes
 * as they pass, and they leave the other way. The agent cannot tell it from real sensors, which is the point.
 */
public final class Simulation implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Simulation.class.getName());
    /** Opening hours of the simulated day, in seconds after midnight. */
    private static final int OPEN = 8 * 3600;
    private static final int CLOSE = 21 * 3600;
    /** A person takes this long to walk through a doorway, in real time whatever the speed. */
    private static final long STEP_MS = 150;

    private final AgentConfig config;
    private final Pi4jBoard board;
    private final Random random;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulation");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Integer> present = new HashMap<>();

    public Simulation(AgentConfig config, Pi4jBoard board) {
        this.config = config;
        this.board = board;
        this.random = new Random(config.simulation().seed());
    }

    public void start() {
        for (AgentConfig.Sensor sensor : config.sensors()) {
            set(sensor.pin(), sensor.activeHigh(), false);
            if (sensor.innerPin() != null) {
                set(sensor.innerPin(), sensor.activeHigh(), false);
            }
        }
        for (AgentConfig.Lock lock : config.locks()) {
            if (lock.doorContactPin() != null) {
                set(lock.doorContactPin(), lock.contactOpenHigh(), false);
            }
            AgentConfig.LockSense sense = lock.lockSense();
            if (sense != null) {
                // a lock that works: it holds while the relay locks it and lets go when the relay opens it
                set(sense.pin(), sense.lockedHigh(), true);
                board.onRelayChange(lock.relayPin(), lock.activeHigh(), lock.failSecure(),
                        unlocked -> set(sense.pin(), sense.lockedHigh(), !unlocked));
            }
        }
        timer.execute(this::scheduleDay);
    }

    /**
     * The simulation's stand-in for a lock you could watch: prints {@code relay <room> unlocked|locked} when a relay
     * output changes, from Pi4J's listener on the pin itself, so an outside observer (the end-to-end test, the
     * benchmark) sees the pin move, not the event the agent reports about it.
     */
    public void showRelays(java.io.PrintStream out) {
        for (AgentConfig.Lock lock : config.locks()) {
            board.onRelayChange(lock.relayPin(), lock.activeHigh(), lock.failSecure(),
                    unlocked -> out.println("relay " + lock.room() + (unlocked ? " unlocked" : " locked")));
        }
    }

    private void scheduleDay() {
        long realDayMs = (CLOSE - OPEN) * 1000L / config.simulation().speed();
        for (String room : config.rooms()) {
            int visits = 4 + random.nextInt(8);
            for (int i = 0; i < visits; i++) {
                int arrive = random.nextInt(CLOSE - OPEN - 3600);
                int stay = 1800 + random.nextInt(7200);
                int people = 1 + random.nextInt(6);
                long arriveMs = arrive * 1000L / config.simulation().speed();
                long leaveMs = Math.min(realDayMs - 1000, (arrive + stay) * 1000L / config.simulation().speed());
                timer.schedule(() -> arrive(room, people), arriveMs, TimeUnit.MILLISECONDS);
                timer.schedule(() -> leave(room, people), Math.max(arriveMs + 2000, leaveMs), TimeUnit.MILLISECONDS);
            }
        }
        LOG.log(System.Logger.Level.INFO, "simulation: a day of visits over {0}", Duration.ofMillis(realDayMs));
        timer.schedule(this::scheduleDay, realDayMs + 5000, TimeUnit.MILLISECONDS);
    }

    private void arrive(String room, int people) {
        int before = present.merge(room, people, Integer::sum) - people;
        if (before == 0) {
            pirs(room).forEach(pir -> set(pir.pin(), pir.activeHigh(), true));
        }
        walk(room, people, true);
    }

    private void leave(String room, int people) {
        int after = present.merge(room, -people, Integer::sum);
        if (after <= 0) {
            present.put(room, 0);
            pirs(room).forEach(pir -> set(pir.pin(), pir.activeHigh(), false));
        }
        walk(room, people, false);
    }

    /** People pass the doorway one after another: door opens, beams in order, door closes. */
    private void walk(String room, int people, boolean in) {
        List<Runnable> steps = new ArrayList<>();
        AgentConfig.Lock lock = config.locks().stream().filter(l -> l.room().equals(room)).findFirst().orElse(null);
        if (lock != null && lock.doorContactPin() != null) {
            steps.add(() -> set(lock.doorContactPin(), lock.contactOpenHigh(), true));
        }
        for (AgentConfig.Sensor beam : beams(room)) {
            int first = in ? beam.pin() : beam.innerPin();
            int second = in ? beam.innerPin() : beam.pin();
            for (int p = 0; p < people; p++) {
                steps.add(() -> set(first, beam.activeHigh(), true));
                steps.add(() -> set(second, beam.activeHigh(), true));
                steps.add(() -> set(first, beam.activeHigh(), false));
                steps.add(() -> set(second, beam.activeHigh(), false));
            }
        }
        if (lock != null && lock.doorContactPin() != null) {
            steps.add(() -> set(lock.doorContactPin(), lock.contactOpenHigh(), false));
        }
        for (int i = 0; i < steps.size(); i++) {
            timer.schedule(steps.get(i), i * STEP_MS, TimeUnit.MILLISECONDS);
        }
    }

    private List<AgentConfig.Sensor> pirs(String room) {
        return config.sensors().stream()
                .filter(s -> s.room().equals(room) && s.type() == AgentConfig.Sensor.Type.PIR).toList();
    }

    private List<AgentConfig.Sensor> beams(String room) {
        return config.sensors().stream()
                .filter(s -> s.room().equals(room) && s.type() == AgentConfig.Sensor.Type.BEAM).toList();
    }

    private void set(int pin, boolean activeHigh, boolean active) {
        board.mockInput(pin, active == activeHigh);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
