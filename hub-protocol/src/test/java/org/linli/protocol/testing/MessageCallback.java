package org.linli.protocol.testing;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho callback for tests that only care about arriving messages; override another method where a test cares
 * about it too (a reconnect, say). Paho is the caller's own test dependency: this module's test-jar does not bring it.
 */
public class MessageCallback implements MqttCallback {
    private final BiConsumer<String, MqttMessage> arrived;

    public MessageCallback(BiConsumer<String, MqttMessage> arrived) {
        this.arrived = arrived;
    }

    /** Hands over the topic and the payload alone. */
    public static MessageCallback payloads(BiConsumer<String, byte[]> arrived) {
        return new MessageCallback((topic, message) -> arrived.accept(topic, message.getPayload()));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.accept(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
