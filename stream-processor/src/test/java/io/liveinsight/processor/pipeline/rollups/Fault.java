package io.liveinsight.processor.pipeline.rollups;

/** Where a worker dies while it writes one batch (or that it dies after, before the checkpoint). */
enum Fault {
    NONE,
    /** The Events items are written, nothing else. */
    AFTER_LEDGER,
    /** Some rollup items are written, the others not (the items of a batch are written side by side). */
    MID_ROLLUPS,
    /** Every rollup item is written, no session. */
    AFTER_ROLLUPS,
    /** Some of the batch's sessions are written, the others not. */
    AFTER_SOME_SESSIONS,
    /** A session gets part of its events (the store applies a burst in halves), then the worker dies. */
    MID_SESSION,
    /** Everything is written, the checkpoint is not: the same records come again. */
    BEFORE_CHECKPOINT,
    /**
     * A lease handover: a second worker reads the sessions, then the first stores the whole batch, then the second
     * writes its rollups and sessions from what it read.
     */
    HANDOVER
}
