package org.linli.agent.hardware;

import java.util.function.Consumer;

/** A door's QR reader: delivers each scanned text. {@link #close} stops it. */
public interface QrReader extends AutoCloseable {
    void start(Consumer<String> onText);

    @Override
    void close();
}
