package org.linli.protocol.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes a payload as {@link PayloadCodec#encode} sends it: fields in record order, null fields left out. */
final class PayloadWriter {
    private PayloadWriter() {
    }

    static void write(JsonGenerator g, Payload payload) throws IOException {
        if (payload instanceof KeysPayload keys) {
            g.writeStartArray();
            for (KeysPayload.PublicKeyEntry key : keys.keys()) {
                g.writeStartObject();
                string(g, "kid", key.kid());
                string(g, "alg", key.alg());
                string(g, "key", key.key());
                g.writeEndObject();
            }
            g.writeEndArray();
            return;
        }
        g.writeStartObject();
        switch (payload) {
            case StatusPayload p -> {
                string(g, "state", p.state());
                g.writeNumberField("ts", p.ts());
                string(g, "version", p.version());
            }
            case OccupancyPayload p -> {
                g.writeNumberField("ts", p.ts());
                g.writeNumberField("seq", p.seq());
                string(g, "room", p.room());
                g.writeBooleanField("occupied", p.occupied());
                number(g, "count", p.count());
                string(g, "source", p.source());
            }
            case EventPayload p -> {
                g.writeNumberField("ts", p.ts());
                g.writeNumberField("seq", p.seq());
                string(g, "room", p.room());
                string(g, "type", p.type());
                string(g, "bookingId", p.bookingId());
                string(g, "reason", p.reason());
            }
            case TelemetryPayload p -> {
                g.writeNumberField("ts", p.ts());
                g.writeNumberField("seq", p.seq());
                g.writeNumberField("uptimeS", p.uptimeS());
                g.writeNumberField("heapBytes", p.heapBytes());
                g.writeNumberField("rssBytes", p.rssBytes());
                if (p.cpuTempC() != null) {
                    g.writeNumberField("cpuTempC", p.cpuTempC());
                }
                g.writeNumberField("outboxDepth", p.outboxDepth());
                g.writeNumberField("outboxDropped", p.outboxDropped());
                string(g, "version", p.version());
                longNumber(g, "revocationsTs", p.revocationsTs());
                longNumber(g, "revocationsRefused", p.revocationsRefused());
            }
            case CommandPayload p -> {
                string(g, "id", p.id());
                string(g, "cmd", p.cmd());
                g.writeNumberField("ts", p.ts());
                string(g, "room", p.room());
                number(g, "durationS", p.durationS());
                string(g, "device", p.device());
                string(g, "nonce", p.nonce());
                number(g, "kid", p.kid());
                string(g, "sig", p.sig());
            }
            case RoomStatePayload p -> {
                g.writeNumberField("ts", p.ts());
                string(g, "hub", p.hub());
                string(g, "room", p.room());
                string(g, "status", p.status());
                g.writeBooleanField("occupied", p.occupied());
                number(g, "count", p.count());
                g.writeNumberField("capacity", p.capacity());
                string(g, "source", p.source());
                g.writeNumberField("since", p.since());
                string(g, "bookingId", p.bookingId());
            }
            case RevokedPayload p -> {
                g.writeNumberField("ts", p.ts());
                g.writeArrayFieldStart("bookings");
                for (String id : p.bookings()) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
            case RoomRevokedPayload p -> {
                g.writeNumberField("ts", p.ts());
                string(g, "room", p.room());
                g.writeNumberField("from", p.from());
                g.writeNumberField("until", p.until());
                // offsets from 'from' in seconds: shorter than epoch seconds, and exact for any window
                g.writeArrayFieldStart("windows");
                for (RoomRevokedPayload.Window w : p.windows()) {
                    g.writeStartArray();
                    g.writeNumber(w.start() - p.from());
                    g.writeNumber(w.end() - p.from());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("valid");
                for (String id : p.valid()) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
            case AckPayload p -> {
                g.writeNumberField("ts", p.ts());
                g.writeArrayFieldStart("seqs");
                for (AckPayload.Range range : p.seqs()) {
                    g.writeStartArray();
                    g.writeNumber(range.from());
                    g.writeNumber(range.to());
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            case KeysPayload p -> throw new IllegalStateException("written as an array above");
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void longNumber(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.longValue());
        }
    }

    private static void number(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.intValue());
        }
    }
}
