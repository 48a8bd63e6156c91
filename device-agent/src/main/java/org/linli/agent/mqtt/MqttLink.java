package org.linli.agent.mqtt;

import java.util.function.BiConsumer;

/**
 * The agent's one way to the broker. Implementations keep the link up by themselves (reconnect with backoff,
 * resubscribe, online status) and call their listeners on their own threads, which must hand work on at once.
 */
public interface MqttLink extends AutoCloseable {
    /** Called when a publish is acknowledged by the broker (QoS 1) or has failed. */
    interface Delivery {
        void acknowledged();

        void failed(Throwable cause);
    }

    /** Connects in the background and keeps connecting until {@link #close}. */
    void start();

    boolean connected();

    /** Subscribes now and after every reconnect; {@code handler} gets (topic, payload). */
    void subscribe(String topic, BiConsumer<String, byte[]> handler);

    /** Called after every successful (re)connect, once subscriptions and the online status are sent. */
    void onConnected(Runnable listener);

    /**
     * Publishes at QoS 1.
     *
     * @throws LinkBusyException when too many publishes are in flight: retry after an acknowledgement
     * @throws LinkDownException when not connected
     */
    void publish(String topic, byte[] payload, boolean retained, Delivery delivery)
            throws LinkBusyException, LinkDownException;

    /** Publishes the offline status and disconnects cleanly. */
    @Override
    void close();

    final class LinkBusyException extends Exception {
        public LinkBusyException(String message) {
            super(message);
        }
    }

    final class LinkDownException extends Exception {
        public LinkDownException(String message) {
            super(message);
        }
    }
}
