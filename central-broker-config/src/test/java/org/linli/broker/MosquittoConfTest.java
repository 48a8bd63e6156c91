package org.linli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the running-broker tests cannot see, because they move every listener to 127.0.0.1: which listener is plain
 * and where it binds, and that every network listener has TLS.
 */
class MosquittoConfTest {
    /** listener line → the options that follow it, up to the next listener. */
    static Map<String, List<String>> listeners() throws IOException {
        Map<String, List<String>> listeners = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(ProductionBroker.CONF)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("listener ")) {
                current = new ArrayList<>();
                listeners.put(trimmed, current);
            } else if (current != null) {
                current.add(trimmed);
            }
        }
        return listeners;
    }

    @Test
    void plainMqttListensOnlyOnLoopback() throws IOException {
        List<String> plain = listeners().entrySet().stream()
                .filter(listener -> listener.getValue().stream().noneMatch(o -> o.startsWith("certfile ")))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of("listener 1883 127.0.0.1"), plain);
    }

    @Test
    void everyNetworkListenerRequiresTls12OrNewer() throws IOException {
        listeners().forEach((listener, options) -> {
            if (!listener.endsWith(" 127.0.0.1")) {
                assertTrue(options.contains("tls_version tlsv1.2") || options.contains("tls_version tlsv1.3"),
                        listener + " has no minimum TLS version");
                assertTrue(options.stream().anyMatch(o -> o.startsWith("cafile ")), listener + " has no CA");
            }
        });
    }

    @Test
    void mutualTlsListenerTakesTheUsernameFromTheCertificate() throws IOException {
        List<String> mutual = listeners().get("listener 8884");
        assertTrue(mutual.contains("require_certificate true") && mutual.contains("use_identity_as_username true"),
                mutual::toString);
    }
}
