package org.linli.protocol;

/** A topic that is not part of the Linli MQTT tree. */
public final class TopicException extends Exception {
    public TopicException(String message) {
        super(message);
    }
}
