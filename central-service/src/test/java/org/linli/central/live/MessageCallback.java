package org.linli.central.live;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback that only cares about arriving messages. */
final class MessageCallback implements MqttCallback {
    private final BiConsumer<String, byte[]> arrived;

    MessageCallback(BiConsumer<String, byte[]> arrived) {
        this.arrived = arrived;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.accept(topic, message.getPayload());
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
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
