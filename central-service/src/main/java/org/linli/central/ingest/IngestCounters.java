package org.linli.central.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Totals since start, read by the metrics: what arrived, what was stored, what was dropped and why. */
public final class IngestCounters {
    final AtomicLong received = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong unauthorised = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    public long received() {
        return received.get();
    }

    /** Occupancy samples and events stored for the first time. */
    public long stored() {
        return stored.get();
    }

    /** Redeliveries of a (device, seq) already stored. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Payloads or topics that do not parse. */
    public long malformed() {
        return malformed.get();
    }

    /** Messages of unregistered devices, or about rooms the device is not registered for. */
    public long unauthorised() {
        return unauthorised.get();
    }

    public long batches() {
        return batches.get();
    }

    /** Batches left unacknowledged for the broker to send again: the database itself failed. */
    public long failedBatches() {
        return failedBatches.get();
    }

    /**
     * Valid messages the database refuses for good (a constraint, a value it does not take, the live state's own
     * logic failing on them): dropped and acknowledged, so that they do not come back.
     */
    public long refused() {
        return refused.get();
    }
}
