package io.liveinsight.processor.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a record sits on the stream: its shard and sequence number. Sequence numbers only compare within a shard;
 * across a resharding the stream delivers every record of a parent before any of its children.
 */
public record RecordPosition(String shardId, BigInteger sequence) {

    public RecordPosition {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequence, "sequence");
    }

    public static RecordPosition of(String shardId, String sequenceNumber) {
        return new RecordPosition(shardId, new BigInteger(sequenceNumber));
    }

    /**
     * A 64-bit fingerprint of the position, stored on the Events item an event's first record wrote (as {@code src})
     * so a later attempt of the same record recognises its own write. Only compared for one event id, so a
     * collision needs two records carrying the same event id and hashing alike (about 2^-64).
     */
    public long fingerprint() {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (shardId + '/' + sequence).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
