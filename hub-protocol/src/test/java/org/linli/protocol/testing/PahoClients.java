package org.linli.protocol.testing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;

/** The tests' own Paho clients (Paho is the caller's test dependency, as for {@link MessageCallback}). */
public final class PahoClients {
    private PahoClients() {
    }

    /**
     * Says goodbye when the broker still answers, then closes the client in any case: a broker just killed or a link
     * just cut need not answer a goodbye (seen under load), and what the test checked is already checked.
     *
     * @throws MqttException when the client cannot be closed
     */
    public static void letGo(MqttAsyncClient client, long waitMs) throws MqttException {
        if (client.isConnected()) {
            try {
                client.disconnect().waitForCompletion(waitMs);
            } catch (MqttException e) {
                // no goodbye from a broker that is gone; close(true) below lets go anyway
            }
        }
        client.close(true);
    }

    /**
     * Connects (waiting up to {@code waitMs}) and connects again whenever the connection is lost, trying every
     * 200 ms until it is back; the client's callback subscribes in {@code connectComplete}. Paho's own automatic
     * reconnect stops for good when one attempt finds the broker down (eclipse/paho.mqtt.java#930): a test subscriber
     * using it stayed away after a broker was killed twice in a row and saw nothing more. Close what this answers
     * before the client.
     *
     * @throws MqttException when the first connection fails
     */
    public static AutoCloseable keepConnected(MqttAsyncClient client, MqttConnectionOptions options, long waitMs)
            throws MqttException {
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(waitMs);
        ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "test-reconnect-" + client.getClientId());
            thread.setDaemon(true);
            return thread;
        });
        reconnector.scheduleWithFixedDelay(() -> {
            if (!client.isConnected()) {
                try {
                    client.connect(options);
                } catch (MqttException | RuntimeException stillDownOrInProgress) {
                    // the next round tries again
                }
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        return () -> {
            reconnector.shutdownNow();
            reconnector.awaitTermination(5, TimeUnit.SECONDS);
        };
    }
}
