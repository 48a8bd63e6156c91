package org.linli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.protocol.Topics;
import org.linli.protocol.testing.MosquittoBroker;

class EmbeddedBrokerTest {

    @Test
    void keepsRetainedKeysAcrossARestart(@TempDir Path dir) throws Exception {
        int port = MosquittoBroker.freePort();
        byte[] keys = "[{\"kid\":\"1\",\"alg\":\"Ed25519\",\"key\":\"AAAA\"}]".getBytes(StandardCharsets.UTF_8);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, port)) {
            MqttClient publisher = connect(broker.url(), "central");
            MqttMessage message = new MqttMessage(keys, 1, true, new MqttProperties());
            publisher.publish(Topics.accessKeys("xh-wt66"), message);
            publisher.disconnect();
            publisher.close();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, port)) {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            MqttClient door = new MqttClient(broker.url(), "door-1", new MemoryPersistence());
            door.setCallback(new Collector(received));
            door.connect(new MqttConnectionOptions());
            door.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.accessKeys("xh-wt66"), 1)});
            MqttMessage retained = received.poll(20, TimeUnit.SECONDS);
            assertArrayEquals(keys, retained.getPayload());
            assertEquals(true, retained.isRetained());
            door.disconnect();
            door.close();
        }
    }

    private static MqttClient connect(String url, String id) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        return client;
    }

    private record Collector(BlockingQueue<MqttMessage> received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(message);
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
}
