package org.linli.central.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.linli.central.devices.Device;
import org.linli.protocol.DeviceChannel;
import org.linli.protocol.Topic;
import org.linli.protocol.TopicException;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.Payload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;

/**
 * Decides what an arriving message is: a valid message of a registered device about its own rooms, or a drop with a
 * reason. Never throws, whatever the topic and bytes.
 */
final class Validator {
    /** The verdict on one message. */
    sealed interface Verdict {
    }

    record Accepted(Message message) implements Verdict {
    }

    /** Our own commands to agents come back through the wildcard subscription: not an error, just not ours. */
    record Ignored() implements Verdict {
    }

    /**
     * @param deviceId the device it came from, or null when even the topic is not a device's
     * @param settled the seq to acknowledge to the device as dropped for good (it would only be sent again), or null
     */
    record Malformed(String deviceId, String why, Long settled) implements Verdict {
    }

    /**
     * @param settled the seq of a message about a room that is not the device's, acknowledged as dropped for good;
     *     null for a device that is not registered, whose messages it keeps until it is
     */
    record Unauthorised(String deviceId, String why, Long settled) implements Verdict {
    }

    private static final int MAX_TOPICS = 20_000;
    private final PayloadCodec codec;
    // A device uses the same few topics all day; parsing one (split, id patterns) costs more than the lookup.
    // Only the decoder's thread calls check().
    private final Map<String, Topic> topics = new HashMap<>();
    private final Function<String, Optional<Device>> devices;

    Validator(PayloadCodec codec, Function<String, Optional<Device>> devices) {
        this.codec = codec;
        this.devices = devices;
    }

    Verdict check(String topicName, byte[] bytes) {
        Topic topic = topics.get(topicName);
        if (topic == null) {
            try {
                topic = Topics.parse(topicName);
            } catch (TopicException | RuntimeException e) {
                return new Malformed(null, e.getMessage(), null);
            }
            if (topics.size() >= MAX_TOPICS) {
                // invented topics must not grow this without bound
                topics.clear();
            }
            topics.put(topicName, topic);
        }
        if (!(topic instanceof Topic.Device(String deviceId, DeviceChannel channel))) {
            return new Ignored();
        }
        if (!channel.fromDevice()) {
            return new Ignored();
        }
        Optional<Device> device = devices.apply(deviceId);
        if (device.isEmpty()) {
            return new Unauthorised(deviceId, "the device is not registered", null);
        }
        Payload payload;
        try {
            payload = codec.decode(channel, bytes);
        } catch (PayloadException e) {
            return new Malformed(deviceId, e.kind() + " on " + channel.segment() + ": " + e.getMessage(),
                    seqOf(bytes));
        } catch (RuntimeException e) {
            // the codec promises not to throw anything else; if it ever does, the message is still only a drop
            return new Malformed(deviceId, "undecodable on " + channel.segment() + ": " + e, seqOf(bytes));
        }
        if (payload instanceof Payload.Sequenced sequenced && sequenced.room() != null
                && !device.get().serves(sequenced.room())) {
            return new Unauthorised(deviceId, "room " + sequenced.room() + " is not one of its rooms",
                    sequenced.seq());
        }
        return new Accepted(new Message(deviceId, payload));
    }

    private Long seqOf(byte[] bytes) {
        OptionalLong seq = codec.seqOf(bytes);
        return seq.isPresent() ? seq.getAsLong() : null;
    }
}
