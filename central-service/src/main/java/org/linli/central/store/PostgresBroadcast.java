package org.linli.central.store;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * {@link Broadcast} over LISTEN/NOTIFY on a channel, through the {@link PostgresChannels} of its database (one
 * listening connection and one sending thread for all its channels), so texts arrive in the order they were sent.
 * Each text carries this broadcast's origin, so it is not delivered back here.
 */
final class PostgresBroadcast implements Broadcast {
    private static final System.Logger LOG = System.getLogger(PostgresBroadcast.class.getName());

    private final PostgresChannels channels;
    private final String channel;
    private final Consumer<String> receiver;
    private final LongConsumer missed;
    private final String origin = UUID.randomUUID().toString();

    PostgresBroadcast(PostgresChannels channels, String channel, Consumer<String> receiver, LongConsumer missed) {
        if (!channel.matches("[a-z_]{1,40}")) {
            throw new IllegalArgumentException("a channel is a plain lower-case name, not " + channel);
        }
        this.channels = channels;
        this.channel = channel;
        this.receiver = receiver;
        this.missed = missed;
    }

    String channel() {
        return channel;
    }

    @Override
    public void send(String text) {
        String payload = origin + " " + text;
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            LOG.log(Level.WARNING, "not broadcast: " + payload.length() + " characters is too long for NOTIFY");
            return;
        }
        channels.send(channel, payload);
    }

    /** Called on the listening thread with every text that arrived on the channel. */
    void deliver(String payload) {
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

    /** Called on the listening thread once it listens again after its connection was lost, since when it was. */
    void missed(long sinceMillis) {
        try {
            missed.accept(sinceMillis);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "catching up on " + channel + " failed: " + e);
        }
    }

    @Override
    public void close() {
        channels.remove(this);
    }
}
