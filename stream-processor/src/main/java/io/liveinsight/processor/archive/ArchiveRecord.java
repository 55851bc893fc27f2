package io.liveinsight.processor.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One stream record as the archive keeps it: its data, byte for byte, and where it was on the shard.
 *
 * @param sequenceNumber its sequence number on the shard
 * @param subSequenceNumber its index among the user records of an aggregated (KPL) record; 0 otherwise (the edge
 *     does not aggregate)
 * @param arrival when the stream accepted it (Kinesis's approximate arrival time): the archive partition's hour
 * @param data the record's data, never copied or changed after this
 */
public record ArchiveRecord(String sequenceNumber, long subSequenceNumber, Instant arrival, byte[] data) {

    public ArchiveRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(data, "data");
    }

    /** What the record takes in a file before compression: its data and the newline after it. */
    public long lineBytes() {
        return data.length + 1L;
    }
}
