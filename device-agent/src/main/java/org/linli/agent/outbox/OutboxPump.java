package org.linli.agent.outbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.linli.agent.mqtt.MqttLink;

/**
 * Sends the outbox to the broker in order, a bounded window of messages in flight, and deletes each on its
 * acknowledgement. After every (re)connect it starts again from the oldest message still stored, so what the broker
 * did not acknowledge is sent again in its original order with its original {@code ts}; a message acknowledged twice
 * is fine, because the central service stores each {@code (device, seq)} once.
 */
public final class OutboxPump implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxPump.class.getName());

    private final Outbox outbox;
    private final MqttLink link;
    private final int window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean rewind = true;
    private volatile boolean running = true;
    private long cursor;

    /** @param window messages in flight at once; keep it under the broker's receive maximum (Mosquitto: 20) */
    public OutboxPump(Outbox outbox, MqttLink link, int window) {
        this.outbox = outbox;
        this.link = link;
        this.window = window;
        link.onConnected(() -> {
            rewind = true;
            wake();
        });
        this.thread = new Thread(this::run, "outbox-pump");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something changed: a new message, an acknowledgement, a connection. */
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
        List<Long> done = new ArrayList<>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            done.add(id);
        }
        outbox.delete(done);
        if (rewind) {
            rewind = false;
            cursor = 0;
            inFlight.clear();
        }
        if (!link.connected()) {
            return !done.isEmpty();
        }
        int room = window - inFlight.size();
        if (room <= 0) {
            return !done.isEmpty();
        }
        List<Outbox.Message> next = outbox.after(cursor, room);
        for (Outbox.Message message : next) {
            try {
                inFlight.add(message.id());
                link.publish(message.topic(), message.payload(), false, delivery(message.id()));
                cursor = message.id();
            } catch (MqttLink.LinkBusyException busy) {
                inFlight.remove(message.id());
                return false;
            } catch (MqttLink.LinkDownException down) {
                inFlight.remove(message.id());
                return false;
            }
        }
        return !next.isEmpty() || !done.isEmpty();
    }

    private MqttLink.Delivery delivery(long id) {
        return new MqttLink.Delivery() {
            @Override
            public void acknowledged() {
                inFlight.remove(id);
                acknowledged.add(id);
                wake();
            }

            @Override
            public void failed(Throwable cause) {
                // the link is probably down; send everything unacknowledged again once it is back
                inFlight.remove(id);
                rewind = true;
                wake();
            }
        };
    }

    private void await() {
        lock.lock();
        try {
            if (running && acknowledged.isEmpty() && !rewind) {
                // bounded, so a missed signal costs at most this long
                changed.await(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Messages sent and not yet acknowledged. */
    public int inFlight() {
        return inFlight.size();
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
            // keep acknowledgements that arrived last, so they are not sent again after a restart
            List<Long> done = new ArrayList<>(acknowledged);
            outbox.delete(done);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record the last acknowledgements", e);
        }
    }
}
