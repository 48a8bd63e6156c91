package org.linli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./linli demo}'s options: a wrong one is named, never a stack trace (it was one: an index out of bounds). */
class DemoOptionsTest {
    @Test
    void withoutOptionsTheDefaultsAndTheKioskOnlyWithADisplay() {
        DemoOptions withDisplay = DemoOptions.parse(new String[0], true);
        assertEquals(new DemoOptions(Path.of("data"), 8080, 1883, true, false), withDisplay);
        assertFalse(DemoOptions.parse(new String[0], false).kiosk());
    }

    @Test
    void everyOptionIsTaken() {
        DemoOptions options = DemoOptions.parse(
                new String[] {"--data", "/tmp/d", "--port", "18080", "--mqtt-port", "11883", "--no-kiosk"}, true);
        assertEquals(new DemoOptions(Path.of("/tmp/d"), 18080, 11883, false, false), options);
    }

    @Test
    void helpAsksForTheUsageWhereverItStands() {
        assertTrue(DemoOptions.parse(new String[] {"--help"}, false).help());
        assertTrue(DemoOptions.parse(new String[] {"--port", "9000", "-h"}, false).help());
    }

    @Test
    void aWrongOptionIsNamed() {
        assertEquals("--port needs a value", refused("--port"));
        assertEquals("--data needs a value", refused("--data", ""));
        assertEquals("--port must be a port number (1-65535), not 'abc'", refused("--port", "abc"));
        assertEquals("--mqtt-port must be a port number (1-65535), not 70000", refused("--mqtt-port", "70000"));
        assertEquals("--port and --mqtt-port must differ (both are 1883)", refused("--port", "1883"));
        assertEquals("unknown option '--kiosk'", refused("--kiosk"));
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(args, false)).getMessage();
    }
}
