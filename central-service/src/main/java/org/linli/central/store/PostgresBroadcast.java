package org.linli.central.store;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@link Broadcast} over LISTEN/NOTIFY on a channel: a connection of its own listens (and listens again after the
 * database was lost), sending goes through the pool on one thread, so texts arrive in the order they were sent. Each
 * text carries this process's origin, so it is not delivered back here.
 */
final class PostgresBroadcast implements Broadcast {
    private static final System.Logger LOG = System.getLogger(PostgresBroadcast.class.getName());
    private static final long POLL_MS = 500;

    private final String url;
    private final String channel;
    private final Consumer<String> receiver;
    private final PostgresDatabase db;
    private final String origin = UUID.randomUUID().toString();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("linli-broadcast-send").daemon(true).factory());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Thread listener;

    PostgresBroadcast(PostgresDatabase db, String url, String channel, Consumer<String> receiver) {
        if (!channel.matches("[a-z_]{1,40}")) {
            throw new IllegalArgumentException("a channel is a plain lower-case name, not " + channel);
        }
        this.db = db;
        this.url = url;
        this.channel = channel;
        this.receiver = receiver;
        this.listener = Thread.ofPlatform().name("linli-broadcast-listen").daemon(true).start(this::listen);
    }

    /** Waits until the channel is listened to (a text sent before that is not received here). */
    boolean awaitListening(long millis) throws InterruptedException {
        return listening.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void send(String text) {
        String payload = origin + " " + text;
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            LOG.log(Level.WARNING, "not broadcast: " + payload.length() + " characters is too long for NOTIFY");
            return;
        }
        sender.execute(() -> {
            try {
                db.read(c -> {
                    try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                        st.setString(1, channel);
                        st.setString(2, payload);
                        st.execute();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a broadcast on " + channel + " was lost: " + e.getMessage());
            }
        });
    }

    private void listen() {
        while (closed.getCount() > 0) {
            try (Connection c = DriverManager.getConnection(url)) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (closed.getCount() > 0) {
                    PGNotification[] arrived = pg.getNotifications((int) POLL_MS);
                    if (arrived != null) {
                        for (PGNotification n : arrived) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.getCount() > 0) {
                    LOG.log(Level.WARNING, "listening on " + channel + " failed; again in a second: " + e.getMessage());
                    try {
                        closed.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private void deliver(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(origin)) {
            return;
        }
        try {
            receiver.accept(payload.substring(space + 1));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a broadcast receiver failed: " + e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
            listener.join(2 * POLL_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
