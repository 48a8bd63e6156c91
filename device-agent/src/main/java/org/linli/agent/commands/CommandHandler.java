package org.linli.agent.commands;

import java.time.Duration;
import java.util.Map;
import org.linli.agent.door.Door;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;

/**
 * Commands from {@code devices/{id}/cmd}: unlock (capped by the door), identify, reload. Each is answered by an event
 * whose reason carries the command id; a command that cannot be carried out is answered {@code command.rejected}
 * with why. Runs on the agent loop.
 */
public final class CommandHandler {
    private static final System.Logger LOG = System.getLogger(CommandHandler.class.getName());

    /** Re-reads the configuration and applies what can change without a restart. */
    public interface Reloader {
        /** @return a plain-words summary; throws with a message when the new configuration is bad */
        String reload() throws Exception;
    }

    private final PayloadCodec codec;
    private final Map<String, Door> doors;
    private final Reporter reporter;
    private final Reloader reloader;
    private final Runnable identify;

    public CommandHandler(PayloadCodec codec, Map<String, Door> doors, Reporter reporter, Reloader reloader,
            Runnable identify) {
        this.codec = codec;
        this.doors = Map.copyOf(doors);
        this.reporter = reporter;
        this.reloader = reloader;
        this.identify = identify;
    }

    public void handle(byte[] payload) {
        CommandPayload command;
        try {
            command = codec.decodeCommand(payload);
        } catch (PayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "bad command: {0}", e.getMessage());
            reporter.event(null, EventType.COMMAND_REJECTED, null, "bad command: " + e.getMessage());
            return;
        }
        switch (command.cmd()) {
            case CommandPayload.UNLOCK -> unlock(command);
            case CommandPayload.IDENTIFY -> {
                identify.run();
                reporter.event(null, EventType.IDENTIFY_DONE, null, command.id());
            }
            case CommandPayload.RELOAD -> reload(command);
            default -> reporter.event(null, EventType.COMMAND_REJECTED, null, command.id() + ": unknown command");
        }
    }

    private void unlock(CommandPayload command) {
        Door door = command.room() != null ? doors.get(command.room())
                : doors.size() == 1 ? doors.values().iterator().next() : null;
        if (door == null) {
            reporter.event(command.room(), EventType.COMMAND_REJECTED, null, command.id() + ": "
                    + (command.room() == null ? "say which room: this device has " + doors.size() + " doors"
                            : "no door for room " + command.room()));
            return;
        }
        Duration requested = command.durationS() == null ? null : Duration.ofSeconds(command.durationS());
        door.remoteUnlock(requested, command.id());
    }

    private void reload(CommandPayload command) {
        try {
            String summary = reloader.reload();
            reporter.event(null, EventType.CONFIG_RELOADED, null, command.id() + ": " + summary);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "reload refused: {0}", e.getMessage());
            reporter.event(null, EventType.COMMAND_REJECTED, null, command.id() + ": " + e.getMessage());
        }
    }
}
