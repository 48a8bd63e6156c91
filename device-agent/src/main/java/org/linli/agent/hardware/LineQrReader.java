package org.linli.agent.hardware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A reader that delivers one scan per text line: a scanner in serial (CDC) mode, a FIFO, a file. The stream is
 * reopened when it ends (a FIFO whose writer closed, a scanner unplugged), after a pause. A {@link #console}
 * is read once: when it ends it is gone for good.
 */
public final class LineQrReader implements QrReader {
    private static final System.Logger LOG = System.getLogger(LineQrReader.class.getName());
    /** Longer lines are not tokens; cutting them keeps a babbling device from filling the heap. */
    static final int MAX_LINE = 512;

    private final String name;
    private final StreamSource source;
    private final boolean reopen;
    private volatile boolean running = true;
    private volatile InputStream current;
    private Thread thread;

    /** Opens the stream; called again after it ends. */
    public interface StreamSource {
        InputStream open() throws IOException;
    }

    public LineQrReader(String name, StreamSource source) {
        this(name, source, true);
    }

    private LineQrReader(String name, StreamSource source, boolean reopen) {
        this.name = name;
        this.source = source;
        this.reopen = reopen;
    }

    /**
     * A console such as standard input, read until it ends. Under a service manager or with {@code < /dev/null}
     * it ends at once; that is no fault to retry (the stream cannot be opened again), so the reader just stops.
     */
    public static LineQrReader console(String name, InputStream in) {
        return new LineQrReader(name, () -> in, false);
    }

    @Override
    public void start(Consumer<String> onText) {
        thread = new Thread(() -> run(onText), "reader-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<String> onText) {
        while (running) {
            try (InputStream in = source.open();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                current = in;
                for (String line = lines.readLine(); line != null && running; line = lines.readLine()) {
                    String text = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
                    if (!text.isBlank()) {
                        onText.accept(text);
                    }
                }
            } catch (IOException e) {
                if (running && reopen) {
                    LOG.log(System.Logger.Level.WARNING, "reader {0}: {1}; reopening", name, e.getMessage());
                }
            }
            if (running && !reopen) {
                LOG.log(System.Logger.Level.INFO, "reader {0} ended; nothing more is read from it", name);
                return;
            }
            if (running && !pause()) {
                return;
            }
        }
    }

    private boolean pause() {
        try {
            // a missing device is retried once a second, not in a busy loop
            Thread.sleep(1000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing reader " + name, e);
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
