package org.linli.central.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.linli.protocol.testing.MosquittoBroker;

/** Waiting on the broker for what the service publishes. */
public final class Brokers {
    private Brokers() {
    }

    /**
     * The first message on a (retained) topic that satisfies a condition. The service subscribes to device topics
     * before it publishes the keys, so once the keys arrive its subscription is in place.
     */
    public static byte[] awaitRetained(MosquittoBroker broker, String topic,
            java.util.function.Predicate<byte[]> condition)
            throws Exception {
        try (TestPublisher watcher = new TestPublisher(broker.url(), "watcher-" + System.nanoTime())) {
            CompletableFuture<byte[]> found = new CompletableFuture<>();
            watcher.client().setCallback(new MessageCallback((t, message) -> {
                if (condition.test(message)) {
                    found.complete(message);
                }
            }));
            watcher.client().subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)})
                    .waitForCompletion(5000);
            byte[] message = found.get(20, TimeUnit.SECONDS);
            assertTrue(message.length > 0);
            return message;
        }
    }
}
