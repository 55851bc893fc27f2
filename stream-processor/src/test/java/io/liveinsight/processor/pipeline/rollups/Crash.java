package io.liveinsight.processor.pipeline.rollups;

/**
 * The worker dies here: thrown by a store double at a chosen point of a batch. An {@link Error}, so that nothing on
 * the write path takes it for a store failure (retried) or a bug about the data (dead-lettered): the batch is left
 * unacknowledged, and the stream gives its records again from the last checkpoint.
 */
final class Crash extends Error {

    Crash(String where) {
        super("worker crashed " + where, null, false, false);
    }
}
