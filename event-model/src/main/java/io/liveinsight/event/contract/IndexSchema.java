package io.liveinsight.event.contract;

import java.util.Objects;

/** A global secondary index: its name, its keys, and which attributes it copies from the table. */
public record IndexSchema(String name, KeyAttribute partitionKey, KeyAttribute sortKey, Projection projection) {

    /** What an index copies: every attribute, or the table's and the index's keys only. */
    public enum Projection {
        ALL,
        KEYS_ONLY
    }

    public IndexSchema {
        Objects.requireNonNull(name);
        Objects.requireNonNull(partitionKey);
        Objects.requireNonNull(sortKey);
        Objects.requireNonNull(projection);
    }
}
