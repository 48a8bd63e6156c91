package org.linli.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Plays the central service in tests: a persistent-session subscriber that records every message it gets and
 * resubscribes after each reconnect; also publishes (keys, revocations, commands).
 */
public final class TestSubscriber implements AutoCloseable {
    /** One received message. */
    public record Received(String topic, String payload, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger subscriptions = new java.util.concurrent.atomic.AtomicInteger();

    public TestSubscriber(String url, String clientId, String... filters) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                // automatic reconnect is on
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // nothing to do in a test
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // not needed
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                try {
                    MqttSubscription[] subscriptions = java.util.Arrays.stream(filters)
                            .map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new);
                    if (subscriptions.length > 0) {
                        client.subscribe(subscriptions, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                TestSubscriber.this.subscriptions.incrementAndGet();
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable cause) {
                                // the next reconnect tries again
                            }
                        }, new MqttProperties());
                    }
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced auth
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setKeepAliveInterval(5);
        client.connect(options).waitForCompletion(10_000);
        if (filters.length > 0) {
            // once more, and waited for, so that the test knows it is subscribed when this returns
            client.subscribe(java.util.Arrays.stream(filters).map(f -> new MqttSubscription(f, 1))
                    .toArray(MqttSubscription[]::new)).waitForCompletion(10_000);
        }
    }

    /** How many times the subscriptions were (re)made and acknowledged. */
    public int subscriptions() {
        return subscriptions.get();
    }

    public List<Received> received() {
        return received;
    }

    public List<String> payloads(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).map(Received::payload).toList();
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
    }

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5000);
        }
        client.close(true);
    }
}
