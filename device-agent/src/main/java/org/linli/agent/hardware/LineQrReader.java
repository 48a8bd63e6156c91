package org.linli.agent.hardware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A reader that delivers one scan per text line: a scanner in serial (CDC) mode, a FIFO, a file. The stream is
 * reopened when it ends (a FIFO whose writer closed, a scanner unplugged), after a pause.
 */
public final class LineQrReader implements QrReader {
    private static final System.Logger LOG = System.getLogger(LineQrReader.class.getName());
    /** Longer lines are not tokens; cutting them keeps a babbling device from filling the heap. */
    static final int MAX_LINE = 512;

    private final String name;
    private final StreamSource source;
    private volatile boolean running = true;
    private volatile InputStream current;
    private Thread thread;

    /** Opens the stream; called again after it ends. */
    public interface StreamSource {
        InputStream open() throws IOException;
    }

    public LineQrReader(String name, StreamSource source) {
        this.name = name;
        this.source = source;
    }

    public static LineQrReader of(String name, Supplier<InputStream> once) {
        return new LineQrReader(name, once::get);
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
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "reader {0}: {1}; reopening", name, e.getMessage());
                }
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
