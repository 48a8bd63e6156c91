package org.linli.kiosk;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.linli.protocol.testing.MessageCallback;

/**
 * A room's people counter as the device agent is one: an MQTT client that publishes occupancy readings to the
 * broker the central service ingests from (hub-protocol's topics).
 */
public final class RoomSensor implements AutoCloseable {
    private final MqttClient client;
    private final String device;
    private final String room;
    private final InstantSource clock;
    private long seq;

    public RoomSensor(String brokerUrl, String device, String room, InstantSource clock) throws MqttException {
        this.client = new MqttClient(brokerUrl, device, new MemoryPersistence());
        this.device = device;
        this.room = room;
        this.clock = clock;
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    /**
     * Waits for the hub's access keys, which the central service publishes once it has subscribed to the devices:
     * a reading sent before that would be lost.
     */
    public void awaitCentral(String hub) throws Exception {
        CompletableFuture<byte[]> keys = new CompletableFuture<>();
        client.setCallback(new MessageCallback((topic, message) -> {
            keys.complete(message.getPayload());
        }));
        client.subscribe("linli/v1/hubs/" + hub + "/access/keys", 1);
        keys.get(20, TimeUnit.SECONDS);
    }

    public void counted(boolean occupied, int count) throws MqttException {
        String reading = "{\"ts\":" + clock.instant().toEpochMilli() + ",\"seq\":" + (++seq) + ",\"room\":\"" + room
                + "\",\"occupied\":" + occupied + ",\"count\":" + count + ",\"source\":\"beam\"}";
        client.publish("linli/v1/devices/" + device + "/occupancy", reading.getBytes(StandardCharsets.UTF_8), 1,
                false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
