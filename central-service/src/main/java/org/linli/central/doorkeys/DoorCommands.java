package org.linli.central.doorkeys;

import java.time.Clock;
import java.util.UUID;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.PayloadCodec;

/**
 * Sends commands to devices on {@code devices/{id}/cmd}, each signed with the current hub key, fresh and with its own nonce
 * (docs/decisions/0007-signed-commands-and-the-door-clock.md): an agent refuses anything else. Every command central
 * sends goes through here.
 */
public final class DoorCommands {
    /** Where a command goes: the broker, at QoS 1, not retained (a command is for now, not for a later reconnect). */
    @FunctionalInterface
    public interface Publisher {
        /** @return false when the broker did not take it */
        boolean publish(String topic, byte[] payload);
    }

    private final TokenKeys keys;
    private final Publisher publisher;
    private final Clock clock;
    private final PayloadCodec codec;

    /** @param publisher null when there is no broker: then nothing can be sent */
    public DoorCommands(TokenKeys keys, Publisher publisher, Clock clock) {
        this.keys = keys;
        this.publisher = publisher;
        this.clock = clock;
        this.codec = new PayloadCodec(clock);
    }

    /** The signed command, for a device, as it goes on the wire. */
    public CommandPayload sign(String deviceId, String cmd, String room, Integer durationS) {
        return keys.commandSigner().sign(deviceId, UUID.randomUUID().toString(), cmd, clock.millis(), room, durationS);
    }

    /**
     * Signs and publishes a command.
     *
     * @return the command sent, or null when the broker is not reachable now
     */
    public CommandPayload send(String deviceId, String cmd, String room, Integer durationS) {
        if (publisher == null) {
            return null;
        }
        CommandPayload command = sign(deviceId, cmd, room, durationS);
        return publisher.publish(Topics.deviceCmd(deviceId), codec.encode(command)) ? command : null;
    }
}
