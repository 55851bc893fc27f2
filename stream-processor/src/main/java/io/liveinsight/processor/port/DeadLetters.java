package io.liveinsight.processor.port;

import java.util.List;

/** Where records that cannot be processed go, with the reason, so nothing is silently dropped. */
public interface DeadLetters {

    /** Stores every letter, or throws {@link StoreUnavailableException} (repeating is safe: letters are copies). */
    void send(List<DeadLetter> letters);

    /**
     * One unprocessable record.
     *
     * @param partitionKey the record's partition key (its session)
     * @param sequenceNumber where it was on the stream
     * @param reason why it could not be processed
     * @param data the record's bytes, unchanged
     */
    record DeadLetter(String partitionKey, String sequenceNumber, String reason, byte[] data) {}
}
