package com.penguinmails.core.platform;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * A partition key value spread over shards so that no one key takes a hot stream of writes: shard 0 is the base
 * value itself (the key everything had before the table was sharded, so older items are still found there), shard n
 * is {@code <base>#<n>}. The shard count and the hash are fixed for a table's life: changing either moves items to
 * keys their readers no longer look at.
 */
public final class ShardedKeys {

    private ShardedKeys() {
    }

    /** The key of {@code shard}: the base itself for shard 0, else {@code <base>#<shard>}. */
    public static String key(String base, int shard) {
        return shard == 0 ? base : base + "#" + shard;
    }

    /** Every shard's key, shard 0 first. */
    public static List<String> all(String base, int shards) {
        return IntStream.range(0, shards).mapToObj(shard -> key(base, shard)).toList();
    }

    /** The base of a key made by {@link #key}, for a base that holds no '#' (a workspace id). */
    public static String baseOf(String key) {
        int hash = key.lastIndexOf('#');
        return hash < 0 ? key : key.substring(0, hash);
    }

    /** CRC-32 of the id's UTF-8 bytes, modulo {@code shards}: defined by its standard, so every writer and release agrees. */
    public static int crc32Shard(String id, int shards) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }
}
