package org.linli.agent.hardware;

/** A beam pair on two GPIO inputs; "active" on each input means the beam is broken. */
public final class Pi4jBeamPair implements BeamPair {
    private final Pi4jInput outer;
    private final Pi4jInput inner;

    public Pi4jBeamPair(Pi4jInput outer, Pi4jInput inner) {
        this.outer = outer;
        this.inner = inner;
    }

    @Override
    public void onBeam(Listener listener) {
        outer.onActive(broken -> listener.beam(Beam.OUTER, broken));
        inner.onActive(broken -> listener.beam(Beam.INNER, broken));
    }
}
