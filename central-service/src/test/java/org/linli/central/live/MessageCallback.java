package org.linli.central.live;

import java.util.function.BiConsumer;

/** The shared test callback ({@link org.linli.protocol.testing.MessageCallback}) handing over payloads as bytes. */
final class MessageCallback extends org.linli.protocol.testing.MessageCallback {
    MessageCallback(BiConsumer<String, byte[]> arrived) {
        super((topic, message) -> arrived.accept(topic, message.getPayload()));
    }
}
