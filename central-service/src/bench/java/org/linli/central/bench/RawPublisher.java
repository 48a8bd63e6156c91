package org.linli.central.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * A minimal MQTT 5 QoS 1 publisher over a plain socket, for load generation only: Paho spends more CPU per message
 * than the service does, and on a 2-core machine the load generator would otherwise measure itself.
 */
public final class RawPublisher implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    public final Semaphore window;
    private final Thread reader;
    private int packetId;

    public RawPublisher(String host, int port, String clientId, int windowSize) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        window = new Semaphore(windowSize);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        // CONNECT: protocol name "MQTT", level 5, clean start, keep alive 60, no properties
        byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0};
        writePacket(0x10, variable, concat(new byte[] {(byte) (id.length >> 8), (byte) id.length}, id));
        out.flush();
        // buffered: the broker's PUBACKs come in bursts, and one read system call per byte would cost more than
        // the publishing itself
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        int type = in.readUnsignedByte();
        byte[] connack = new byte[remainingLength(in)];
        in.readFully(connack);
        if (type != 0x20 || connack[1] != 0) {
            throw new IOException("CONNACK refused: reason " + connack[1]);
        }
        reader = Thread.ofPlatform().daemon(true).name("raw-puback-" + clientId).start(() -> readAcks(in));
    }

    private void readAcks(DataInputStream in) {
        try {
            while (true) {
                in.readUnsignedByte();
                in.skipNBytes(remainingLength(in));
                window.release();
            }
        } catch (IOException closed) {
            // connection closed
        }
    }

    public void publish(String topic, byte[] payload) throws IOException, InterruptedException {
        publish(topic.getBytes(StandardCharsets.UTF_8), payload);
    }

    /** @param topic the topic name in UTF-8 (callers keep these rather than encode each time) */
    public void publish(byte[] topic, byte[] payload) throws IOException, InterruptedException {
        window.acquire();
        packetId = packetId % 65535 + 1;
        synchronized (out) {
            // PUBLISH, QoS 1: topic, packet id, no properties, payload
            writeLength(0x32, 2 + topic.length + 2 + 1 + payload.length);
            out.write(topic.length >> 8);
            out.write(topic.length);
            out.write(topic);
            out.write(packetId >> 8);
            out.write(packetId);
            out.write(0);
            out.write(payload);
        }
    }

    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    private void writePacket(int type, byte[] variable, byte[] payload) throws IOException {
        writeLength(type, variable.length + payload.length);
        out.write(variable);
        out.write(payload);
    }

    private void writeLength(int type, int length) throws IOException {
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
        do {
            digit = in.readUnsignedByte();
            value += (digit & 127) * multiplier;
            multiplier *= 128;
        } while ((digit & 128) != 0);
        return value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.write(new byte[] {(byte) 0xE0, 0});
            out.flush();
        }
        socket.close();
        reader.interrupt();
    }
}
