package org.linli.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.linli.protocol.testing.MessageCallback;
import org.linli.protocol.testing.PahoClients;

/** A real MQTT v5 client (Paho) that records what it receives and reports the broker's reason codes as they are. */
final class TestClient implements AutoCloseable {
    static final long WAIT_MS = 10_000;

    record Received(String topic, String payload, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private TestClient(String url, String clientId, MqttConnectionOptions options) {
        try {
            this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        this.options = options;
        client.setCallback(new MessageCallback((topic, message) -> {
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.isRetained()));
        }));
    }

    static MqttConnectionOptions options(String username, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    /** Connects; throws the MqttException (with the CONNACK reason code) when the broker refuses. */
    static TestClient connect(String url, String clientId, MqttConnectionOptions options) throws MqttException {
        TestClient testClient = new TestClient(url, clientId, options);
        try {
            testClient.client.connect(options).waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            testClient.closeQuietly();
            throw e;
        }
        return testClient;
    }

    /** Subscribes at QoS 1 and returns the SUBACK reason code of each filter (0x01 granted, 0x87 not authorised). */
    int[] subscribe(String... filters) throws MqttException {
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        return await(client.subscribe(filters, qos), filters);
    }

    /** Like {@link #subscribe} but without the retained messages already there (v5 retain handling 2). */
    int[] subscribeNewOnly(String... filters) throws MqttException {
        MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subscriptions[i] = new MqttSubscription(filters[i], 1);
            subscriptions[i].setRetainHandling(2);
        }
        return await(client.subscribe(subscriptions), filters);
    }

    private static int[] await(IMqttToken token, String... filters) {
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException refused) {
            // Paho raises on a failing SUBACK; the reason codes are on the token all the same
        }
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length != filters.length) {
            throw new AssertionError("no SUBACK for " + String.join(", ", filters));
        }
        return codes;
    }

    /**
     * Publishes at QoS 1 and returns the PUBACK reason code: below 0x80 accepted (0x00 success, 0x10 no matching
     * subscribers), 0x87 not authorised.
     */
    int publish(String topic, String payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, null);
        IMqttToken token = client.publish(topic, message);
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException refused) {
            if (refused.getReasonCode() >= 0x80) {
                return refused.getReasonCode();
            }
            throw refused;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** The next message received, or null after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the next message, failing when none comes. */
    Received expectNext() throws InterruptedException {
        Received next = next(Duration.ofMillis(WAIT_MS));
        if (next == null) {
            throw new AssertionError("no message arrived within " + WAIT_MS + " ms");
        }
        return next;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Drops the TCP connection without a DISCONNECT packet, as a device that loses power does. */
    void dropConnection() throws MqttException {
        client.disconnectForcibly(0, 1000, false);
    }

    MqttConnectionOptions options() {
        return options;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            PahoClients.letGo(client, WAIT_MS);
        } catch (MqttException ignored) {
            // closing a client that never connected
        }
    }

    /** TLS that trusts only {@code caCert}, optionally presenting a client certificate and key (PEM, PKCS#8). */
    static SSLSocketFactory tls(Path caCert, Path clientCert, Path clientKey) {
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caCert)) {
                trust.setCertificateEntry("ca", certificates.generateCertificate(in));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);

            KeyManagerFactory keyManagers = null;
            if (clientCert != null) {
                KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
                keys.load(null, null);
                Certificate cert;
                try (InputStream in = Files.newInputStream(clientCert)) {
                    cert = certificates.generateCertificate(in);
                }
                keys.setKeyEntry("device", privateKey(clientKey), new char[0], new Certificate[] {cert});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                    null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem)
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
