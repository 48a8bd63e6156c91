package org.linli.central.ingest;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.linli.central.config.LiveSettings;
import org.linli.protocol.Topics;

/**
 * The central service's one MQTT v5 connection: a persistent session (Clean Start off, a week of session expiry) so
 * the broker keeps what devices say while we are away, and manual acknowledgements so a message is acknowledged only
 * once it is stored: a crash before the commit gets it redelivered. We reconnect ourselves, with a doubling pause,
 * and resubscribe on every connect: Paho's automatic reconnect gives up for good when a connect attempt throws at once
 * (e.g. "connect already in progress" when the broker dies during the handshake), which a broker killed and restarted
 * again and again made it do.
 */
public final class MqttConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MqttConnection.class.getName());
    private static final int QOS = 1;
    /**
     * Alone, the broker keeps this session for a week while the service is away, and what devices send meanwhile waits
     * in it. One of several replicas sharing the subscription keeps none: Mosquitto goes on handing a member whose
     * session lives on its share of the messages while it is gone, and does not give the messages it had in flight to
     * the others (MQTT 5 allows either), so a replica killed for good would swallow half of every device's messages
     * until its session expired. With no session, its share goes to the others as soon as its connection is gone,
     * and what it held unacknowledged is sent again by the agents, which get no receipt for it (ADR 0004).
     */
    private static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600L;
    private static final long SHARED_SESSION_EXPIRY_SECONDS = 0;
    private static final long RECONNECT_MIN_MS = 250;
    private static final long RECONNECT_MAX_MS = 30_000;

    /** A message as it arrived; {@code generation} names the connection that must acknowledge it. */
    public record Inbound(String topic, byte[] payload, int messageId, int qos, int generation) {
    }

    private final LiveSettings settings;
    private final MqttAsyncClient client;
    private final AtomicInteger generation = new AtomicInteger();
    private final Runnable connected;
    private final java.util.function.Consumer<Inbound> inbound;
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("linli-mqtt-reconnect").daemon(true).unstarted(r));
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private final MqttConnectionOptions options;
    private long reconnectDelayMs = RECONNECT_MIN_MS;
    private volatile boolean closed;

    /**
     * @param inbound takes each arriving message; it must hand it over quickly (it runs on Paho's thread)
     * @param connected runs on every (re)connect, after the subscription: publish what devices need retained
     */
    public MqttConnection(LiveSettings settings, java.util.function.Consumer<Inbound> inbound, Runnable connected) {
        this.settings = settings;
        this.inbound = inbound;
        this.connected = connected;
        try {
            this.client = new MqttAsyncClient(settings.mqttUrl(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url '" + settings.mqttUrl() + "' is not usable: "
                    + e.getMessage(), e);
        }
        client.setManualAcks(true);
        this.options = options();
        client.setCallback(new Callback());
    }

    /**
     * The subscription filters: everything devices say, shared between replicas when a group is set. One filter per
     * channel rather than {@code devices/+/+}, so that our own commands and receipts (one per device and batch) do
     * not come back to us.
     */
    List<String> filters() {
        if (settings.sharedGroup().isEmpty()) {
            return Topics.fromDevices();
        }
        // Retained messages never reach a shared subscription, so statuses are also read directly: the retained
        // offline Last Will of a device that died while we were down must still be seen.
        List<String> filters = new ArrayList<>(Topics.fromDevices().stream()
                .map(filter -> Topics.shared(settings.sharedGroup(), filter)).toList());
        filters.add(Topics.PREFIX + "devices/+/status");
        return filters;
    }

    public void start() {
        reconnector.execute(this::connect);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sharedGroup().isEmpty() ? SESSION_EXPIRY_SECONDS
                : SHARED_SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(settings.receiveMaximum());
        if (settings.mqttUrl().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSockets());
        }
        if (!settings.mqttUsername().isEmpty()) {
            options.setUserName(settings.mqttUsername());
            options.setPassword(settings.mqttPassword().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    /** On the reconnector's thread only. */
    private void connect() {
        reconnectPending.set(false);
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete() subscribes
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.log(Level.WARNING, "cannot reach the broker " + settings.mqttUrl() + " (" + cause
                            + "); trying again in " + reconnectDelayMs + " ms");
                    reconnectLater();
                }
            });
        } catch (MqttException e) {
            // "connect already in progress", "disconnecting": the state of the last connection has not settled
            LOG.log(Level.DEBUG, "cannot start connecting to " + settings.mqttUrl() + ": " + e.getMessage());
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (closed || !reconnectPending.compareAndSet(false, true)) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = reconnectDelayMs;
            reconnectDelayMs = Math.min(reconnectDelayMs * 2, RECONNECT_MAX_MS);
        }
        try {
            reconnector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // closed meanwhile
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Acknowledges a stored message, unless the connection it came on is gone (the broker redelivers it then). */
    public void acknowledge(Inbound message) {
        if (message.qos() == 0 || message.generation() != generation.get()) {
            return;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.DEBUG, "acknowledgement lost, the broker will redeliver: " + e.getMessage());
        }
    }

    /**
     * Drops the connection and connects again, so that the broker sends again every message we left unacknowledged
     * (a batch the database refused). It sends no more unacknowledged messages than our Receive Maximum: without
     * this, those would keep their places until the next reconnect, and enough of them would stop ingestion.
     */
    public void redeliver() {
        if (closed) {
            return;
        }
        reconnector.execute(() -> {
            if (closed || !client.isConnected()) {
                return;
            }
            LOG.log(Level.WARNING, "reconnecting to " + settings.mqttUrl() + " so that the broker sends again what"
                    + " was not stored");
            try {
                client.disconnect(0, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        dropped();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        dropped();
                    }
                }, 0, new MqttProperties());
            } catch (MqttException | RuntimeException e) {
                LOG.log(Level.DEBUG, "disconnecting for a redelivery failed: " + e.getMessage());
                dropped();
            }
        });
    }

    /** After our own disconnect: what arrived on that connection can no longer be acknowledged; connect again. */
    private void dropped() {
        generation.incrementAndGet();
        reconnectLater();
    }

    /**
     * Publishes at QoS 1.
     *
     * @return false when Paho has too many publishes in flight or is disconnected; the caller retries later
     */
    public boolean publish(String topic, byte[] payload, boolean retained) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            client.publish(topic, payload, QOS, retained);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                LOG.log(Level.DEBUG, "publish to " + topic + " failed: " + e.getMessage());
            }
            return false;
        }
    }

    /**
     * Publishes at QoS 0, not retained: for receipts, where a lost one costs only a message sent again, and where
     * QoS 1 would add a PUBACK per device and batch and count against Paho's publishes in flight.
     *
     * @return false when disconnected or Paho refused it
     */
    public boolean publishAtMostOnce(String topic, byte[] payload) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            client.publish(topic, payload, 0, false);
            return true;
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "publish to " + topic + " failed: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "clean disconnect failed: " + e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "closing the MQTT client failed: " + e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // Messages of the lost connection can no longer be acknowledged; the broker redelivers them instead.
            generation.incrementAndGet();
            if (!closed) {
                LOG.log(Level.WARNING, "lost the broker " + settings.mqttUrl() + ": "
                        + (response.getReasonString() != null ? response.getReasonString() : response.getException()));
                reconnectLater();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "MQTT error: " + exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbound.accept(new Inbound(topic, message.getPayload(), message.getId(), message.getQos(),
                    generation.get()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // nothing waits for our own publishes: retained state is re-sent on every connect
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            synchronized (MqttConnection.this) {
                reconnectDelayMs = RECONNECT_MIN_MS;
            }
            LOG.log(Level.INFO, "connected to " + serverUri);
            // the array form: Paho's single-topic subscribe with a listener recurses until the stack overflows
            MqttSubscription[] subscriptions = filters().stream()
                    .map(filter -> new MqttSubscription(filter, QOS))
                    .toArray(MqttSubscription[]::new);
            try {
                client.subscribe(subscriptions);
            } catch (MqttException e) {
                LOG.log(Level.ERROR, "subscribing to device messages failed: " + e.getMessage());
            }
            try {
                connected.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an on-connect task failed", e);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
