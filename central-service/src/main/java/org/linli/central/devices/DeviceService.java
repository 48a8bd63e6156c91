package org.linli.central.devices;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.InvalidInput;
import org.linli.central.web.Json;
import org.linli.central.web.JsonBody;
import org.linli.central.web.ProblemException;
import org.linli.central.web.Requests;
import org.linli.protocol.Ids;

/**
 * {@code GET/POST /api/v1/devices}: the device register. Registering an existing id replaces its hub and rooms.
 * Broker credentials are made by central-broker-config's scripts, so no {@code mqttPassword} is returned.
 */
public final class DeviceService implements HttpService {
    private static final int MAX_ROOMS = 64;
    private final Devices devices;
    private final Guard guard;
    private final Consumer<Device> registered;
    private final long maxBody;

    /** @param registered told of every device registered, so live state knows it at once */
    public DeviceService(Devices devices, Guard guard, Consumer<Device> registered, long maxBody) {
        this.devices = devices;
        this.guard = guard;
        this.registered = registered;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/devices", this::list).post("/devices", this::register);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = guard.require(Requests.bearer(req), Guard.OPERATORS);
        Json.ok(res, devices.all().stream()
                .filter(d -> caller.hubId() == null || caller.hubId().equals(d.hubId()))
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
        if (caller.hubId() != null && !caller.hubId().equals(hub)) {
            throw new Forbidden("an admin of hub " + caller.hubId() + " registers devices of that hub");
        }
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
