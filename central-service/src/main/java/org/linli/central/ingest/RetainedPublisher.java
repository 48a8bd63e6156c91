package org.linli.central.ingest;

import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publishes retained state (room states, keys, revocations) from its own thread. Only the latest value of a topic
 * matters, so a newer value replaces one still waiting; when Paho has too many publishes in flight or the broker is
 * away, the rest waits and is retried with a growing pause.
 *
 * <p>What waits goes out in rounds at most {@link #ROUND_NANOS} apart: a value after a quiet moment goes at once, and
 * a room whose state changes with every stored batch (hundreds a second at a district's rate) is published a few
 * times a second instead of each time. A QoS 1 publish through Paho costs three thread hand-offs and the PUBACK, more
 * than storing the messages of that batch; a door's screen does not need the states in between.
 */
public final class RetainedPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RetainedPublisher.class.getName());
    private static final long MAX_PAUSE_MS = 2000;
    static final long ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final MqttConnection mqtt;
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    private final Thread thread;
    private boolean closed;
    /** Guarded by {@link #pending}: the thread waits for work (not for its next round), so a new value wakes it. */
    private boolean idle;

    public RetainedPublisher(MqttConnection mqtt) {
        this.mqtt = mqtt;
        this.thread = Thread.ofPlatform().name("linli-retained").daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public void publish(String topic, byte[] payload) {
        synchronized (pending) {
            pending.remove(topic);
            pending.put(topic, payload);
            if (idle) {
                pending.notifyAll();
            }
        }
    }

    private void run() {
        long pause = 10;
        long roundStart = System.nanoTime() - ROUND_NANOS;
        while (true) {
            String topic;
            byte[] payload;
            synchronized (pending) {
                try {
                    if (pending.isEmpty()) {
                        // the round is over: the next one starts with the next value, but not before its time
                        idle = true;
                        while (pending.isEmpty() && !closed) {
                            pending.wait();
                        }
                        idle = false;
                        long early = roundStart + ROUND_NANOS - System.nanoTime();
                        if (early > 0 && !closed) {
                            TimeUnit.NANOSECONDS.timedWait(pending, early);
                        }
                        roundStart = System.nanoTime();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                Iterator<Map.Entry<String, byte[]>> first = pending.entrySet().iterator();
                Map.Entry<String, byte[]> entry = first.next();
                topic = entry.getKey();
                payload = entry.getValue();
                first.remove();
            }
            if (mqtt.publish(topic, payload, true)) {
                pause = 10;
                continue;
            }
            // Not now: put it back unless a newer value came meanwhile, and wait a little before the next try.
            synchronized (pending) {
                pending.putIfAbsent(topic, payload);
                try {
                    pending.wait(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
            LOG.log(Level.DEBUG, "retained publish postponed; next try in " + pause + " ms");
        }
    }

    @Override
    public void close() {
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
        }
        thread.interrupt();
    }
}
