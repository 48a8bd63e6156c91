package org.linli.central.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered. Paho reads each packet's fixed header a byte at a time straight from the
 * socket, so without a buffer every device message costs three or four read system calls; with one, a read takes
 * whatever the broker has sent, often hundreds of messages. (Paho buffers its output itself.) Paho's receiver asks how
 * much is available before each packet: the buffer answers that too, not the socket.
 */
final class BufferedSockets extends SocketFactory {
    private static final int BUFFER = 1 << 16;

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

    private static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Buffered(super.getInputStream());
            }
            return in;
        }
    }
}
