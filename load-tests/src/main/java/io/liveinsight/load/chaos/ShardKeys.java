package io.liveinsight.load.chaos;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Partition keys that land on given shards. Kinesis maps a partition key to the shard whose hash key range holds the
 * MD5 of the key read as an unsigned 128-bit number; a probe per shard proves every shard is being processed. Pure.
 */
final class ShardKeys {

    /** One shard's inclusive hash key range. */
    record HashRange(BigInteger start, BigInteger end) {
        boolean contains(BigInteger hash) {
            return hash.compareTo(start) >= 0 && hash.compareTo(end) <= 0;
        }
    }

    private ShardKeys() {}

    static BigInteger hash(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** For each range, in order, the first key {@code prefix + n} (n = 0, 1, ...) that hashes into it. */
    static List<String> onePerShard(String prefix, List<HashRange> ranges) {
        List<String> keys = new ArrayList<>();
        for (HashRange range : ranges) {
            for (long n = 0; ; n++) {
                String key = prefix + n;
                if (range.contains(hash(key))) {
                    keys.add(key);
                    break;
                }
            }
        }
        return keys;
    }
}
