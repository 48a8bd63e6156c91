package org.linli.agent.door;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.linli.agent.AgentLoop;
import org.linli.agent.config.AgentConfig;
import org.linli.agent.hardware.Relay;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.token.TokenType;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.Verification;
import org.linli.protocol.token.VerifyContext;

/**
 * One door: a scanned text is verified offline; only {@link Verdict#VALID} pulses the relay (then
 * {@code access.granted}); every other verdict is {@code access.denied} with the verdict as reason and the relay does
 * not move. Also watches the door contact for a door held open. Every method runs on the agent loop.
 */
public final class Door {
    private static final System.Logger LOG = System.getLogger(Door.class.getName());
    /** Verdicts reached before the signature was believed: their claims (booking id) are not worth repeating. */
    private static final Set<Verdict> UNSIGNED = EnumSet.of(Verdict.MALFORMED, Verdict.UNKNOWN_KEY,
            Verdict.BAD_SIGNATURE);

    private final String hubId;
    private final Relay relay;
    private final AccessKeys keys;
    private final ClockTrust trust;
    private final Clock clock;
    private final Reporter reporter;
    private final AgentLoop loop;
    private final RelayLatency latency;
    private volatile AgentConfig.Lock settings;
    private ScheduledFuture<?> relock;
    private ScheduledFuture<?> heldOpenAlarm;
    private boolean untrustedReported;

    public Door(String hubId, AgentConfig.Lock settings, Relay relay, AccessKeys keys, ClockTrust trust, Clock clock,
            Reporter reporter, AgentLoop loop) {
        this(hubId, settings, relay, keys, trust, clock, reporter, loop, new RelayLatency());
    }

    public Door(String hubId, AgentConfig.Lock settings, Relay relay, AccessKeys keys, ClockTrust trust, Clock clock,
            Reporter reporter, AgentLoop loop, RelayLatency latency) {
        this.hubId = hubId;
        this.latency = latency;
        this.settings = settings;
        this.relay = relay;
        this.keys = keys;
        this.trust = trust;
        this.clock = clock;
        this.reporter = reporter;
        this.loop = loop;
        relay.lock();
    }

    public String room() {
        return settings.room();
    }

    /** A text from the door's reader. */
    public void scanned(String text) {
        scanned(text, System.nanoTime());
    }

    /** A text from the door's reader, which had it complete at {@code readNanos} ({@link System#nanoTime}). */
    public void scanned(String text, long readNanos) {
        AgentConfig.Lock s = settings;
        boolean trusted = trust.trusted();
        Verification result = keys.verifier().verify(text, VerifyContext.door(hubId, s.room(), clock.instant(),
                trusted, keys.revoked(), s.grace(), keys.roomRevocations(s.room())));
        if (result.valid()) {
            unlockFor(s.pulse());
            latency.record(System.nanoTime() - readNanos);
            reporter.event(s.room(), EventType.ACCESS_GRANTED, bookingId(result), null);
            LOG.log(System.Logger.Level.INFO, "{0}: access granted", s.room());
        } else {
            reporter.event(s.room(), EventType.ACCESS_DENIED, bookingId(result), result.verdict().name());
            LOG.log(System.Logger.Level.INFO, "{0}: access denied, {1}: {2}", s.room(), result.verdict(),
                    result.detail());
        }
        if (result.verdict() == Verdict.CLOCK_UNTRUSTED && !untrustedReported) {
            untrustedReported = true;
            reporter.event(s.room(), EventType.CLOCK_UNTRUSTED, null, trust.why());
        } else if (trusted) {
            untrustedReported = false;
        }
    }

    private static String bookingId(Verification result) {
        if (result.token() == null || UNSIGNED.contains(result.verdict())
                || result.token().type() != TokenType.BOOKING) {
            return null;
        }
        return result.token().subjectText();
    }

    /** A remote unlock command: capped at the door's maximum. */
    public void remoteUnlock(Duration requested, String commandId) {
        AgentConfig.Lock s = settings;
        Duration granted = requested == null ? s.pulse()
                : requested.compareTo(s.maxRemoteUnlock()) > 0 ? s.maxRemoteUnlock() : requested;
        unlockFor(granted);
        LOG.log(System.Logger.Level.INFO, "{0}: unlocked for {1} s by command {2}", s.room(), granted.toSeconds(),
                commandId);
        reporter.event(s.room(), EventType.DOOR_UNLOCKED_REMOTELY, null,
                commandId + " for " + granted.toSeconds() + " s");
    }

    private void unlockFor(Duration duration) {
        if (relock != null) {
            relock.cancel(false);
        }
        relay.unlock();
        relock = loop.schedule(duration, relay::lock);
    }

    /** The door contact changed. */
    public void contact(boolean open) {
        AgentConfig.Lock s = settings;
        if (open) {
            reporter.event(s.room(), EventType.DOOR_OPENED, null, null);
            if (heldOpenAlarm != null) {
                heldOpenAlarm.cancel(false);
            }
            heldOpenAlarm = loop.schedule(s.heldOpenAfter(), () -> reporter.event(s.room(), EventType.DOOR_HELD_OPEN,
                    null, "open for more than " + s.heldOpenAfter().toSeconds() + " s"));
        } else {
            if (heldOpenAlarm != null) {
                heldOpenAlarm.cancel(false);
                heldOpenAlarm = null;
            }
            reporter.event(s.room(), EventType.DOOR_CLOSED, null, null);
        }
    }

    /** New timings from a reloaded configuration; the relay wiring cannot change without a restart. */
    public void reconfigure(AgentConfig.Lock next) {
        settings = next;
    }

    /** Locks now and forgets any pending relock: for shutdown. */
    public void lockNow() {
        if (relock != null) {
            relock.cancel(false);
        }
        relay.lock();
    }
}
