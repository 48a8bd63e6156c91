package org.linli.central.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MQTT connection's sockets, over loopback: what Paho flushes reaches the broker, in fewer writes. */
class BufferedSocketsTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void aFlushedPacketReachesThePeer() throws IOException {
        try (Socket client = new BufferedSockets().createSocket("127.0.0.1", server.getLocalPort());
                Socket peer = server.accept()) {
            peer.setSoTimeout((int) WITHIN.toMillis());
            OutputStream out = client.getOutputStream();
            out.write(new byte[] {0x40, 0x02, 0x00, 0x07}); // a PUBACK for packet 7
            out.flush();
            assertArrayEquals(new byte[] {0x40, 0x02, 0x00, 0x07}, peer.getInputStream().readNBytes(4));
        }
    }

    @Test
    void packetsFlushedOneAfterAnotherGoOutInOneWrite() throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            peer.setSoTimeout((int) WITHIN.toMillis());
            AtomicInteger writes = new AtomicInteger();
            OutputStream counted = new FilterOutputStream(client.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writes.incrementAndGet();
                    out.write(b, off, len);
                }
            };
            // a linger far longer than the loop, so that the test does not depend on how fast this machine is
            BufferedSockets.Lingering out = new BufferedSockets.Lingering(counted, 2_000_000);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int id = 1; id <= 200; id++) {
                byte[] puback = {0x40, 0x02, (byte) (id >> 8), (byte) id};
                out.write(puback, 0, puback.length);
                out.flush();
                sent.write(puback, 0, puback.length);
            }
            assertArrayEquals(sent.toByteArray(), peer.getInputStream().readNBytes(sent.size()));
            assertEquals(1, writes.get(), "200 flushed packets, one write to the socket");
        }
    }

    @Test
    void closingTheSocketSendsWhatWasNotYetWritten() throws IOException {
        Socket client = new BufferedSockets().createSocket("127.0.0.1", server.getLocalPort());
        try (Socket peer = server.accept()) {
            peer.setSoTimeout((int) WITHIN.toMillis());
            client.getOutputStream().write(new byte[] {(byte) 0xE0, 0x00}); // DISCONNECT, not flushed
            client.close();
            InputStream in = peer.getInputStream();
            assertArrayEquals(new byte[] {(byte) 0xE0, 0x00}, in.readNBytes(2));
            assertEquals(-1, in.read(), "then the connection ends");
        }
    }

    @Test
    void aWriteThatFailedOnTheFlushersThreadIsThrownAtTheNextOne() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        OutputStream raw = client.getOutputStream();
        client.close(); // every write to it fails from now on
        BufferedSockets.Lingering out = new BufferedSockets.Lingering(raw, 1_000);
        out.write(new byte[] {0x40, 0x02, 0x00, 0x01}, 0, 4);
        out.flush(); // the write happens later, on the flusher's thread, and fails there
        IOException thrown = await().atMost(WITHIN).until(() -> {
            try {
                out.write(new byte[] {0x40, 0x02, 0x00, 0x02}, 0, 4);
                return null;
            } catch (IOException e) {
                return e;
            }
        }, e -> e != null);
        assertTrue(thrown.getMessage().contains("an earlier write to the broker failed"), thrown.getMessage());
        assertThrows(IOException.class, out::flush, "and at every one after it");
    }
}
