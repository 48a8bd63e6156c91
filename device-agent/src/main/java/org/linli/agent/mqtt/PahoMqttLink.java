package org.linli.agent.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
import org.linli.agent.config.AgentConfig;

/**
 * {@link MqttLink} over Paho's MQTT v5 async client. Clean Start off with a session expiry, so the broker keeps our
 * {@code cmd} subscription and queues commands while we are away; a retained {@code online} status on every connect
 * and the retained {@code offline} form as Last Will. Paho keeps only an in-memory session: our SQLite outbox is what
 * survives a restart (Paho's file persistence is far slower). Reconnects are ours, with backoff and jitter, on one
 * thread, so there is never more than one connect in progress.
 */
public final class PahoMqttLink implements MqttLink {
    private static final System.Logger LOG = System.getLogger(PahoMqttLink.class.getName());
    private static final int QOS = 1;

    private final AgentConfig.Mqtt settings;
    private final String statusTopic;
    private final StatusFactory status;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private final Backoff backoff;
    private final Map<String, BiConsumer<String, byte[]>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean connected;
    private volatile boolean closed;

    /** @param status builds the retained status JSON, online or offline, at a time (epoch ms) */
    public PahoMqttLink(AgentConfig.Mqtt settings, String clientId, String statusTopic, StatusFactory status,
            Backoff backoff) throws MqttException {
        this.settings = settings;
        this.statusTopic = statusTopic;
        this.status = status;
        this.backoff = backoff;
        this.clientId = clientId;
        this.client = newClient();
    }

    /**
     * A fresh client for every connection: a reused Paho client resends its remembered in-flight publishes on top
     * of our outbox replay, overruns the broker's receive maximum and is disconnected again, for ever. The outbox
     * already resends everything unacknowledged, in order, so Paho needs to remember nothing.
     */
    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient fresh = new MqttAsyncClient(settings.url(), clientId, new MemoryPersistence());
        fresh.setCallback(new Callback(fresh));
        return fresh;
    }

    private void discard(MqttAsyncClient old) {
        try {
            old.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.TRACE, "old client already disconnected", e);
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.TRACE, "closing the old client", e);
        }
    }

    /** Builds the status payload: online or offline, at a time. */
    public interface StatusFactory {
        byte[] status(boolean online, long ts);
    }

    @Override
    public void start() {
        reconnector.execute(this::connect);
    }

    @Override
    public boolean connected() {
        return connected && client.isConnected();
    }

    @Override
    public void subscribe(String topic, BiConsumer<String, byte[]> handler) {
        handlers.put(topic, handler);
        if (connected()) {
            subscribeAll();
        }
    }

    @Override
    public void onConnected(Runnable listener) {
        connectedListeners.add(listener);
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Delivery delivery)
            throws LinkBusyException, LinkDownException {
        if (!connected()) {
            throw new LinkDownException("not connected to " + settings.url());
        }
        try {
            client.publish(topic, payload, QOS, retained, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    delivery.acknowledged();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    delivery.failed(cause);
                }
            });
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                throw new LinkBusyException(e.getMessage());
            }
            throw new LinkDownException(e.getMessage());
        }
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            MqttAsyncClient old = client;
            client = newClient();
            discard(old);
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete() does the rest
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.log(System.Logger.Level.INFO, "cannot reach {0}: {1}", settings.url(), cause.getMessage());
                    scheduleReconnect();
                }
            });
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.INFO, "connect to {0} failed: {1}", settings.url(), e.getMessage());
            scheduleReconnect();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connect to " + settings.url() + " failed", e);
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoff.next().toMillis();
        LOG.log(System.Logger.Level.DEBUG, "reconnecting in {0} ms", delay);
        try {
            reconnector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // closed meanwhile
        }
    }

    private MqttConnectionOptions options() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage(status.status(false, System.currentTimeMillis()));
        will.setQos(QOS);
        will.setRetained(true);
        options.setWill(statusTopic, will);
        if (settings.caFile() != null) {
            options.setSocketFactory(trusting(settings.caFile()));
        }
        return options;
    }

    private static javax.net.SocketFactory trusting(Path caFile) throws MqttException {
        try (var in = Files.newInputStream(caFile)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("linli-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (Exception e) {
            throw new MqttException(MqttClientException.REASON_CODE_SSL_CONFIG_ERROR, e);
        }
    }

    private void subscribeAll() {
        if (handlers.isEmpty()) {
            return;
        }
        // the array form: Paho's single-topic subscribe with a listener recurses until the stack overflows
        MqttSubscription[] subscriptions = handlers.keySet().stream()
                .map(topic -> new MqttSubscription(topic, QOS))
                .toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subscriptions);
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.WARNING, "subscribing failed: {0}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner != client) {
                return;
            }
            connected = false;
            LOG.log(System.Logger.Level.WARNING, "lost the broker: {0}", response.getReasonString() != null
                    ? response.getReasonString() : response.getException() != null
                            ? response.getException().getMessage() : "disconnected by the broker");
            scheduleReconnect();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(System.Logger.Level.WARNING, "MQTT error: {0}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            BiConsumer<String, byte[]> handler = handlers.get(topic);
            if (handler != null) {
                handler.accept(topic, message.getPayload());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements arrive through each publish's own listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (owner != client) {
                return;
            }
            connected = true;
            backoff.reset();
            LOG.log(System.Logger.Level.INFO, "connected to {0}", serverUri);
            subscribeAll();
            try {
                client.publish(statusTopic, status.status(true, System.currentTimeMillis()), QOS, true);
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot publish the online status: {0}", e.getMessage());
            }
            connectedListeners.forEach(Runnable::run);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.publish(statusTopic, status.status(false, System.currentTimeMillis()), QOS, true)
                        .waitForCompletion(2000);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.INFO, "clean disconnect failed: {0}", e.getMessage());
        } finally {
            connected = false;
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the client failed", e);
            }
        }
    }

    /** Cuts the connection without the offline status or a DISCONNECT, as a crash would (for tests). */
    public void abandon() {
        closed = true;
        reconnector.shutdownNow();
        try {
            client.disconnectForcibly(0, 100, false);
            client.close(true);
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.DEBUG, "forced disconnect failed", e);
        }
    }
}
