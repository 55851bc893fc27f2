package io.liveinsight.processor.adapter.kinesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The dead-letter stream: each letter is one record, {@code {"reason","source_sequence_number","data_base64"}},
 * keyed like the original. A partial failure throws, and the caller sends the whole set again (duplicates in a
 * dead-letter stream are harmless: they carry their source position).
 */
public final class KinesisDeadLetters implements DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KinesisClient kinesis;
    private final String streamName;

    public KinesisDeadLetters(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    @Override
    public void send(List<DeadLetter> letters) {
        for (int from = 0; from < letters.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = letters.subList(from, Math.min(letters.size(), from + 500)).stream()
                    .map(KinesisDeadLetters::entry)
                    .toList();
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(r -> r.streamName(streamName).records(entries));
            } catch (SdkException e) {
                throw new StoreUnavailableException(
                        "dead-letter PutRecords failed: " + e.getClass().getSimpleName(), e);
            }
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new StoreUnavailableException(
                        response.failedRecordCount() + " dead letters refused by " + streamName, null);
            }
        }
    }

    private static PutRecordsRequestEntry entry(DeadLetter letter) {
        ObjectNode body = JSON.createObjectNode()
                .put("reason", letter.reason())
                .put("source_sequence_number", letter.sequenceNumber())
                .put("data_base64", Base64.getEncoder().encodeToString(letter.data()));
        return PutRecordsRequestEntry.builder()
                .partitionKey(
                        letter.partitionKey() == null || letter.partitionKey().isEmpty()
                                ? "unknown"
                                : letter.partitionKey())
                .data(SdkBytes.fromUtf8String(body.toString()))
                .build();
    }
}
