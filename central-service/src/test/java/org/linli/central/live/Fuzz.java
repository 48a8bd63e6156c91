package org.linli.central.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Messages that must be dropped, each bad by construction (never "probably bad"): random bytes, cut JSON, a wrong
 * type, a missing field, an absurd value, an oversized body, an unknown event type, a room the device does not
 * serve, an unregistered device, a topic outside the tree. Any seq they carry is at least {@link #BAD_SEQ}.
 */
final class Fuzz {
    static final long BAD_SEQ = 1_000_000;

    /** A message to publish and whether the service should count it as unauthorised rather than malformed. */
    record Bad(String topic, byte[] payload, boolean unauthorised) {
    }

    private final Random random;
    private final String device;
    private final String room;
    private final String foreignRoom;
    private long seq = BAD_SEQ;

    Fuzz(long seed, String device, String room, String foreignRoom) {
        this.random = new Random(seed);
        this.device = device;
        this.room = room;
        this.foreignRoom = foreignRoom;
    }

    static String occupancy(long ts, long seq, String room, boolean occupied, Integer count) {
        return "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"room\":\"" + room + "\",\"occupied\":" + occupied
                + ",\"count\":" + count + ",\"source\":\"beam\"}";
    }

    static String event(long ts, long seq, String room, String type, String bookingId) {
        return "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"room\":\"" + room + "\",\"type\":\"" + type + "\""
                + (bookingId == null ? "" : ",\"bookingId\":\"" + bookingId + "\"") + "}";
    }

    Bad next(long now) {
        String occupancyTopic = "linli/v1/devices/" + device + "/occupancy";
        String eventsTopic = "linli/v1/devices/" + device + "/events";
        long s = seq++;
        String valid = occupancy(now, s, room, true, 3);
        return switch (random.nextInt(12)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield bad(occupancyTopic, bytes);
            }
            case 1 -> bad(occupancyTopic, valid.substring(0, 1 + random.nextInt(valid.length() - 1)));
            case 2 -> bad(occupancyTopic, pick(List.of(
                    valid.replace("\"occupied\":true", "\"occupied\":\"yes\""),
                    valid.replace("\"seq\":" + s, "\"seq\":\"" + s + "\""),
                    valid.replace("\"ts\":" + now, "\"ts\":true"),
                    valid.replace("\"count\":3", "\"count\":-1"),
                    valid.replace("\"count\":3", "\"count\":10001"),
                    valid.replace("\"room\":\"" + room + "\"", "\"room\":\"no such/room\""),
                    valid.replace("\"count\":3", "\"count\":2.5"),
                    valid.replace("\"source\":\"beam\"", "\"source\":7"))));
            case 3 -> bad(occupancyTopic, pick(List.of(
                    valid.replace("\"ts\":" + now + ",", ""),
                    valid.replace("\"seq\":" + s + ",", ""),
                    valid.replace("\"room\":\"" + room + "\",", ""),
                    valid.replace("\"occupied\":true,", ""),
                    valid.replace(",\"source\":\"beam\"", ""))));
            case 4 -> bad(occupancyTopic, pick(List.of(
                    valid.replace("\"ts\":" + now, "\"ts\":0"),
                    valid.replace("\"ts\":" + now, "\"ts\":" + (now + 2 * 3600_000L)),
                    valid.replace("\"seq\":" + s, "\"seq\":-" + s))));
            case 5 -> bad(occupancyTopic, valid.replace("}", ",\"pad\":\"" + "x".repeat(5000) + "\"}"));
            case 6 -> bad(eventsTopic, event(now, s, room, "door.exploded", null));
            case 7 -> new Bad(occupancyTopic, bytes(occupancy(now, s, foreignRoom, true, 1)), true);
            case 8 -> new Bad("linli/v1/devices/not-registered-" + random.nextInt(5) + "/occupancy", bytes(valid), true);
            // (an unknown channel such as devices/<id>/garbage never reaches the service: it subscribes per channel)
            case 9 -> bad(pick(List.of("linli/v1/devices/bad~id/occupancy",
                    "linli/v1/devices/" + "d".repeat(70) + "/events")), valid);
            case 10 -> bad(occupancyTopic, "[".repeat(50) + "]".repeat(50));
            default -> bad(occupancyTopic, valid.replace("{", "{\"seq\":" + s + ","));
        };
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static Bad bad(String topic, String payload) {
        return bad(topic, bytes(payload));
    }

    private static Bad bad(String topic, byte[] payload) {
        return new Bad(topic, payload, false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
