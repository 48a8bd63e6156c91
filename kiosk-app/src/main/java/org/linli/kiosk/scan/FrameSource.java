package org.linli.kiosk.scan;

import java.io.IOException;

/** Where camera frames come from: a camera command, or files for tests and the demo. */
public interface FrameSource extends AutoCloseable {
    /** The next frame, blocking until there is one; null when the source has ended. */
    Frame next() throws IOException;

    @Override
    void close();
}
