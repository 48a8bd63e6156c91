package org.linli.agent.door;

/** Whether this device's clock can be believed, and if not, why; a door refuses time-window tokens without it. */
public interface ClockTrust {
    boolean trusted();

    /** Plain words for the log and the {@code clock.untrusted} event. */
    String why();

    static ClockTrust fixed(boolean trusted, String why) {
        return new ClockTrust() {
            @Override
            public boolean trusted() {
                return trusted;
            }

            @Override
            public String why() {
                return why;
            }
        };
    }
}
