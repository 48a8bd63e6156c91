package org.linli.agent.commands;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.linli.agent.door.ClockTrust;
import org.linli.agent.door.Door;
import org.linli.agent.door.TimeFloor;
import org.linli.agent.outbox.Reporter;
import org.linli.protocol.command.CommandVerifier;
import org.linli.protocol.payload.CommandPayload;
import org.linli.protocol.payload.EventType;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.payload.PayloadException;

/**
 * Commands from {@code devices/{id}/cmd}: unlock (capped by the door), identify, reload. A command runs only when it
 * is signed by one of the hub's published keys, names this device, is fresh by a trusted clock and was not seen
 * before; anything else is answered {@code command.refused} with the verdict and why (review finding L6: the broker's
 * write right on the topic is not enough to open a door). A signed command's time raises the {@link TimeFloor}, even
 * when it is refused as too new. Each command run is answered by an event whose reason carries its id; one that cannot
 * be carried out is answered {@code command.rejected} with why. Runs on the agent loop.
 */
public final class CommandHandler {
    private static final System.Logger LOG = System.getLogger(CommandHandler.class.getName());

    /** Re-reads the configuration and applies what can change without a restart. */
    public interface Reloader {
        /** @return a plain-words summary; throws with a message when the new configuration is bad */
        String reload() throws Exception;
    }

    /** Shows which device this is, to someone standing by it. */
    public interface Identifier {
        /** @return what the device does to show itself, or that it cannot, in plain words */
        Shown identify();

        /** @param shown whether anything on the device shows it (else only its log says so) */
        record Shown(boolean shown, String what) {
        }
    }

    /** What a command needs checked before it runs. */
    public record Checks(String deviceId, Supplier<CommandVerifier> verifier, ClockTrust trust, Clock clock,
            TimeFloor floor) {
    }

    private final PayloadCodec codec;
    private final Map<String, Door> doors;
    private final Reporter reporter;
    private final Reloader reloader;
    private final Identifier identifier;
    private final Checks checks;
    private final ReplayGuard replays;

    public CommandHandler(PayloadCodec codec, Map<String, Door> doors, Reporter reporter, Reloader reloader,
            Identifier identifier, Checks checks) {
        this.codec = codec;
        this.doors = Map.copyOf(doors);
        this.reporter = reporter;
        this.reloader = reloader;
        this.identifier = identifier;
        this.checks = checks;
        this.replays = new ReplayGuard(checks.clock().millis());
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
        String refusal = refusal(command);
        if (refusal != null) {
            LOG.log(System.Logger.Level.WARNING, "command {0} ({1}) refused: {2}", command.id(), command.cmd(),
                    refusal);
            // no room: a refused command's room is not believed, and central drops events about rooms not ours
            reporter.event(null, EventType.COMMAND_REFUSED, null, refusal);
            return;
        }
        switch (command.cmd()) {
            case CommandPayload.UNLOCK -> unlock(command);
            case CommandPayload.IDENTIFY -> identify(command);
            case CommandPayload.RELOAD -> reload(command);
            default -> reporter.event(null, EventType.COMMAND_REJECTED, null, command.id() + ": unknown command");
        }
    }

    /** Null when the command may run, else the verdict and why, as the event's reason says it. */
    private String refusal(CommandPayload command) {
        long now = checks.clock().millis();
        CommandVerifier.Result result = checks.verifier().get().verify(command, checks.deviceId(),
                checks.clock().instant());
        if (result.verdict().signatureGood()) {
            checks.floor().saw(command.ts(), "command " + command.id() + " signed by central");
        }
        if (result.verdict() != CommandVerifier.Verdict.VALID) {
            return result.verdict() + " " + command.id() + ": " + result.detail();
        }
        if (!checks.trust().trusted()) {
            return "CLOCK_UNTRUSTED " + command.id() + ": its freshness cannot be judged: " + checks.trust().why();
        }
        String replay = replays.admit(command.nonce(), command.ts(), now);
        return replay == null ? null : "REPLAYED " + command.id() + ": " + replay;
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

    /**
     * A device with nothing to show itself with answers {@code command.rejected}: the dashboard shows the device's
     * words for a command not done, and "done" would send a technician looking for a light that never comes on.
     */
    private void identify(CommandPayload command) {
        Identifier.Shown shown = identifier.identify();
        reporter.event(null, shown.shown() ? EventType.IDENTIFY_DONE : EventType.COMMAND_REJECTED, null,
                command.id() + ": " + shown.what());
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
