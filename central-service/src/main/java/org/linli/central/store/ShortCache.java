package org.linli.central.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rows that rarely change but are needed on every request (a room, a hub, who a kiosk key belongs to), kept for a
 * few seconds. The owner clears it whenever it writes those rows, so this process never serves a stale one; another
 * replica's edit shows after at most the time to live. Misses are not kept, so unknown ids cannot fill it, and it
 * is emptied when it grows past its bound.
 */
public final class ShortCache<K, V> {
    private record Entry<V>(V value, long bornNanos, long generation) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    // An entry loaded before a clear() belongs to an older generation and is ignored, even if it lands afterwards.
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;

    public ShortCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public Optional<V> get(K key, Supplier<Optional<V>> load) {
        long now = System.nanoTime();
        long current = generation.get();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.generation() == current && now - entry.bornNanos() < ttlNanos) {
            return Optional.of(entry.value());
        }
        Optional<V> loaded = load.get();
        if (loaded.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(loaded.get(), now, current));
        } else {
            entries.remove(key);
        }
        return loaded;
    }

    /** Forgets everything; call after writing what the entries were read from. */
    public void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
