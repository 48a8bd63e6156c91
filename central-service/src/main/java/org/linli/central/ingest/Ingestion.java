package org.linli.central.ingest;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.linli.central.devices.Device;
import org.linli.central.store.Database;
import org.linli.protocol.payload.Payload;
import org.linli.protocol.payload.PayloadCodec;

/**
 * Device messages from the broker to the database, in three stages on three threads so that decoding, writing and
 * acknowledging overlap: Paho's callback only queues a message; the decoder takes whatever has queued up (up to a
 * batch) and validates it; the writer stores a batch in one transaction and applies it to the live state; the acker
 * then publishes what changed, acknowledges the batch to the broker, in arrival order, and, gathered over the
 * batches of a moment, sends each device its receipt ({@link Receipts}), so that its agent deletes what is stored. A
 * message is acknowledged, to the broker and to the device, only after its commit. A bad message is counted and
 * dropped; nothing a device sends stops this, nor a message the database refuses for good ({@link OneByOne}): only
 * a failure of the database itself leaves a batch for the broker to send again.
 *
 * <p>At most {@code maxInFlight} messages are between Paho's callback and their acknowledgement: beyond that the
 * callback waits, Paho stops reading the socket and the broker keeps the rest (in its queue for us, which drops
 * beyond max_queued_messages; the agents send again what got no receipt). The bound (2,000 by default) keeps a burst
 * (every agent's outbox after an outage) out of the heap, where Serial GC grows the old generation for it and keeps
 * it (README.md: ingestion, fifth round). Every message gives its permit back once acknowledged, dropped or refused
 * by the database.
 */
