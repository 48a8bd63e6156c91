package org.linli.central.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.linli.central.timers.Timers;

/**
 * Plain TCP sockets whose input is buffered. Paho reads each packet's fixed header a byte at a time straight from the
 * socket, so without a buffer every device message costs three or four read system calls; with one, a read takes
 * whatever the broker has sent, often hundreds of messages. Paho's receiver asks how much is available before each
 * packet: the buffer answers that too, not the socket.
 *
 * <p>Output is buffered too, and a flush waits {@link #FLUSH_LINGER_MICROS} for more: Paho flushes after every packet
 * it sends, and the acknowledging thread hands it a batch's PUBACKs (hundreds) one after the other, so without this
 * every stored message costs a write system call on Paho's sending thread and a read on the broker's.
 */
final class BufferedSockets extends SocketFactory {
    private static final int BUFFER = 1 << 16;
    /**
     * How long a flushed packet may wait for the next ones. A batch's acknowledgements are handed over within a
     * fraction of a millisecond; a millisecond more before the broker sees them, or a door its command, is nothing.
     */
    static final long FLUSH_LINGER_MICROS = 1_000;
    private static final class Flusher {
        static final ScheduledExecutorService THREAD = Timers.single("linli-mqtt-flush");
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(localHost, localPort));
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
        socket.connect(new java.net.InetSocketAddress(address, port));
        return socket;
    }

    /**
     * Paho asks {@code available()} before every packet it reads (only to know whether a packet is on its way); a
     * buffered stream would ask the socket each time, an {@code ioctl} per message. What is buffered answers.
     */
    private static final class Buffered extends BufferedInputStream {
        Buffered(InputStream in) {
            super(in, BUFFER);
        }

        @Override
        public synchronized int available() throws IOException {
            if (in == null) {
                throw new IOException("Stream closed");
            }
            return count - pos;
        }
    }

    /**
     * Writes reach the socket when the buffer is full or {@link #FLUSH_LINGER_MICROS} after a flush, on the flusher's
     * thread. A failed write there is thrown at the next write or flush (Paho then drops the connection, and the
     * broker sends again whatever was not acknowledged).
     */
    static final class Lingering extends OutputStream {
        private final OutputStream socket;
        private final byte[] buffer = new byte[BUFFER];
        private final long lingerMicros;
        private int count;
        private boolean flushPending;
        private IOException failed;

        Lingering(OutputStream socket, long lingerMicros) {
            this.socket = socket;
            this.lingerMicros = lingerMicros;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            throwIfFailed();
            if (length > buffer.length - count) {
                drain();
                if (length > buffer.length) {
                    socket.write(bytes, offset, length);
                    return;
                }
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        @Override
        public synchronized void flush() throws IOException {
            throwIfFailed();
            if (count == 0 || flushPending) {
                return;
            }
            flushPending = true;
            try {
                Flusher.THREAD.schedule(this::flushQuietly, lingerMicros, TimeUnit.MICROSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                flushPending = false;
                drain();
            }
        }

        /** Writes what is buffered now; on closing the socket, so that a last DISCONNECT still goes out. */
        synchronized void drain() throws IOException {
            throwIfFailed();
            if (count > 0) {
                try {
                    socket.write(buffer, 0, count);
                    socket.flush();
                } catch (IOException e) {
                    failed = e;
                    throw e;
                } finally {
                    count = 0;
                }
            }
        }

        private synchronized void flushQuietly() {
            flushPending = false;
            try {
                drain();
            } catch (IOException e) {
                // kept in failed: the next write or flush throws it
            }
        }

        private void throwIfFailed() throws IOException {
            if (failed != null) {
                throw new IOException("an earlier write to the broker failed: " + failed.getMessage(), failed);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                socket.close();
            }
        }
    }

    private static final class BufferedSocket extends Socket {
        private InputStream in;
        private Lingering out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Buffered(super.getInputStream());
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new Lingering(super.getOutputStream(), FLUSH_LINGER_MICROS);
            }
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                if (out != null && !isClosed()) {
                    out.drain();
                }
            } catch (IOException alreadyBroken) {
                // closing anyway
            } finally {
                super.close();
            }
        }
    }
}
