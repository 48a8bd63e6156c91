package org.linli.agent.occupancy;

import java.util.Optional;
import org.linli.agent.hardware.BeamPair.Beam;

/**
 * Direction from the order of two beams. A passage counts only when it is complete: both beams were broken and the
 * beam broken first is not the one restored last. Someone who steps into the doorway and turns back counts nothing.
 */
final class BeamCounter {
    enum Direction { IN, OUT }

    private boolean outerBroken;
    private boolean innerBroken;
    private Beam first;
    private boolean both;

    Optional<Direction> beam(Beam beam, boolean broken) {
        if (beam == Beam.OUTER) {
            outerBroken = broken;
        } else {
            innerBroken = broken;
        }
        if (broken) {
            if (first == null) {
                first = beam;
            }
            both |= outerBroken && innerBroken;
            return Optional.empty();
        }
        if (outerBroken || innerBroken) {
            return Optional.empty();
        }
        Optional<Direction> passage = both && beam != first
                ? Optional.of(first == Beam.OUTER ? Direction.IN : Direction.OUT)
                : Optional.empty();
        first = null;
        both = false;
        return passage;
    }
}
