package org.linli.protocol.testing;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
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
}
