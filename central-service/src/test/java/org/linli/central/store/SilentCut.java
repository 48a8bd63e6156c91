package org.linli.central.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay to a local port whose connections can be silenced: bytes stop flowing both ways but nothing is closed,
 * as when a network between two machines goes away. Connections made afterwards flow again.
 */
final class SilentCut implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    private record Pair(Socket client, Socket upstream, AtomicBoolean silent) {
    }

    SilentCut(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("silent-cut-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on the connections open at this moment carry nothing, and nobody is told. */
    void silenceEveryConnection() {
        pairs.forEach(pair -> pair.silent().set(true));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                Pair pair = new Pair(client, upstream, new AtomicBoolean());
                pairs.add(pair);
                Thread.ofVirtual().start(() -> pump(pair, client, upstream));
                Thread.ofVirtual().start(() -> pump(pair, upstream, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void pump(Pair pair, Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (!pair.silent().get()) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // one side went: the relay of that pair ends with it
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pair pair : pairs) {
            pair.client().close();
            pair.upstream().close();
        }
    }
}
