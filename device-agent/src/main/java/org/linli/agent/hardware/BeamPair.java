package org.linli.agent.hardware;

/** Two light beams across a doorway, the outer one on the corridor side; reports each beam broken or restored. */
public interface BeamPair {
    enum Beam { OUTER, INNER }

    interface Listener {
        void beam(Beam beam, boolean broken);
    }

    void onBeam(Listener listener);
}
