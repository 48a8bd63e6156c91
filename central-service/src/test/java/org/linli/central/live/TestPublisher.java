package org.linli.central.live;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.linli.protocol.testing.PahoClients;

/**
 * A plain MQTT v5 client that publishes as fast as the broker takes it: at most {@code window} QoS 1 publishes in
 * flight, each slot freed by its PUBACK, so Paho never says "too many publishes in progress".
 */
public final class TestPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Semaphore window;
    private final int windowSize;

    public TestPublisher(String url, String clientId, int windowSize, String willTopic, byte[] will) throws MqttException {
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(30);
        if (willTopic != null) {
            MqttMessage message = new MqttMessage(will);
            message.setQos(1);
            message.setRetained(true);
            options.setWill(willTopic, message);
        }
        client.connect(options).waitForCompletion(10_000);
    }

    public TestPublisher(String url, String clientId) throws MqttException {
        this(url, clientId, 16, null, null);
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    public void publish(String topic, byte[] payload, boolean retained) {
        try {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker acknowledged nothing for 30 s");
            }
            client.publish(topic, payload, 1, retained, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    window.release();
                }
            });
        } catch (MqttException e) {
            window.release();
            throw new IllegalStateException("publish failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every publish so far was acknowledged by the broker. */
    public void flush() throws InterruptedException {
        if (!window.tryAcquire(windowSize, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes still unacknowledged after 30 s");
        }
        window.release(windowSize);
    }

    public MqttAsyncClient client() {
        return client;
    }

    @Override
    public void close() throws MqttException {
        PahoClients.letGo(client, 5000);
    }
}
