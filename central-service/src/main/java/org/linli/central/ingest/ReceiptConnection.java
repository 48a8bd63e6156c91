package org.linli.central.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The connection receipts go out on: a second MQTT 5 connection of the central service (client id
 * {@code <client-id>-receipts}, Clean Start, no session) that only publishes at QoS 0. Paho spends a system call and
 * two thread hand-offs on every publish, more CPU than storing the message; receipts are many small messages sent
 * together every 100 ms, so they are written into one buffer here and go out with one system call.
 *
 * <p>It keeps itself connected on its own thread, with a doubling pause between attempts, and pings the broker when
 * nothing was written for a while. What is sent while it is down is dropped: a receipt that does not arrive only
 * makes the agent send the message again. Writing happens on a thread of its own, so a broker that stops reading
 * never holds up ingestion: what does not fit in the queue to it is dropped the same way.
 */
public final class ReceiptConnection implements Receipts.Sender, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceiptConnection.class.getName());
    private static final int KEEP_ALIVE_S = 60;
    private static final long RECONNECT_MIN_MS = 250;
    private static final long RECONNECT_MAX_MS = 30_000;
    /** Bounds the receipts gathered between two flushes (a burst is ~100 bytes per device). */
    private static final int MAX_PENDING_BYTES = 1 << 20;

    private final String host;
    private final int port;
    private final boolean tls;
    private final String clientId;
    private final String username;
    private final String password;
    private final long pingEveryMs;
    private final Object lock = new Object();
    private final BlockingQueue<byte[]> toWrite = new ArrayBlockingQueue<>(16);
    private final AtomicLong pingResponses = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread reader;
    private final Thread writer;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
    /** Guarded by {@link #lock}; null while down. */
    private Socket socket;
    private OutputStream out;
    private long lastWriteMs;
    private volatile boolean connected;
    private volatile boolean closed;

    /**
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param username empty for none
     * @param pingEvery how long without writing before a PINGREQ (under half of the 60 s keep-alive asked for)
     */
    public ReceiptConnection(String url, String clientId, String username, String password, Duration pingEvery) {
        URI uri = URI.create(url);
        this.tls = uri.getScheme().equals("ssl");
        if (!tls && !uri.getScheme().equals("tcp")) {
            throw new IllegalArgumentException("receipts go over tcp:// or ssl://, not " + url);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.pingEveryMs = pingEvery.toMillis();
        this.reader = Thread.ofPlatform().name("linli-receipts").daemon(true).unstarted(this::connectAndRead);
        this.writer = Thread.ofPlatform().name("linli-receipts-writer").daemon(true).unstarted(this::write);
    }

    /** Whether {@code url} is one this connection can use (else receipts go through Paho). */
    public static boolean supports(String url) {
        return url.startsWith("tcp://") || url.startsWith("ssl://");
    }

    public void start() {
        reader.start();
        writer.start();
    }

    /** Adds a QoS 0 PUBLISH to what the next {@link #flush} sends; false when down (the receipt is lost). */
    @Override
    public boolean send(String topic, byte[] payload) {
        if (!connected || pending.size() > MAX_PENDING_BYTES) {
            dropped.incrementAndGet();
            return false;
        }
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        // PUBLISH, QoS 0, not retained: topic name, no packet id, no properties, payload
        writeHeader(pending, 0x30, 2 + name.length + 1 + payload.length);
        pending.write(name.length >> 8);
        pending.write(name.length);
        pending.writeBytes(name);
        pending.write(0);
        pending.writeBytes(payload);
        return true;
    }

    /** Hands what was sent since the last flush to the writer thread. */
    @Override
    public void flush() {
        if (pending.size() == 0) {
            return;
        }
        if (!toWrite.offer(pending.toByteArray())) {
            dropped.incrementAndGet();
        }
        pending = new ByteArrayOutputStream(Math.max(8192, pending.size()));
    }

    boolean connected() {
        return connected;
    }

    /** PINGRESPs received: for tests that the connection keeps itself alive. */
    long pingResponses() {
        return pingResponses.get();
    }

    private void write() {
        while (!closed) {
            byte[] bytes;
            try {
                bytes = toWrite.poll(pingEveryMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (out == null) {
                    continue;
                }
                long now = System.nanoTime() / 1_000_000;
                try {
                    if (bytes != null) {
                        out.write(bytes);
                    } else if (now - lastWriteMs >= pingEveryMs) {
                        out.write(new byte[] {(byte) 0xC0, 0});
                    } else {
                        continue;
                    }
                    out.flush();
                    lastWriteMs = now;
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "writing receipts failed: " + e.getMessage());
                    closeSocket();
                }
            }
        }
    }

    private void connectAndRead() {
        long delay = RECONNECT_MIN_MS;
        while (!closed) {
            try (Socket s = open()) {
                DataInputStream in = handshake(s);
                synchronized (lock) {
                    socket = s;
                    out = s.getOutputStream();
                    lastWriteMs = System.nanoTime() / 1_000_000;
                }
                connected = true;
                delay = RECONNECT_MIN_MS;
                LOG.log(Level.INFO, "receipts connected to " + host + ":" + port);
                read(in);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, "receipts connection to " + host + ":" + port + ": " + e.getMessage());
                }
            } finally {
                connected = false;
                synchronized (lock) {
                    socket = null;
                    out = null;
                }
            }
            synchronized (lock) {
                try {
                    if (!closed) {
                        // a pause, not a wait for something: close() cuts it short
                        lock.wait(delay);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            delay = Math.min(delay * 2, RECONNECT_MAX_MS);
        }
    }

    private Socket open() throws IOException {
        Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), 10_000);
            s.setTcpNoDelay(true);
            if (s instanceof SSLSocket ssl) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
            }
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** CONNECT, then the CONNACK: refused unless its reason code is 0. */
    private DataInputStream handshake(Socket s) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean credentials = !username.isEmpty();
        // protocol name "MQTT", level 5, flags (Clean Start, user name and password when given), keep alive,
        // no properties
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, (byte) (credentials ? 0xC2 : 0x02),
                (byte) (KEEP_ALIVE_S >> 8), (byte) KEEP_ALIVE_S, 0});
        string(body, clientId.getBytes(StandardCharsets.UTF_8));
        if (credentials) {
            string(body, username.getBytes(StandardCharsets.UTF_8));
            string(body, password.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        writeHeader(connect, 0x10, body.size());
        body.writeTo(connect);
        OutputStream o = s.getOutputStream();
        o.write(connect.toByteArray());
        o.flush();

        s.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        int type = in.readUnsignedByte();
        byte[] connack = new byte[remainingLength(in)];
        in.readFully(connack);
        if (type != 0x20 || connack.length < 2) {
            throw new IOException("expected a CONNACK, got packet type 0x" + Integer.toHexString(type));
        }
        if (connack[1] != 0) {
            throw new IOException("the broker refused the connection: reason 0x"
                    + Integer.toHexString(connack[1] & 0xff));
        }
        // reads wake up at least this often, so a dead connection is noticed by the broker's DISCONNECT or EOF
        s.setSoTimeout((int) Math.max(1000, pingEveryMs * 3));
        return in;
    }

    /** Until the connection ends: counts PINGRESPs, skips anything else, returns at DISCONNECT or EOF. */
    private void read(DataInputStream in) throws IOException {
        while (!closed) {
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (SocketTimeoutException quiet) {
                continue;
            } catch (EOFException eof) {
                return;
            }
            in.skipNBytes(remainingLength(in));
            if (type == 0xD0) {
                pingResponses.incrementAndGet();
            } else if (type == 0xE0) {
                LOG.log(Level.WARNING, "the broker closed the receipts connection");
                return;
            }
        }
    }

    private void closeSocket() {
        synchronized (lock) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "closing the receipts socket: " + e.getMessage());
                }
            }
            socket = null;
            out = null;
        }
    }

    private static void string(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static void writeHeader(ByteArrayOutputStream out, int type, int length) {
        out.write(type);
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        int multiplier = 1;
        int digit;
        int bytes = 0;
        do {
            digit = in.readUnsignedByte();
            value += (digit & 127) * multiplier;
            multiplier *= 128;
            if (++bytes > 4) {
                throw new IOException("malformed remaining length");
            }
        } while ((digit & 128) != 0);
        return value;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (out != null) {
                try {
                    out.write(new byte[] {(byte) 0xE0, 0});
                    out.flush();
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "no clean DISCONNECT for receipts: " + e.getMessage());
                }
            }
            lock.notifyAll();
        }
        closeSocket();
        writer.interrupt();
        reader.interrupt();
    }
}
