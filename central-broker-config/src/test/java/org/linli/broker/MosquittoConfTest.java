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

    /** Review finding M2: on the network a client id is the user name, so no device can take over another session. */
    @Test
    void everyNetworkListenerBindsTheClientIdToTheUserName() throws IOException {
        listeners().forEach((listener, options) -> {
            if (!listener.endsWith(" 127.0.0.1")) {
                assertTrue(options.contains("use_username_as_clientid true"), listener + " lets clients pick their id");
            }
        });
    }

    /** The loopback listener lets central pick its ids: they must contain a dot, which no device user name has. */
    @Test
    void centralsProductionClientIdIsOutOfEveryDevicesReach() throws IOException {
        String central = Files.readString(Scripts.MODULE.getParent().resolve(
                "deploy-pi/rootfs/etc/linli/central.yaml.example"));
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("(?m)^  client-id: (\\S+)$").matcher(central);
        assertTrue(id.find(), "central.yaml.example sets live.client-id:\n" + central);
        assertTrue(id.group(1).contains("."), id.group(1));
    }

    @Test
    void theMutualTlsListenerChecksTheRevocationListAndTheAclHasNoPatterns() throws IOException {
        assertTrue(listeners().get("listener 8884").contains("crlfile /etc/mosquitto/linli/tls/crl.pem"));
        assertTrue(Files.readAllLines(ProductionBroker.ACL).stream().noneMatch(l -> l.startsWith("pattern ")),
                "a pattern line grants rights to every certificate the CA signed, even a removed device's");
    }
}
