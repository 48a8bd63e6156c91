package org.linli.central.store;

import java.util.function.Consumer;

/**
 * A cache that several central replicas forget together: the replica that changed what it holds forgets it and tells
 * the others (PostgreSQL's NOTIFY on the channel), which forget theirs at once rather than when their entries run out.
 * On SQLite (one process) there is no one to tell.
 */
public final class Forgetting implements AutoCloseable {
    private final String channel;
    private final Runnable forget;
    private volatile Broadcast others;

    public Forgetting(String channel, Runnable forget) {
        this.channel = channel;
        this.forget = forget;
    }

    /** Listens to the other replicas, when the database is shared. */
    public void share(Database db) {
        Consumer<String> told = text -> forget.run();
        // a replica that could not listen for a while may have missed a word: it forgets all
        others = db.broadcast(channel, told, since -> forget.run()).orElse(null);
    }

    /** Forgets here and in every other replica. */
    public void forget() {
        forget.run();
        Broadcast shared = others;
        if (shared != null) {
            shared.send("forget");
        }
    }

    @Override
    public void close() {
        Broadcast shared = others;
        others = null;
        if (shared != null) {
            shared.close();
        }
    }
}
