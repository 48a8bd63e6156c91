package org.linli.central.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.linli.central.auth.Caller;
import org.linli.central.auth.Guard;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.ProblemException;
import org.linli.central.web.Requests;
import org.linli.protocol.Ids;
import org.linli.protocol.payload.CommandPayload;

/**
 * {@code GET/POST /api/v1/devices}: the device register. Registering an existing id replaces its rooms; a device of
 * another hub is refused (it is removed there first, {@code DELETE /devices/{id}}). {@code POST
 * /devices/{id}/commands} sends a signed command to a device. {@code POST /devices/{id}/broker-credential} makes the
 * device a new broker password and answers it once, with the hashed line and command for the broker host
 * ({@link BrokerCredential}); central keeps neither.
 */
public final class DeviceService implements HttpService {
    private static final int MAX_ROOMS = 64;
    private final Devices devices;
    private final Guard guard;
    private final Consumer<Device> registered;
    private final Consumer<String> removed;
    private final Commands commands;
    private final CommandLog log;
    private final long maxBody;

    /** Signs and sends a command to a device ({@code doorkeys.DoorCommands}). */
    @FunctionalInterface
    public interface Commands {
        /** @return the command's id, or null when the broker is not reachable now */
        String send(String deviceId, String cmd, String room, Integer durationS);
    }

    /**
     * @param registered told of every device registered, so live state knows it at once
     * @param removed told of every device removed, so its messages are dropped at once
     */
    public DeviceService(Devices devices, Guard guard, Consumer<Device> registered, Consumer<String> removed,
            Commands commands, CommandLog log, long maxBody) {
        this.devices = devices;
        this.guard = guard;
        this.registered = registered;
        this.removed = removed;
        this.commands = commands;
        this.log = log;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/devices", this::list).post("/devices", this::register)
                .delete("/devices/{id}", this::remove)
                .post("/devices/{id}/commands", this::command)
                .post("/devices/{id}/broker-credential", this::brokerCredential)
                .get("/devices/{id}/commands", this::commands)
                .get("/devices/{id}/commands/{command}", this::oneCommand);
    }

    /**
     * The device, if it is in the caller's hub or a hub below it (the one hub-scope rule, {@link Guard#reaches}):
     * another hub's device is not found, as if it did not exist.
     */
    private Device ownDevice(Caller caller, String id) {
        return devices.find(id).filter(d -> guard.reaches(caller, d.hubId()))
                .orElseThrow(() -> new NotFound("no device " + id));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        Device device = ownDevice(caller, Requests.id(req, "id"));
        Requests.auditNote(req, device.hubId(), null);
        devices.remove(device.id());
        removed.accept(device.id());
        Json.ok(res, json(device));
    }

    /**
     * A new broker password for the device, answered this once (no-store) and kept nowhere: the audit log keeps who
     * made it, when and from where. It replaces the old one only once the line is put on the broker.
     */
    private void brokerCredential(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        Device device = ownDevice(caller, Requests.id(req, "id"));
        BrokerCredential credential = BrokerCredential.make(device.id());
        Requests.auditNote(req, device.hubId(), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device", device.id());
        body.put("hub", device.hubId());
        body.put("username", credential.username());
        body.put("password", credential.password());
        body.put("passwdLine", credential.passwdLine());
        // single quotes: the line's '$' and '/' reach the script as they are
        body.put("brokerCommand", "printf '%s\\n' '" + credential.passwdLine()
                + "' | sudo central-broker-config/scripts/credential.sh device " + device.id() + " " + device.hubId()
                + " --hashed-stdin && sudo systemctl reload mosquitto");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, Status.CREATED_201, body);
    }

