package org.linli.protocol.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tests' broker keeps what it saved across a restart, as the production broker does with its persistence. */
class MosquittoBrokerTest {
    @TempDir
    Path dir;

    @Test
    void aRetainedMessageOutlivesARestart() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "allow_anonymous true")) {
            MqttAsyncClient publisher = connect(broker, "publisher");
            publisher.publish("linli/test/kept", "still here".getBytes(StandardCharsets.UTF_8), 1, true)
                    .waitForCompletion(5_000);
            PahoClients.letGo(publisher, 1_000);

            broker.restart(); // SIGTERM: the broker saves its state, then starts again from it
            assertTrue(Files.exists(dir.resolve("broker/mosquitto.db")), "the broker saved its state");

            CompletableFuture<String> kept = new CompletableFuture<>();
            MqttAsyncClient subscriber = new MqttAsyncClient(broker.url(), "subscriber", new MemoryPersistence());
            subscriber.setCallback(MessageCallback.payloads((topic, payload) ->
                    kept.complete(new String(payload, StandardCharsets.UTF_8))));
            connect(subscriber);
            subscriber.subscribe(new String[] {"linli/test/kept"}, new int[] {1}).waitForCompletion(5_000);
            assertEquals("still here", kept.get(10, TimeUnit.SECONDS));
            PahoClients.letGo(subscriber, 1_000);
        }
    }

    private static MqttAsyncClient connect(MosquittoBroker broker, String id) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), id, new MemoryPersistence());
        connect(client);
        return client;
    }

    private static void connect(MqttAsyncClient client) throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
    }
}
