package org.linli.agent.commands;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.linli.protocol.command.CommandVerifier;

/**
 * Remembers the nonces of the commands carried out, for as long as a command can be fresh, so each runs once. A
 * command signed before this agent started is refused too: the nonces of the run before are not remembered. Bounded:
 * past {@link #MAX_REMEMBERED} fresh nonces, further commands are refused until some grow old. Runs on the agent
 * loop.
 */
final class ReplayGuard {
    static final int MAX_REMEMBERED = 1024;
    /** A nonce is kept for twice the skew a command may have: by then the command is stale anyway. */
    static final long KEEP_MS = 2 * CommandVerifier.MAX_SKEW.toMillis();

    private record Seen(String nonce, long atMillis) {
    }

    private final long startedMillis;
    private final Deque<Seen> order = new ArrayDeque<>();
    private final Set<String> nonces = new HashSet<>();

    ReplayGuard(long startedMillis) {
        this.startedMillis = startedMillis;
    }

    /** Null when the command may run (its nonce is now remembered), else why not. */
    String admit(String nonce, long tsMillis, long nowMillis) {
        while (!order.isEmpty() && order.peekFirst().atMillis() < nowMillis - KEEP_MS) {
            nonces.remove(order.removeFirst().nonce());
        }
        if (tsMillis < startedMillis) {
            return "signed before this agent started; it cannot tell whether it was carried out before";
        }
        if (nonces.contains(nonce)) {
            return "its nonce was seen before: a replay";
        }
        if (nonces.size() >= MAX_REMEMBERED) {
            return "more than " + MAX_REMEMBERED + " commands within " + KEEP_MS / 1000 + " s";
        }
        nonces.add(nonce);
        order.addLast(new Seen(nonce, nowMillis));
        return null;
    }
}