    /**
     * {@code {"cmd":"unlock","room":…,"durationS":…,"reason":…}}, {@code {"cmd":"identify"}} or {@code
     * {"cmd":"reload"}}: an operator of the device's hub. Opening a door needs a reason, which the audit log keeps with
     * who, when and from where. The agent answers with an event that carries the command's id ({@code GET
     * /devices/{id}/commands/{command}}).
     */
    private void command(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Device device = ownDevice(caller, Requests.id(req, "id"));
        JsonBody body = JsonBody.read(req, maxBody);
        String cmd = body.text("cmd", 16);
        String room = body.optionalText("room", 64);
        Integer durationS = body.optionalInteger("durationS", 1, 3600);
        String reason = CommandPayload.UNLOCK.equals(cmd) ? body.text("reason", 200)
                : body.optionalText("reason", 200);
        body.done();
        if (!List.of(CommandPayload.UNLOCK, CommandPayload.IDENTIFY, CommandPayload.RELOAD).contains(cmd)) {
            throw InvalidInput.field("cmd", "must be unlock, identify or reload");
        }
        if (cmd.equals(CommandPayload.UNLOCK) != (room != null)) {
            throw InvalidInput.field("room", "unlock names the door's room; other commands name none");
        }
        if (room != null && !device.rooms().contains(room)) {
            throw InvalidInput.field("room", "device " + device.id() + " has no door of room " + room);
        }
        if (!cmd.equals(CommandPayload.UNLOCK) && durationS != null) {
            throw InvalidInput.field("durationS", "only unlock has a duration");
        }
        String id = commands.send(device.id(), cmd, room, cmd.equals(CommandPayload.UNLOCK)
                ? (durationS == null ? 5 : durationS) : null);
        if (id == null) {
            throw new Conflict("broker-unreachable", "The broker is not reachable",
                    "the command was not sent; try again when the service is connected to the broker");
        }
        Requests.auditNote(req, device.hubId(), reason);
        log.record(new CommandLog.Sent(id, device.id(), device.hubId(), cmd, room,
                cmd.equals(CommandPayload.UNLOCK) ? (durationS == null ? 5 : durationS) : null,
                reason == null ? "" : reason, caller.name(), req.remotePeer().host()));
        Json.send(res, Status.ACCEPTED_202, json(log.find(device.id(), id).orElseThrow()));
    }

    private void commands(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Device device = ownDevice(caller, Requests.id(req, "id"));
        Json.ok(res, log.recent(device.id()).stream().map(DeviceService::json).toList());
    }

    private void oneCommand(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Device device = ownDevice(caller, Requests.id(req, "id"));
        String id = Requests.id(req, "command");
        Json.ok(res, json(log.find(device.id(), id).orElseThrow(() -> new NotFound("no command " + id))));
    }

    /** Times in UTC with their offset: the page shows them in the hub's zone. */
    private static Map<String, Object> json(CommandLog.Entry e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("device", e.deviceId());
        body.put("cmd", e.cmd());
        body.put("room", e.room());
        body.put("durationS", e.durationS());
        body.put("reason", e.reason());
        body.put("by", e.actor());
        body.put("from", e.source());
        body.put("sent", e.sent().toString());
        body.put("state", e.state());
        body.put("answered", e.answered() == null ? null : e.answered().toString());
        body.put("answer", e.answer());
        return body;
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Json.ok(res, devices.all().stream()
                .filter(d -> guard.reaches(caller, d.hubId()))
                .map(DeviceService::json).toList());
    }

    private void register(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.ADMIN);
        JsonBody body = JsonBody.read(req, maxBody);
        String id = body.text("id", 64);
        String hub = body.text("hub", 64);
        body.done();
        List<String> rooms = rooms(body);
        if (!Ids.isValid(id)) {
            throw InvalidInput.field("id", "must be 1-64 letters, digits, '-' or '_'");
        }
        if (!Ids.isValid(hub)) {
            throw InvalidInput.field("hub", "must be a hub id");
        }
        guard.requireHub(caller, hub);
        Requests.auditNote(req, hub, null); // the audit log files it under the device's hub, not the caller's
        Device device = new Device(id, hub, rooms);
        boolean created = devices.register(device);
        registered.accept(device);
        Json.send(res, created ? Status.CREATED_201 : Status.OK_200, json(device));
    }

    private static List<String> rooms(JsonBody body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body.canonical()).get("rooms");
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("the body is not valid JSON");
        }
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_ROOMS) {
            throw InvalidInput.field("rooms", "must be a list of 1-" + MAX_ROOMS + " room ids");
        }
        List<String> rooms = new ArrayList<>();
        for (JsonNode room : node) {
            if (!room.isTextual() || !Ids.isValid(room.textValue())) {
                throw InvalidInput.field("rooms", "every room must be a room id");
            }
            rooms.add(room.textValue());
        }
        return rooms;
    }

    private static Map<String, Object> json(Device device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", device.id());
        body.put("hub", device.hubId());
        body.put("rooms", device.rooms());
        return body;
    }
}
