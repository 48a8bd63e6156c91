package org.linli.agent.hardware;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineQrReaderTest {
    private final Logger logger = Logger.getLogger(LineQrReader.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
        logger.setLevel(null);
    }

    @Test
    void aConsoleThatEndsIsReadOnceAndNotRetried() {
        // like System.in: a buffered stream that throws "Stream closed" when read again after it was closed
        InputStream stdin = new BufferedInputStream(new ByteArrayInputStream(
                "scan room-1 LL1:ABC\n".getBytes(StandardCharsets.UTF_8)));
        List<String> lines = new CopyOnWriteArrayList<>();
        LineQrReader reader = LineQrReader.console("console-test", stdin);
        reader.start(lines::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> !readerThreadAlive("reader-console-test"));
        assertEquals(List.of("scan room-1 LL1:ABC"), lines);
        assertEquals(1, records.size(), "one line says the console ended, nothing is retried: " + messages());
        assertEquals(Level.INFO, records.getFirst().getLevel());
        reader.close();
    }

    @Test
    void aDeviceThatEndsIsOpenedAgain() {
        AtomicInteger opens = new AtomicInteger();
        LineQrReader reader = new LineQrReader("fifo-test", () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream("LL1:X\n".getBytes(StandardCharsets.UTF_8));
        });
        List<String> lines = new CopyOnWriteArrayList<>();
        reader.start(lines::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> opens.get() >= 2);
            assertTrue(lines.size() >= 1 && lines.stream().allMatch("LL1:X"::equals), lines.toString());
            assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                    messages());
        } finally {
            reader.close();
        }
    }

    private static boolean readerThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private String messages() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList().toString();
    }
}
