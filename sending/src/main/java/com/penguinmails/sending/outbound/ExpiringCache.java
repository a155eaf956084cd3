package com.penguinmails.sending.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small per-container cache: a batch of messages sharing content and IPs reads each once. Entries expire so a
 * paused IP stops being used within {@code ttl}; the least recently used go first beyond {@code maxEntries}.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAtMillis) {}

    private final Map<K, Entry<V>> entries;
    private final Duration ttl;
    private final Clock clock;

    public ExpiringCache(int maxEntries, Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public synchronized V get(K key, Function<K, V> load) {
        long now = clock.millis();
        Entry<V> entry = entries.get(key);
        if (entry == null || entry.expiresAtMillis() <= now) {
            entry = new Entry<>(load.apply(key), now + ttl.toMillis());
            entries.put(key, entry);
        }
        return entry.value();
    }
}
