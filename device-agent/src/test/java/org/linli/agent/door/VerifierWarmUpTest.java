package org.linli.agent.door;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VerifierWarmUpTest {
    @Test
    void verifiesItsOwnTokenEveryRound() {
        long started = System.nanoTime();
        assertEquals(VerifierWarmUp.ROUNDS, VerifierWarmUp.run());
        System.out.printf("warm-up: %d rounds in %d ms%n", VerifierWarmUp.ROUNDS,
                (System.nanoTime() - started) / 1_000_000);
    }
}
