package org.linli.agent.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.linli.agent.mqtt.MqttLink;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;

/**
 * Sends the outbox to the broker in order and deletes a message only when the central service's receipt names its
 * {@code seq} (see {@link AckPayload}): the broker's PUBACK only frees a place in the broker's window, because a
 * broker killed before it saved or passed the message on forgets it.
 *
 * <p>Two windows bound what is out: at most {@code brokerWindow} publishes wait for the broker's PUBACK (under its
 * receive maximum), and at most {@code unacknowledged} messages wait for a receipt, so while the central service is
 * away the rest stays here on disk and the broker's queue for it holds only a little of each device. Everything not
 * yet acknowledged is sent again, oldest first, with its original {@code ts} and {@code seq}: after every (re)connect,
 * and when no receipt came for {@code resendAfter} (a broker that lost what it had, a central service that was down
 * or lost its subscription); that wait doubles up to {@code resendMax} while nothing comes back, and starts again
 * with the next receipt. A message sent twice is fine: the central service stores each {@code (device, seq)} once and
 * acknowledges the copy as well.
 */
public final class OutboxPump implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxPump.class.getName());

    /**
     * @param brokerWindow publishes in flight to the broker; keep it under its receive maximum (Mosquitto: 20)
     * @param unacknowledged messages sent and not yet named by a receipt
     * @param resendAfter how long without a receipt before what is unacknowledged is sent again
     * @param resendMax the longest that wait grows to while the central service stays silent
     */
    public record Settings(int brokerWindow, int unacknowledged, Duration resendAfter, Duration resendMax) {
        public Settings {
            if (brokerWindow < 1 || unacknowledged < 1 || resendAfter.isNegative() || resendAfter.isZero()
                    || resendMax.compareTo(resendAfter) < 0) {
                throw new IllegalArgumentException("bad outbox pump settings: " + brokerWindow + ", "
                        + unacknowledged + ", " + resendAfter + ", " + resendMax);
            }
        }
    }

    private final Outbox outbox;
    private final MqttLink link;
    private final PayloadCodec codec;
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<byte[]> receipts = new ConcurrentLinkedQueue<>();
    /** Counts connections, so that a publish failing on an old one does not make us start over on the new one. */
    private final AtomicInteger connection = new AtomicInteger();
    private final Thread thread;
    private volatile boolean rewind = true;
    private volatile boolean running = true;
    /** The id of the last message sent in this round; what is stored up to it is sent and unacknowledged. */
    private long cursor;
    /** When a receipt last removed something, or the unacknowledged messages of this round started. */
    private long quietSince = System.nanoTime();
    private long resendAfterNanos;
    private volatile long resent;
    private final java.util.function.LongConsumer receiptTime;

    /** @param ackTopic this device's receipts ({@code devices/{id}/ack}), subscribed to here */
    public OutboxPump(Outbox outbox, MqttLink link, String ackTopic, PayloadCodec codec, Settings settings) {
        this(outbox, link, ackTopic, codec, settings, ts -> { });
    }

    /**
     * @param receiptTime told the {@code ts} of every receipt: central's word on the time (only central may write a
     *     device's receipts), which the door's time floor takes
     */
    public OutboxPump(Outbox outbox, MqttLink link, String ackTopic, PayloadCodec codec, Settings settings,
            java.util.function.LongConsumer receiptTime) {
        this.receiptTime = receiptTime;
        this.outbox = outbox;
        this.link = link;
        this.codec = codec;
        this.settings = settings;
        this.resendAfterNanos = settings.resendAfter().toNanos();
        link.onConnected(() -> {
            connection.incrementAndGet();
            rewind = true;
            wake();
        });
        // Paho's thread: queue and return, the pump decodes
        link.subscribe(ackTopic, (topic, payload) -> {
            receipts.add(payload);
            wake();
        });
        this.thread = new Thread(this::run, "outbox-pump");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something changed: a new message, a PUBACK, a receipt, a connection. */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                if (!step()) {
                    await();
                }
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.ERROR, "outbox unreadable; retrying", e);
                await();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "outbox pump failed; going on", e);
                await();
            }
        }
    }

    /** One round of work; false when there is nothing to do until something changes. */
    private boolean step() throws SQLException {
        boolean progressed = applyReceipts();
        long now = System.nanoTime();
        if (rewind) {
            rewind = false;
            cursor = 0;
            inFlight.clear();
            quietSince = now;
        }
        if (!link.connected() || outbox.depth() == 0) {
            return progressed;
        }
        int unacknowledged = cursor == 0 ? 0 : outbox.countUpTo(cursor);
        if (unacknowledged > 0 && now - quietSince >= resendAfterNanos) {
            LOG.log(System.Logger.Level.INFO, "no receipt for {0} messages in {1} ms: sending them again",
                    unacknowledged, TimeUnit.NANOSECONDS.toMillis(now - quietSince));
            cursor = 0;
            unacknowledged = 0;
            quietSince = now;
            resendAfterNanos = Math.min(resendAfterNanos * 2, settings.resendMax().toNanos());
            resent++;
        }
        int room = Math.min(settings.brokerWindow() - inFlight.size(), settings.unacknowledged() - unacknowledged);
        if (room <= 0) {
            return progressed;
        }
        List<Outbox.Message> next = outbox.after(cursor, room);
        if (unacknowledged == 0 && !next.isEmpty()) {
            // the wait for a receipt starts with the first message out, not when the last one came back
            quietSince = now;
        }
        int generation = connection.get();
        for (Outbox.Message message : next) {
            try {
                inFlight.add(message.id());
                link.publish(message.topic(), message.payload(), false, delivery(message.id(), generation));
                cursor = message.id();
            } catch (MqttLink.LinkBusyException | MqttLink.LinkDownException notNow) {
                inFlight.remove(message.id());
                return false;
            }
        }
        return progressed || !next.isEmpty();
    }

    /** Deletes what the receipts that arrived name; true when that removed anything. */
    private boolean applyReceipts() throws SQLException {
        int removed = 0;
        for (byte[] bytes = receipts.poll(); bytes != null; bytes = receipts.poll()) {
            try {
                AckPayload receipt = codec.decodeAck(bytes);
                receiptTime.accept(receipt.ts());
                removed += outbox.acknowledge(receipt.seqs());
            } catch (PayloadException e) {
                LOG.log(System.Logger.Level.WARNING, "ignored a malformed receipt: {0}", e.getMessage());
            }
        }
        if (removed == 0) {
            return false;
        }
        quietSince = System.nanoTime();
        resendAfterNanos = settings.resendAfter().toNanos();
        return true;
    }

    private MqttLink.Delivery delivery(long id, int generation) {
        return new MqttLink.Delivery() {
            @Override
            public void acknowledged() {
                // the broker has it: a place in its window is free, the message stays until the receipt
                inFlight.remove(id);
                wake();
            }

            @Override
            public void failed(Throwable cause) {
                inFlight.remove(id);
                if (generation == connection.get()) {
                    // the link is probably going down; send everything unacknowledged again once it is back
                    rewind = true;
                }
                wake();
            }
        };
    }

    private void await() {
        lock.lock();
        try {
            if (running && receipts.isEmpty() && !rewind) {
                // bounded, so a missed signal costs at most this long, and the resend timer is looked at
                changed.await(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Messages sent and waiting for the broker's PUBACK. */
    public int inFlight() {
        return inFlight.size();
    }

    /** How many times the pump sent its unacknowledged messages again because no receipt came. */
    public long resends() {
        return resent;
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // keep receipts that arrived last, so their messages are not sent again after a restart
            applyReceipts();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record the last receipts", e);
        }
    }
}
