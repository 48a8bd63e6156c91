package org.linli.central.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The broadcast channels of one {@link PostgresDatabase}: a single connection of their own LISTENs on every channel
 * that has a receiver here, read by a single thread that hands each notification to its channel's receivers; texts
 * are sent through the pool on a single other thread, so they leave in the order they were sent, whatever their
 * channel. Before, each channel had a connection and two threads of its own.
 *
 * <p>The connection belongs to the listening thread alone. Others ask it for a LISTEN or UNLISTEN through a queue
 * that it reads between two polls of the connection, and wait on the request's latch; what it executes follows the
 * receivers present at that moment (LISTEN when the channel has some, UNLISTEN when it has none), so requests that
 * cross each other end right. After the connection was lost it connects again every second, LISTENs again on every
 * channel that has receivers and tells them since when they may have missed texts (NOTIFY keeps nothing for a
 * connection that is not there), so that they can catch up.
 */
final class PostgresChannels implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PostgresChannels.class.getName());
    /** How long the listening thread waits for a notification before it reads its queue again. */
    private static final int POLL_MS = 100;
    /** The listening connection's name in pg_stat_activity, for whoever looks at the server. */
    static final String APPLICATION_NAME = "linli-listen";
    /** How often the listening thread asks whether its connection still answers, and how long it waits for that. */
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int CHECK_WITHIN_S = 5;

    private final String url;
    private final PostgresDatabase db;
    private final Map<String, List<PostgresBroadcast>> receivers = new ConcurrentHashMap<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("linli-broadcast-send").daemon(true).factory());
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The channels LISTENed on the current connection: the listening thread's alone. */
    private final Set<String> listened = new HashSet<>();
    private final Thread listener;

    private interface Sql {
        void run(Connection connection) throws SQLException;
    }

    /** Work for the listening thread, on its connection; done is counted down once it ran. */
    private record Request(Sql sql, CountDownLatch done) {
        Request(Sql sql) {
            this(sql, new CountDownLatch(1));
        }
    }

    PostgresChannels(PostgresDatabase db, String url) {
        this.db = db;
        this.url = url;
        this.listener = Thread.ofPlatform().name("linli-broadcast-listen").daemon(true).start(this::listen);
    }

    /**
     * Hands the channel's texts to the broadcast from now on. Answers once the channel is listened to, or false when
     * it is not yet after millis (the database does not answer; it will be as soon as it does).
     */
    boolean add(PostgresBroadcast broadcast, long millis) throws InterruptedException {
        receivers.compute(broadcast.channel(), (channel, present) -> {
            List<PostgresBroadcast> list = present == null ? new CopyOnWriteArrayList<>() : present;
            list.add(broadcast);
            return list;
        });
        Request request = new Request(c -> follow(c, broadcast.channel()));
        requests.add(request);
        return request.done().await(millis, TimeUnit.MILLISECONDS);
    }

    /** Hands the broadcast nothing more; the channel is UNLISTENed soon after when it was its last receiver here. */
    void remove(PostgresBroadcast broadcast) {
        receivers.computeIfPresent(broadcast.channel(), (channel, list) -> {
            list.remove(broadcast);
            return list.isEmpty() ? null : list;
        });
        if (closed.getCount() > 0) {
            requests.add(new Request(c -> follow(c, broadcast.channel())));
        }
    }

    /** The channels the listening connection listens on, as the server says, or null when it did not answer. */
    List<String> listening(long millis) throws InterruptedException {
        List<String> channels = new CopyOnWriteArrayList<>();
        Request request = new Request(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rows = st.executeQuery("SELECT pg_listening_channels() ORDER BY 1")) {
                while (rows.next()) {
                    channels.add(rows.getString(1));
                }
            }
        });
        requests.add(request);
        return request.done().await(millis, TimeUnit.MILLISECONDS) ? List.copyOf(channels) : null;
    }

    /** Sends a text (origin included) on the channel, after every text sent before on any channel. */
    void send(String channel, String payload) {
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

    /** LISTENs on the channel when it has receivers here, UNLISTENs when it has none any more. */
    private void follow(Connection connection, String channel) throws SQLException {
        boolean wanted = receivers.containsKey(channel);
        if (wanted != listened.contains(channel)) {
            try (Statement st = connection.createStatement()) {
                st.execute((wanted ? "LISTEN " : "UNLISTEN ") + channel);
            }
            if (wanted) {
                listened.add(channel);
            } else {
                listened.remove(channel);
            }
        }
    }

    private void listen() {
        // The last moment the connection was known to hear everything (it had just connected, or it answered): after
        // it was lost, the receivers are told that what was sent since then may not have reached them.
        long heard = 0;
        while (closed.getCount() > 0) {
            listened.clear();
            try (Connection c = connect()) {
                for (String channel : new ArrayList<>(receivers.keySet())) {
                    follow(c, channel);
                }
                if (heard > 0) {
                    LOG.log(Level.INFO, "listening again on " + listened + " after the connection was lost; what was"
                            + " sent since " + java.time.Instant.ofEpochMilli(heard) + " may have been missed");
                    missed(heard);
                }
                heard = System.currentTimeMillis();
                PGConnection pg = c.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (closed.getCount() > 0) {
                    if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
                        // waiting for notifications sends nothing: a connection cut without a word would go unnoticed
                        long asked = System.currentTimeMillis();
                        if (!c.isValid(CHECK_WITHIN_S)) {
                            throw new SQLException("the listening connection does not answer");
                        }
                        heard = asked;
                        checked = System.nanoTime();
                    }
                    // a request that failed with the connection stays queued and runs again on the next one
                    for (Request request = requests.peek(); request != null; request = requests.peek()) {
                        request.sql().run(c);
                        requests.remove();
                        request.done().countDown();
                    }
                    PGNotification[] arrived = pg.getNotifications(POLL_MS);
                    if (arrived != null) {
                        for (PGNotification n : arrived) {
                            deliver(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.getCount() > 0) {
                    LOG.log(Level.WARNING, "listening on " + receivers.keySet() + " failed; again in a second: "
                            + e.getMessage());
                    try {
                        closed.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(url, properties);
    }

    private void missed(long since) {
        for (List<PostgresBroadcast> list : receivers.values()) {
            for (PostgresBroadcast broadcast : list) {
                broadcast.missed(since);
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (PostgresBroadcast broadcast : receivers.getOrDefault(channel, List.of())) {
            broadcast.deliver(payload);
        }
    }

    /** Sends what is still queued (for a while), then stops listening. */
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
