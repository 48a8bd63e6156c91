package org.linli.agent.door;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import org.linli.agent.AgentLoop;
import org.linli.agent.hardware.Relay;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.payload.EventType;

/**
 * What the lock says against what the relay told it (security review, finding M9): a lock with a sense output (an
 * electric strike's lock-sense or keeper monitor, a maglock's bond sensor) reports whether it holds. Once the lock has
 * had its settling time after the relay moved, after its sense changed or after the door closed, the two must agree:
 * a lock that reports open while the relay keeps it locked is a relay wired or configured the wrong way round (the
 * door is open to anyone at rest), a failed or forced lock; one that stays locked while the relay opens it lets
 * nobody in. Either is {@code lock.fault} once, with what it saw; agreeing again is {@code lock.ok}. While the door
 * stands open nothing is judged: a maglock bonds, and many locks only report, with the door shut. Every method runs
 * on the agent loop.
 */
public final class LockWatch {
    private static final System.Logger LOG = System.getLogger(LockWatch.class.getName());

    private final String room;
    private final BooleanSupplier lockHolds;
    private final BooleanSupplier doorOpen;
    private final Duration settle;
    private final Reporter reporter;
    private final AgentLoop loop;
    private Relay relay;
    private ScheduledFuture<?> pending;
    private boolean faulted;

    /**
     * @param lockHolds the lock's sense output, read now
     * @param doorOpen the door contact, read now (always false without one)
     */
    public LockWatch(String room, BooleanSupplier lockHolds, BooleanSupplier doorOpen, Duration settle,
            Reporter reporter, AgentLoop loop) {
        this.room = room;
        this.lockHolds = lockHolds;
        this.doorOpen = doorOpen;
        this.settle = settle;
        this.reporter = reporter;
        this.loop = loop;
    }

    /** The relay, watched: every move of it is judged once the lock has settled. */
    public Relay watch(Relay watched) {
        this.relay = watched;
        return new Relay() {
            @Override
            public void lock() {
                watched.lock();
                changed();
            }

            @Override
            public void unlock() {
                watched.unlock();
                changed();
            }

            @Override
            public boolean unlocked() {
                return watched.unlocked();
            }
        };
    }

    /** The relay moved, the lock's sense changed or the door closed: judged after the settling time. */
    public void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            pending = loop.schedule(settle, this::judge);
        } catch (RejectedExecutionException shuttingDown) {
            pending = null; // the doors were locked for the shutdown: nothing is left to judge
        }
    }

    private void judge() {
        pending = null;
        if (relay == null || doorOpen.getAsBoolean()) {
            return; // judged again when the door closes
        }
        boolean told = !relay.unlocked();
        boolean holds = lockHolds.getAsBoolean();
        if (told == holds) {
            if (faulted) {
                faulted = false;
                reporter.event(room, EventType.LOCK_OK, null, "the lock " + (holds ? "holds" : "is open")
                        + " as the relay told it again");
                LOG.log(System.Logger.Level.INFO, "{0}: the lock does what the relay tells it again", room);
            }
            return;
        }
        if (faulted) {
            return;
        }
        faulted = true;
        String why = told
                ? "open: the lock reports open " + settle.toMillis() + " ms after the relay locked it: the relay's wiring"
                        + " or its active-high may be wrong (the door is then open at rest), or the lock failed or"
                        + " was forced"
                : "shut: the lock reports locked " + settle.toMillis() + " ms after the relay opened it: the relay does not"
                        + " open the lock (wiring, power), so nobody gets in";
        reporter.event(room, EventType.LOCK_FAULT, null, why);
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", room, why);
    }
}
