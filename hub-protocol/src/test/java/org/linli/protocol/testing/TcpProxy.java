package org.linli.protocol.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on the loopback interface between a program and what it talks to (a broker, the central service),
 * which a test breaks the way networks and devices break:
 * <ul>
 *   <li>{@link #cut()}: every open connection is closed, new ones are let through (a flaky link);</li>
 *   <li>{@link #bar()} / {@link #unbar()}: new connections are closed as soon as they are accepted (an outage the
 *       program keeps retrying through);</li>
 *   <li>{@link #kill()}: every open connection is reset, with no orderly close, and the port stops listening (the
 *       device lost power, the network is gone); {@link #restore()} listens on the same port again.</li>
 *   <li>{@link #loseAnswers(boolean)}: requests still reach the target, but each connection is closed when the
 *       target's answer comes back, before the program sees a byte of it (the link failed after the request went
 *       out: the program cannot know whether it was done).</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile boolean barred;
    private volatile boolean losingAnswers;
    private int port;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        restore();
    }

    /** The port programs connect to instead of the target's. */
    public int port() {
        return port;
    }

    /** Listens (again, on the same port after a {@link #kill()}). */
    public synchronized void restore() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        port = socket.getLocalPort();
        listener = socket;
        Thread.ofPlatform().daemon(true).name("proxy-accept").start(() -> accept(socket));
    }

    /** Closes every connection through the proxy now; new ones are let through unless {@link #bar}red. */
    public void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Cuts, and keeps closing new connections until {@link #unbar}. */
    public void bar() {
        barred = true;
        cut();
    }

    public void unbar() {
        barred = false;
    }

    /** While set, what the target sends back is dropped and the connection closed instead. */
    public void loseAnswers(boolean lose) {
        losingAnswers = lose;
    }

    /** Resets every connection at once (no orderly close) and stops listening until {@link #restore()}. */
    public synchronized void kill() throws IOException {
        listener.close();
        // every socket set to reset before any is closed: a pump that sees its side go closes the other side, which
        // would otherwise end in an orderly close
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException alreadyClosed) {
                // nothing to reset
            }
        }
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            if (barred) {
                closeQuietly(client);
                continue;
            }
            Socket target;
            try {
                target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException targetDown) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(target);
            pump(client, target, false);
            pump(target, client, true);
        }
    }

    /** @param answers whether this is the target's side, whose bytes {@link #loseAnswers} drops */
    private void pump(Socket from, Socket to, boolean answers) {
        Thread.ofPlatform().daemon(true).name("proxy-pump").start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (answers && losingAnswers) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException gone) {
                // the other side or the test closed the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
