package org.linli.agent.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.agent.TestAgents;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.hardware.Pi4jBoard;
import org.linli.agent.hardware.Pi4jInput;
import org.linli.agent.hardware.Pi4jRelay;

class SimulationTest {
    static final int SENSE_PIN = 25;

    @TempDir
    Path dir;

    /** A simulated door's lock works: its sense says it holds while the relay locks it, so no lock.fault is raised. */
    @Test
    void aSimulatedLockFollowsItsRelay() {
        AgentConfig config = TestAgents.config(dir, TestAgents.yaml("door-1", "hub-1", "room-1", "tcp://127.0.0.1:1",
                dir).replace("    active-high: true\n", "    active-high: true\n    lock-sense-pin: " + SENSE_PIN
                        + "\n    lock-sense-locked: low\n"));
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            // the inputs and the relay the agent makes from this configuration
            board.input(TestAgents.PIR_PIN, true);
            board.input(TestAgents.OUTER_PIN, false);
            board.input(TestAgents.INNER_PIN, false);
            board.input(TestAgents.CONTACT_PIN, true);
            Pi4jInput holds = board.input(SENSE_PIN, false);
            Pi4jRelay relay = board.relay(TestAgents.RELAY_PIN, true, true);
            try (Simulation simulation = new Simulation(config, board)) {
                simulation.start();
                assertTrue(holds.active(), "locked at the start");
                relay.unlock();
                assertFalse(holds.active(), "let go with the relay");
                relay.lock();
                assertTrue(holds.active(), "holds again");
            }
        }
    }
}