public final class Ingestion implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Ingestion.class.getName());
    /**
     * A batch starts at most this long after the one before: a steady stream is then stored in batches of many
     * messages rather than one by one (each commit, hand-off and wake-up costs about as much as the messages of a
     * few milliseconds), while a message after a quiet moment goes at once, and half the in-flight window waiting
     * ends the wait too ({@link #offer}). 100 ms rather than 20: at 2,000 msg/s from 100 devices a batch of 200
     * instead of 40, so that a device's page of the samples' key is written once for two messages rather than once
     * for each, and the five threads wake a fifth as often: 57 µs of CPU per stored message instead of 85–94 (the
     * README's ingestion by rate, seventh round). The price is at most 100 ms more before a screen sees a change
     * while messages keep coming; the sensed state of a changing room goes out at most every 100 ms anyway.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FAILURE_PAUSE_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long FAILURE_PAUSE_MAX_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long ISOLATION_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Database db;
    private final Validator validator;
    private final BatchSink sink;
    private final Clock clock;
    private final int batchSize;
    private final Consumer<MqttConnection.Inbound> acknowledge;
    private final Runnable redeliver;
    private final Receipts receipts;
    private final Drops drops;
    private final BlockingQueue<MqttConnection.Inbound> queue;
    /** One permit per message from its arrival until it is acknowledged (or its batch failed to store). */
    private final Semaphore inFlight;
    private final IngestCounters counters = new IngestCounters();
    private final DropLog dropLog = new DropLog();
    private final BlockingQueue<Decoded> decoded = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<Committed> committed = new ArrayBlockingQueue<>(4);
    private final List<Thread> threads;
    private volatile boolean running = true;
    /** Waiting messages that end the decoder's linger early: half the in-flight window (or of a batch). */
    private final int wakeAt;
    /** The decoder while it lingers; {@link #offer} unparks it once {@link #wakeAt} messages wait. */
    private volatile Thread lingering;
    private long lastBatchNanos = System.nanoTime() - LINGER_NANOS;
    /** The writer's pause after a batch failed to be stored, doubled while they keep failing. */
    private long failurePauseNanos = FAILURE_PAUSE_MIN_NANOS;
    /** When the writer last logged a batch stored again one by one, with its failure's stack. */
    private long lastIsolationLoggedNanos = System.nanoTime() - ISOLATION_LOG_EVERY_NANOS;

    /** @param settled drops that are final (malformed, another room): acknowledged to the device like the rest */
    private record Decoded(List<MqttConnection.Inbound> inbound, List<Message> accepted,
            List<Receipts.Settled> settled) {
    }

    private record Committed(List<MqttConnection.Inbound> inbound, Runnable afterCommit, List<Message> accepted,
            List<Receipts.Settled> settled) {
    }

    /**
     * Where drops are counted per device (shown on the dashboard); a device that is not registered is counted only
     * in the totals ({@link IngestCounters}), since anyone can invent ids.
     */
    public interface Drops {
        void malformed(String deviceId);

        void unauthorised(String deviceId);
    }

    /**
     * @param devices the registered device of an id
     * @param acknowledge called with each message once it is stored (or dropped for good)
     * @param redeliver called after a batch failed to be stored: have the broker send again what we left
     *     unacknowledged (it sends no more than our Receive Maximum unacknowledged, so without this those messages
     *     would keep their places until the next reconnect, and enough of them would stop ingestion)
     * @param receipts tells devices what each committed batch settled
     * @param maxInFlight at most this many messages received and not yet acknowledged; Paho's callback waits beyond
     */
    public Ingestion(Database db, Function<String, Optional<Device>> devices, BatchSink sink, Drops drops,
            Consumer<MqttConnection.Inbound> acknowledge, Runnable redeliver, Receipts receipts, Clock clock,
            int batchSize, int maxInFlight) {
        this.db = db;
        this.validator = new Validator(new PayloadCodec(clock), devices);
        this.sink = sink;
        this.drops = drops;
        this.acknowledge = acknowledge;
        this.redeliver = redeliver;
        this.receipts = receipts;
        this.clock = clock;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(maxInFlight);
        this.inFlight = new Semaphore(maxInFlight);
        this.wakeAt = Math.max(1, Math.min(batchSize, maxInFlight) / 2);
        this.threads = List.of(
                Thread.ofPlatform().name("linli-ingest-decode").daemon(true).unstarted(() -> loop(this::decode)),
                Thread.ofPlatform().name("linli-ingest-write").daemon(true).unstarted(() -> loop(this::write)),
                Thread.ofPlatform().name("linli-ingest-ack").daemon(true).unstarted(() -> loop(this::acknowledge)));
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Paho's callback: queue and return. With {@code maxInFlight} messages not yet acknowledged it waits, which
     * slows the broker down for us (it keeps what it cannot send, acknowledged after our commit or not at all).
     */
    public void offer(MqttConnection.Inbound message) {
        counters.received.incrementAndGet();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing: unacknowledged, so the broker sends it again
        }
        if (!queue.offer(message)) {
            inFlight.release(); // cannot happen: the queue holds as many as there are permits
            throw new IllegalStateException("ingestion queue full with a permit in hand");
        }
        Thread decoder = lingering;
        if (decoder != null && queue.size() >= wakeAt) {
            // a burst: lingering on would only hold the window full while the broker waits
            LockSupport.unpark(decoder);
        }
    }

    public int queueLength() {
        return queue.size();
    }

    public IngestCounters counters() {
        return counters;
    }

    /** One step of a stage, repeated until closed. */
    @FunctionalInterface
    private interface Step {
        void run() throws InterruptedException;
    }

    private void loop(Step step) {
        while (running) {
            try {
                step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug must not stop ingestion; what was not acknowledged is redelivered after a reconnect.
                LOG.log(Level.ERROR, "ingestion step failed on " + Thread.currentThread().getName(), e);
            }
        }
    }

    private void decode() throws InterruptedException {
        MqttConnection.Inbound first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        // Parked, not waiting on the queue: messages arriving meanwhile do not wake this thread one by one.
        long wait = lastBatchNanos + LINGER_NANOS - System.nanoTime();
        if (wait > 0) {
            lingering = Thread.currentThread();
            // checked after publishing the thread, so that an offer reaching wakeAt meanwhile is not missed
            if (queue.size() + 1 < wakeAt) {
                LockSupport.parkNanos(this, wait);
            }
            lingering = null;
        }
        lastBatchNanos = System.nanoTime();
        List<MqttConnection.Inbound> batch = new ArrayList<>(batchSize);
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        try {
            decode(batch);
        } catch (RuntimeException e) {
            inFlight.release(batch.size()); // unacknowledged: the broker sends them again after a reconnect
            throw e;
        }
    }

    private void decode(List<MqttConnection.Inbound> batch) throws InterruptedException {
        List<Message> accepted = new ArrayList<>(batch.size());
        List<Receipts.Settled> settled = new ArrayList<>(0);
        for (MqttConnection.Inbound inbound : batch) {
            switch (validator.check(inbound.topic(), inbound.payload())) {
                case Validator.Accepted a -> accepted.add(a.message());
                case Validator.Ignored ignored -> { }
                case Validator.Malformed m -> {
                    counters.malformed.incrementAndGet();
                    if (m.deviceId() != null) {
                        drops.malformed(m.deviceId());
                    }
                    dropLog.drop(m.deviceId() == null ? "an unknown topic" : "device " + m.deviceId(),
                            clock.millis(), m.why());
                    if (m.settled() != null) {
                        settled.add(new Receipts.Settled(m.deviceId(), m.settled()));
                    }
                }
                case Validator.Unauthorised u -> {
                    counters.unauthorised.incrementAndGet();
                    drops.unauthorised(u.deviceId());
                    dropLog.drop("device " + u.deviceId(), clock.millis(), u.why());
                    if (u.settled() != null) {
                        settled.add(new Receipts.Settled(u.deviceId(), u.settled()));
                    }
                }
            }
        }
        decoded.put(new Decoded(batch, accepted, settled));
    }

    private void write() throws InterruptedException {
        Decoded next = decoded.poll(200, TimeUnit.MILLISECONDS);
        if (next == null) {
            return;
        }
        Decoded batch = withWaiting(next);
        OneByOne.Result result;
        try {
            result = batch.accepted().isEmpty() ? OneByOne.Result.NOTHING : db.write(c -> {
                List<Message> fresh = IngestStore.insert(c, batch.accepted());
                return new OneByOne.Result(sink.apply(c, fresh), countStored(fresh), List.of(), List.of());
            });
        } catch (RuntimeException e) {
            if (!Failures.permanent(e)) {
                failed(batch, e);
                return;
            }
            result = oneByOne(batch, e);
            if (result == null) {
                return;
            }
        }
        failurePauseNanos = FAILURE_PAUSE_MIN_NANOS;
        // counted once committed, so that whoever sees the count can read the rows
        long refusedStored = countStored(result.refused().stream().map(OneByOne.Refused::message).toList());
        counters.duplicates.addAndGet(countStored(batch.accepted()) - refusedStored - result.stored());
        counters.stored.addAndGet(result.stored());
        counters.batches.incrementAndGet();
        // a refused message is acknowledged with the rest, to the broker and to its device: it is dropped for good
        committed.put(new Committed(batch.inbound(), result.afterCommit(), batch.accepted(), batch.settled()));
    }

    /**
     * One of the batch's messages is refused for a reason of its own (a constraint, a value, the live state's logic):
     * sent again, the batch would fail again, for ever, and hold its places in the broker's window. Stores the others,
     * and drops, counts and logs what the database refuses alone.
     *
     * @return null when the database itself failed meanwhile: the batch is then left for the broker to send again
     */
    private OneByOne.Result oneByOne(Decoded batch, RuntimeException failure) {
        // with its stack once a minute (a bug of the live state shows there); each refused message is logged anyway
        long nowNanos = System.nanoTime();
        boolean loud = nowNanos - lastIsolationLoggedNanos >= ISOLATION_LOG_EVERY_NANOS;
        lastIsolationLoggedNanos = loud ? nowNanos : lastIsolationLoggedNanos;
        LOG.log(loud ? Level.WARNING : Level.DEBUG, "storing a batch of " + batch.accepted().size() + " device"
                + " messages failed for a reason that will not change (" + Failures.why(failure) + "); storing them"
                + " one by one", failure);
        OneByOne.Result result;
        try {
            result = db.write(c -> OneByOne.store(c, batch.accepted(), sink));
        } catch (RuntimeException e) {
            failed(batch, e);
            return null;
        }
        for (OneByOne.Refused r : result.refused()) {
            counters.refused.incrementAndGet();
            String what = r.message().payload() instanceof Payload.Sequenced s
                    ? "seq " + s.seq() : "a " + r.message().payload().getClass().getSimpleName();
            dropLog.drop("device " + r.message().deviceId(), clock.millis(), what + " refused for good by the"
                    + " database: " + r.why());
        }
        result.notApplied().forEach(r -> LOG.log(Level.WARNING, "device " + r.message().deviceId() + ": a message"
                + " stored but not applied to the live state: " + r.why()));
        return result;
    }

    /**
     * The database failed (disk full, locked by another process, the connection lost): leave the batch
     * unacknowledged and have the broker send it again (the agents, without a receipt, would too), after a pause that
     * grows while batches keep failing.
     */
    private void failed(Decoded batch, RuntimeException e) {
        counters.failedBatches.incrementAndGet();
        LOG.log(Level.ERROR, "storing a batch of " + batch.inbound().size() + " device messages failed; the"
                + " broker sends them again in " + TimeUnit.NANOSECONDS.toMillis(failurePauseNanos) + " ms", e);
        inFlight.release(batch.inbound().size());
        redeliver.run();
        LockSupport.parkNanos(failurePauseNanos);
        failurePauseNanos = Math.min(failurePauseNanos * 2, FAILURE_PAUSE_MAX_NANOS);
    }

    /**
     * Joins the batches decoded while the last commit waited for its fsync into one transaction: a slow disk then
     * gets fewer, larger commits instead of a growing backlog, while a quiet hub still commits each message at once.
     */
    private Decoded withWaiting(Decoded first) {
        List<Decoded> waiting = new ArrayList<>();
        decoded.drainTo(waiting);
        if (waiting.isEmpty()) {
            return first;
        }
        List<MqttConnection.Inbound> inbound = new ArrayList<>(first.inbound());
        List<Message> accepted = new ArrayList<>(first.accepted());
        List<Receipts.Settled> settled = new ArrayList<>(first.settled());
        for (Decoded d : waiting) {
            inbound.addAll(d.inbound());
            accepted.addAll(d.accepted());
            settled.addAll(d.settled());
        }
        return new Decoded(inbound, accepted, settled);
    }

    private void acknowledge() throws InterruptedException {
        Committed batch = committed.poll(Math.min(receipts.nanosUntilDue(System.nanoTime()),
                TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
        if (batch != null) {
            acknowledge(batch);
        }
        if (receipts.nanosUntilDue(System.nanoTime()) == 0) {
            try {
                receipts.flush();
            } catch (RuntimeException e) {
                // without a receipt the agents send these again, and they are acknowledged then
                LOG.log(Level.WARNING, "sending receipts failed", e);
            }
        }
    }

    private void acknowledge(Committed batch) {
        // Screens first: both happen after the commit, and acknowledging a large batch through Paho takes
        // milliseconds that a dashboard would otherwise wait for.
        try {
            batch.afterCommit().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "publishing the live state of a stored batch failed", e);
        }
        batch.inbound().forEach(acknowledge);
        inFlight.release(batch.inbound().size());
        receipts.add(batch.accepted(), batch.settled(), System.nanoTime());
    }

    static long countStored(List<Message> fresh) {
        return fresh.stream().filter(m -> m.payload() instanceof org.linli.protocol.payload.OccupancyPayload
                || m.payload() instanceof org.linli.protocol.payload.EventPayload).count();
    }


    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
