package org.linli.central.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.linli.central.devices.Device;
import org.linli.protocol.payload.OccupancyPayload;
import org.linli.protocol.payload.PayloadCodec;

class ValidatorTest {
    private final Validator validator = new Validator(new PayloadCodec(), id -> id.equals("door-1")
            ? Optional.of(new Device("door-1", "hub", List.of("studio"))) : Optional.empty());

    private Validator.Verdict check(String topic, String payload) {
        return validator.check(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String occupancy(String room) {
        return "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"room\":\"" + room
                + "\",\"occupied\":true,\"source\":\"pir\"}";
    }

    @Test
    void acceptsARegisteredDeviceSpeakingAboutItsOwnRoom() {
        Validator.Accepted accepted = assertInstanceOf(Validator.Accepted.class,
                check("linli/v1/devices/door-1/occupancy", occupancy("studio")));
        assertEquals("studio", ((OccupancyPayload) accepted.message().payload()).room());
    }

    @Test
    void dropsAnotherRoomAnUnknownDeviceAndGarbage() {
        assertInstanceOf(Validator.Unauthorised.class, check("linli/v1/devices/door-1/occupancy", occupancy("hall")));
        assertInstanceOf(Validator.Unauthorised.class, check("linli/v1/devices/door-2/occupancy", occupancy("studio")));
        assertInstanceOf(Validator.Malformed.class, check("linli/v1/devices/door-1/occupancy", "{\"ts\":"));
        assertInstanceOf(Validator.Malformed.class, check("linli/v1/devices/door 1/occupancy", occupancy("studio")));
        assertInstanceOf(Validator.Ignored.class, check("linli/v1/devices/door-1/cmd", "{}"));
        assertInstanceOf(Validator.Ignored.class, check("linli/v1/devices/door-1/ack", "{}"));
    }

    @Test
    void settlesForGoodWhatWouldNeverBeStoredButNotWhatAnUnregisteredDeviceSays() {
        assertEquals(1L, assertInstanceOf(Validator.Unauthorised.class,
                check("linli/v1/devices/door-1/occupancy", occupancy("hall"))).settled(), "another room");
        assertEquals(7L, assertInstanceOf(Validator.Malformed.class, check("linli/v1/devices/door-1/occupancy",
                "{\"ts\":12,\"seq\":7,\"room\":\"studio\",\"occupied\":true,\"source\":\"pir\"}")).settled(),
                "a clock that never synced");
        assertEquals(null, assertInstanceOf(Validator.Malformed.class,
                check("linli/v1/devices/door-1/occupancy", "{\"ts\":")).settled(), "no seq to be read");
        assertEquals(null, assertInstanceOf(Validator.Unauthorised.class,
                check("linli/v1/devices/door-2/occupancy", occupancy("studio"))).settled(),
                "kept by a device not registered yet, until it is");
    }
}
