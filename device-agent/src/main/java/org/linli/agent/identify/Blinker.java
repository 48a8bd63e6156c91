package org.linli.agent.identify;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.linli.agent.AgentLoop;
import org.linli.agent.commands.CommandHandler;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.hardware.Indicator;

/**
 * Answers an identify command by blinking the device's indicator for a while, on the agent loop's timers (so a
 * toggle never races the command that starts or the shutdown that stops it). One blinker at most: a second identify
 * while blinking starts the time again. Without an indicator it says so. It never touches a lock relay.
 */
public final class Blinker implements CommandHandler.Identifier {
    private static final System.Logger LOG = System.getLogger(Blinker.class.getName());

    private final String who;
    private final Indicator indicator;
    private final AgentConfig.Indicator settings;
    private final AgentLoop loop;
    private ScheduledFuture<?> toggling;
    private ScheduledFuture<?> ending;

    /**
     * @param who the device, its hub and rooms, for the log line
     * @param indicator null when none is wired, and then {@code settings} is null too
     */
    public Blinker(String who, Indicator indicator, AgentConfig.Indicator settings, AgentLoop loop) {
        this.who = who;
        this.indicator = indicator;
        this.settings = settings;
        this.loop = loop;
    }

    /** Call on the agent loop. */
    @Override
    public Shown identify() {
        if (indicator == null) {
            LOG.log(System.Logger.Level.WARNING, "IDENTIFY: this is {0}; no indicator wired, nothing blinks", who);
            return new Shown(false, "no indicator wired: nothing blinks on this device, it only wrote IDENTIFY to its"
                    + " log (indicator.pin in agent.yaml, deploy-pi/README.md)");
        }
        boolean again = blinking();
        cancel();
        Duration half = settings.blinkPeriod().dividedBy(2);
        toggling = loop.every(Duration.ZERO, half, this::toggle);
        ending = loop.schedule(settings.identifyFor(), this::stop);
        LOG.log(System.Logger.Level.WARNING, "IDENTIFY: this is {0}; blinking GPIO {1} for {2} s{3}", who,
                settings.pin(), settings.identifyFor().toSeconds(), again ? " again" : "");
        return new Shown(true, "blinking the indicator on GPIO " + settings.pin() + " at " + hertz() + " for "
                + settings.identifyFor().toSeconds() + " s" + (again ? " (started again; it was blinking)" : ""));
    }

    public boolean blinking() {
        return toggling != null;
    }

    /** Ends the blinking with the indicator off (its time is up, shutdown). Call on the agent loop. */
    public void stop() {
        cancel();
        if (indicator != null) {
            indicator.off();
        }
    }

    private void toggle() {
        if (indicator.lit()) {
            indicator.off();
        } else {
            indicator.on();
        }
    }

    private void cancel() {
        if (toggling != null) {
            toggling.cancel(false);
        }
        if (ending != null) {
            ending.cancel(false);
        }
        toggling = null;
        ending = null;
    }

    private String hertz() {
        double hz = 1000.0 / settings.blinkPeriod().toMillis();
        return hz == Math.rint(hz) ? (long) hz + " Hz" : String.format(java.util.Locale.ROOT, "%.1f Hz", hz);
    }
}
