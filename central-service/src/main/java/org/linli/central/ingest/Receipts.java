package org.linli.central.ingest;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.Payload;
import org.linli.protocol.payload.PayloadCodec;

/**
 * Tells each device which of its messages were committed ({@code devices/{id}/ack}), so that its agent can delete them
 * from its outbox. Settled means stored now, stored before (a copy sent again) or dropped for good (malformed, another
 * room, refused by the database for a reason of its own). What the committed batches of 100 ms settle is gathered
 * and sent as one receipt per device (more only past 64 separate ranges), never one per message: a publish through
 * Paho costs more CPU than storing the message, and a device that sends often, or replays its outbox after an
 * outage, gets one receipt for many messages. The wait is nothing to an agent, which sends again only after seconds
 * without a receipt.
 *
 * <p>QoS 0 and not retained: a receipt that does not arrive (the agent or the broker away at that moment) only makes
 * the agent send the messages again, and the copies are acknowledged in turn. Nothing to re-derive after a restart.
 * Used by the acker thread only.
 */
public final class Receipts {
    /** How long settled seqs wait to be sent together. */
    static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Publishes receipts; what it cannot send now is lost (the agent will send again). */
    @FunctionalInterface
    public interface Sender {
        boolean send(String topic, byte[] payload);

        /** Called after the receipts of a moment were sent, for a sender that gathers them. */
        default void flush() {
        }
    }

    /** For a service without a broker. */
    public static final Receipts NONE = new Receipts((topic, payload) -> true, Clock.systemUTC());

    /** A seq that a drop settled for good. */
    record Settled(String deviceId, long seq) {
    }

    private static final int MAX_TOPICS = 20_000;
    private final Sender sender;
    private final PayloadCodec codec;
    private final Clock clock;
    private final Map<String, Seqs> pending = new HashMap<>();
    private final Map<String, String> topics = new HashMap<>();
    private long firstPendingNanos;

    public Receipts(Sender sender, Clock clock) {
        this.sender = sender;
        this.codec = new PayloadCodec(clock);
        this.clock = clock;
    }

    /** Seqs of one device, gathered without a boxed Long each. */
    private static final class Seqs {
        long[] values = new long[8];
        int size;

        void add(long seq) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = seq;
        }
    }

    /** Adds what a committed batch settled: its accepted messages and its final drops. */
    void add(List<Message> accepted, List<Settled> dropped, long nowNanos) {
        if (this == NONE) {
            return;
        }
        if (pending.isEmpty()) {
            firstPendingNanos = nowNanos;
        }
        for (Message m : accepted) {
            if (m.payload() instanceof Payload.Sequenced sequenced) {
                pending.computeIfAbsent(m.deviceId(), id -> new Seqs()).add(sequenced.seq());
            }
        }
        for (Settled d : dropped) {
            pending.computeIfAbsent(d.deviceId(), id -> new Seqs()).add(d.seq());
        }
    }

    /** How long until what is pending must go out; {@code Long.MAX_VALUE} when nothing is. */
    long nanosUntilDue(long nowNanos) {
        return pending.isEmpty() ? Long.MAX_VALUE : Math.max(0, firstPendingNanos + EVERY_NANOS - nowNanos);
    }

    /** Sends one receipt per device for everything pending. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long ts = clock.millis();
        pending.forEach((deviceId, seqs) -> {
            String topic = topics.computeIfAbsent(deviceId, Topics::deviceAck);
            for (AckPayload receipt : AckPayload.of(ts, seqs.values, seqs.size)) {
                sender.send(topic, codec.encode(receipt));
            }
        });
        pending.clear();
        sender.flush();
        if (topics.size() > MAX_TOPICS) {
            // device ids come from registered devices only, but a district has thousands: keep this bounded
            topics.clear();
        }
    }
}
