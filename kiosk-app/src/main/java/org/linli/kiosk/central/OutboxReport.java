package org.linli.kiosk.central;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells the central service what the outbox holds, so staff see it beside the kiosk's key: how many entries wait to
 * be sent, and the entries refused for good (kept aside here), each as its route, its problem type and its time. No
 * body, no phone, no name, no detail in words: a detail may quote what a resident typed. Sent when it changed, and
 * otherwise once a minute, so staff can also tell when a kiosk last reported.
 */
final class OutboxReport {
    private static final System.Logger LOG = System.getLogger(OutboxReport.class.getName());
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final int LISTED = 20;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final CentralClient central;
    private final Outbox outbox;
    private final InstantSource clock;
    private final ZoneId zone;
    private Map<String, Object> lastSent;
    private java.time.Instant lastAt;

    OutboxReport(CentralClient central, Outbox outbox, InstantSource clock, ZoneId zone) {
        this.central = central;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = zone;
    }

    /** The refusal's problem type as staff are shown it; a refusal without one is named by its status. */
    static String reason(CentralRefusedException e) {
        return TYPE.matcher(e.type()).matches() ? e.type() : "http-" + e.status();
    }

    /** Sends the report when it changed since the last one sent, or a minute has gone by. */
    synchronized void sendIfDue() {
        Map<String, Object> now = status();
        java.time.Instant at = clock.instant();
        if (now.equals(lastSent) && lastAt != null && at.isBefore(lastAt.plus(EVERY))) {
            return;
        }
        try {
            central.reportOutbox(now);
            lastSent = now;
            lastAt = at;
        } catch (IOException | CentralRefusedException e) {
            // the next sync tries again; the entries themselves are safe in the outbox
            LOG.log(System.Logger.Level.INFO, "outbox report not delivered: {0}", e.getMessage());
        }
    }

    private Map<String, Object> status() {
        List<Map<String, Object>> refused = outbox.refused(LISTED).stream().map(r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", r.path());
            entry.put("reason", TYPE.matcher(r.reason()).matches() ? r.reason() : "unknown");
            entry.put("at", OffsetDateTime.ofInstant(r.at(), zone));
            return entry;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("waiting", outbox.pendingCount());
        body.put("refusedTotal", outbox.refusedCount());
        body.put("refused", refused);
        return body;
    }
}
