package org.linli.central.ingest;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.Payload;
import org.linli.protocol.payload.PayloadCodec;

/**
 * Tells each device which of its messages a committed batch settled ({@code devices/{id}/ack}), so that its agent can
 * delete them from its outbox: one receipt per device and batch (more only past 64 separate ranges), never one per
 * message. Settled means stored now, stored before (a copy sent again) or dropped for good (malformed, another room).
 *
 * <p>QoS 0 and not retained: a receipt that does not arrive (the agent or the broker away at that moment) only makes
 * the agent send the messages again, and the copies are acknowledged in turn. Nothing to re-derive after a restart.
 */
public final class Receipts {
    /** Publishes one receipt; false when it cannot now (the agent will send again). */
    @FunctionalInterface
    public interface Sender {
        boolean send(String topic, byte[] payload);
    }

    /** For a service without a broker. */
    public static final Receipts NONE = new Receipts((topic, payload) -> true, Clock.systemUTC());

    /** A seq that a drop settled for good. */
    record Settled(String deviceId, long seq) {
    }

    private final Sender sender;
    private final PayloadCodec codec;
    private final Clock clock;

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

    /** Sends the receipts of one committed batch: its accepted messages and the drops it settled. */
    void send(List<Message> accepted, List<Settled> dropped) {
        if (this == NONE) {
            return;
        }
        Map<String, Seqs> byDevice = new HashMap<>();
        for (Message m : accepted) {
            if (m.payload() instanceof Payload.Sequenced sequenced) {
                byDevice.computeIfAbsent(m.deviceId(), id -> new Seqs()).add(sequenced.seq());
            }
        }
        for (Settled d : dropped) {
            byDevice.computeIfAbsent(d.deviceId(), id -> new Seqs()).add(d.seq());
        }
        long ts = clock.millis();
        byDevice.forEach((deviceId, seqs) -> {
            String topic = Topics.deviceAck(deviceId);
            for (AckPayload receipt : AckPayload.of(ts, seqs.values, seqs.size)) {
                sender.send(topic, codec.encode(receipt));
            }
        });
    }
}
