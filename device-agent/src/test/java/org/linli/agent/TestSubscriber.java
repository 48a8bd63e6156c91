package org.linli.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
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
import org.linli.protocol.DeviceChannel;
import org.linli.protocol.Topic;
import org.linli.protocol.TopicException;
import org.linli.protocol.Topics;
import org.linli.protocol.payload.AckPayload;
import org.linli.protocol.payload.PayloadCodec;
import org.linli.protocol.testing.PahoClients;

/**
 * Plays the central service in tests: a persistent-session subscriber that records every message it gets and
 * resubscribes after each reconnect; also publishes (keys, revocations, commands). Like the central service it sends
 * a device a receipt ({@code devices/{id}/ack}, QoS 0) for each sequenced message it gets, unless told not to, and
 * never reads back what it publishes itself (No Local).
 */
public final class TestSubscriber implements AutoCloseable {
    /** One received message. */
    public record Received(String topic, String payload, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final AutoCloseable reconnecting;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger subscriptions = new java.util.concurrent.atomic.AtomicInteger();
    private final PayloadCodec codec = new PayloadCodec();
    private volatile boolean acknowledging = true;
    /** What happened to the connection and the subscriptions, for a failing test's message. */
    private final List<String> history = new CopyOnWriteArrayList<>();
    /** Central's clock, which stamps its receipts: the door takes their time as a floor for its own clock. */
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();

    public TestSubscriber(String url, String clientId, String... filters) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                // PahoClients.keepConnected connects again
                history.add("lost: " + response);
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // nothing to do in a test
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.isRetained()));
                if (acknowledging) {
                    acknowledge(topic, message.getPayload());
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // not needed
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                history.add(reconnect ? "reconnected" : "connected");
                try {
                    MqttSubscription[] subscriptions = subscriptions(filters);
                    if (subscriptions.length > 0) {
                        client.subscribe(subscriptions, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                TestSubscriber.this.subscriptions.incrementAndGet();
                                history.add("subscribed " + java.util.Arrays.toString(token.getReasonCodes()));
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable cause) {
                                // the next reconnect tries again
                                history.add("subscribe failed: " + cause);
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
        options.setKeepAliveInterval(5);
        reconnecting = PahoClients.keepConnected(client, options, 10_000);
        if (filters.length > 0) {
            // once more, and waited for, so that the test knows it is subscribed when this returns
            client.subscribe(subscriptions(filters)).waitForCompletion(10_000);
        }
    }

    private static MqttSubscription[] subscriptions(String... filters) {
        return java.util.Arrays.stream(filters).map(f -> {
            MqttSubscription subscription = new MqttSubscription(f, 1);
            subscription.setNoLocal(true);
            return subscription;
        }).toArray(MqttSubscription[]::new);
    }

    /** The receipt the central service would send once the message is stored. */
    private void acknowledge(String topic, byte[] payload) {
        try {
            if (!(Topics.parse(topic) instanceof Topic.Device(String deviceId, DeviceChannel channel))
                    || !channel.fromDevice()) {
                return;
            }
            OptionalLong seq = codec.seqOf(payload);
            if (seq.isPresent()) {
                client.publish(Topics.deviceAck(deviceId), codec.encode(new AckPayload(clock.millis(),
                        List.of(new AckPayload.Range(seq.getAsLong(), seq.getAsLong())))), 0, false);
            }
        } catch (TopicException | MqttException e) {
            // like a lost receipt: the agent sends the message again
        }
    }

    /**
     * The clock that stamps receipts, as central's own would: a test whose agent runs on a clock of its own gives the
     * same one here, or the receipts' time shows the agent's clock as set back (which the agent then refuses to trust).
     */
    public void clock(java.time.Clock central) {
        clock = central;
    }

    /** Whether to send receipts from now on (a central service that is down, or slow, sends none). */
    public void acknowledging(boolean on) {
        acknowledging = on;
    }

    /** How many times the subscriptions were (re)made and acknowledged. */
    public int subscriptions() {
        return subscriptions.get();
    }

    /** Connections, losses and subscriptions so far, oldest first. */
    public List<String> history() {
        return List.copyOf(history);
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
    public void close() throws Exception {
        reconnecting.close();
        PahoClients.letGo(client, 5000);
    }
}
