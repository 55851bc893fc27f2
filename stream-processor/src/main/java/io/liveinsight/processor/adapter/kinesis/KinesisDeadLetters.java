package io.liveinsight.processor.adapter.kinesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.kinesis.PutRecordsSplitter;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The dead-letter stream: each letter is {@code {"reason","source_sequence_number","part","parts","data_base64"}},
 * keyed like the original. Base64 makes data 4/3 larger, so a letter whose data would not fit Kinesis's 1 MiB record
 * is sent in parts of {@link #MAX_PART_BYTES} (reassemble by source and part number). Calls stay within 500 records
 * and 5 MiB, keys counted in UTF-8 bytes ({@link PutRecordsSplitter}). A partial failure throws, and the caller sends
 * the whole set again (duplicates in a dead-letter stream are harmless: they carry their source position and part).
 */
public final class KinesisDeadLetters implements DeadLetters {

    /** Raw bytes per part: 700 KiB become about 934 KiB of base64, leaving room for the envelope. */
    static final int MAX_PART_BYTES = 700 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KinesisClient kinesis;
    private final String streamName;

    public KinesisDeadLetters(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    @Override
    public void send(List<DeadLetter> letters) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        letters.forEach(letter -> entries.addAll(entries(letter)));
        for (List<PutRecordsRequestEntry> call :
                PutRecordsSplitter.split(entries, PutRecordsRequestEntry::partitionKey, entry -> entry.data()
                        .asByteArrayUnsafe()
                        .length)) {
            put(call);
        }
    }

    private void put(List<PutRecordsRequestEntry> entries) {
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

    static List<PutRecordsRequestEntry> entries(DeadLetter letter) {
        byte[] data = letter.data();
        int parts = Math.max(1, (data.length + MAX_PART_BYTES - 1) / MAX_PART_BYTES);
        String key =
                letter.partitionKey() == null || letter.partitionKey().isEmpty() ? "unknown" : letter.partitionKey();
        List<PutRecordsRequestEntry> entries = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            byte[] slice =
                    Arrays.copyOfRange(data, part * MAX_PART_BYTES, Math.min(data.length, (part + 1) * MAX_PART_BYTES));
            ObjectNode body = JSON.createObjectNode()
                    .put("reason", truncate(letter.reason()))
                    .put("source_sequence_number", letter.sequenceNumber())
                    .put("part", part + 1)
                    .put("parts", parts)
                    .put("data_base64", Base64.getEncoder().encodeToString(slice));
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(key.length() > 256 ? key.substring(0, 256) : key)
                    .data(SdkBytes.fromUtf8String(body.toString()))
                    .build());
        }
        return entries;
    }

    /** A reason is for people; cap it so it can never push a letter over the record limit. */
    private static String truncate(String reason) {
        return reason == null ? "" : reason.length() > 4_000 ? reason.substring(0, 4_000) + "..." : reason;
    }
}
