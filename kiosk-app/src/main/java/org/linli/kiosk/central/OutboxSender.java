package org.linli.kiosk.central;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers check-ins and ratings: at once when the central service answers, otherwise through the {@link Outbox},
 * replayed later with the time the resident actually acted ({@code at}).
 */
public final class OutboxSender implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxSender.class.getName());

    /** What became of a delivery: the central service's answer, or empty when it was kept for later. */
    public record Outcome(Optional<Json> answer) {
        public boolean kept() {
            return answer.isEmpty();
        }
    }

    private final CentralClient central;
    private final Outbox outbox;
    private final InstantSource clock;
    private final ZoneId zone;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbox-sync").factory());

    // entries being sent right now by the resident's own action: the sync timer must not send them a second time
    private final java.util.Set<Long> sending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public OutboxSender(CentralClient central, Outbox outbox, InstantSource clock, ZoneId zone) {
        this.central = central;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = zone;
    }

    /** Retries kept entries every {@code period}; also reaches the central service so the banner clears. */
    public void start(Duration period) {
        timer.scheduleWithFixedDelay(this::syncQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Outcome checkin(Map<String, Object> fields) throws CentralRefusedException {
        return deliver("/api/v1/checkins", fields);
    }

    public Outcome feedback(Map<String, Object> fields) throws CentralRefusedException {
        return deliver("/api/v1/feedback", fields);
    }

    private Outcome deliver(String path, Map<String, Object> fields) throws CentralRefusedException {
        Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
        body.put("at", OffsetDateTime.ofInstant(clock.instant(), zone));
        Outbox.Entry entry = outbox.add(path, Json.text(body));
        sending.add(entry.id());
        try {
            Json answer = central.postStored(path, entry.body(), entry.idempotencyKey());
            outbox.delivered(entry.id());
            return new Outcome(Optional.of(answer));
        } catch (CentralUnavailableException e) {
            LOG.log(System.Logger.Level.INFO, "central service away; kept {0} for later", path);
            return new Outcome(Optional.empty());
        } catch (IOException e) {
            return new Outcome(Optional.empty());
        } catch (CentralRefusedException e) {
            outbox.delivered(entry.id());
            throw e;
        } finally {
            sending.remove(entry.id());
        }
    }

    /** Sends what was kept, oldest first, stopping at the first sign the central service is still away. */
    public int syncNow() {
        int sent = 0;
        var pending = outbox.pending();
        if (pending.isEmpty()) {
            central.ping();
            return 0;
        }
        for (Outbox.Entry entry : pending) {
            if (sending.contains(entry.id())) {
                continue;
            }
            try {
                central.postStored(entry.path(), entry.body(), entry.idempotencyKey());
                outbox.delivered(entry.id());
                sent++;
            } catch (CentralRefusedException e) {
                if (e.conflict()) {
                    outbox.delivered(entry.id()); // already there, e.g. rated before the answer got lost
                } else if ("consent-required".equals(e.type())) {
                    // typed while the central service was away, by a number it does not know: the resident never
                    // saw the privacy notice, so no resident may be made and the visit is not counted; the entry
                    // stays as refused, its number erased (docs/privacy.md, "Consent")
                    LOG.log(System.Logger.Level.WARNING, "kept {0} #{1} not counted: a new phone number, and the"
                            + " resident was not asked to agree to the privacy notice", entry.path(), entry.id());
                    outbox.refused(entry.id(), "consent-required: " + e.getMessage());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "central service refused kept {0} #{1}: {2}",
                            entry.path(), entry.id(), e.getMessage());
                    outbox.refused(entry.id(), e.getMessage());
                }
            } catch (IOException e) {
                outbox.attempted(entry.id());
                break;
            }
        }
        if (sent > 0) {
            LOG.log(System.Logger.Level.INFO, "delivered {0} kept entries", sent);
        }
        return sent;
    }

    private void syncQuietly() {
        try {
            syncNow();
        } catch (RuntimeException e) {
            // the timer must survive anything, or the outbox would silently stop draining
            LOG.log(System.Logger.Level.ERROR, "outbox sync failed", e);
        }
    }

    public int pendingCount() {
        return outbox.pendingCount();
    }

    /**
     * Stops the timer; a sync under way may finish (up to five seconds, then it is interrupted), so the outbox can be
     * closed after this without a delivery being cut between the central's answer and the row's deletion.
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                timer.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
