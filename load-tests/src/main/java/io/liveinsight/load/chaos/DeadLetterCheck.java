package io.liveinsight.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.load.check.StreamReader;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Reads the whole dead-letter stream: which source records it holds, and how many letters. */
final class DeadLetterCheck {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    record Letters(long letters, Set<String> sourceSequenceNumbers) {
        long missingOf(Set<String> wanted) {
            return wanted.stream()
                    .filter(s -> !sourceSequenceNumbers.contains(s))
                    .count();
        }
    }

    private DeadLetterCheck() {}

    static Letters read(KinesisClient kinesis, String stream) throws InterruptedException {
        long[] letters = {0};
        Set<String> sources = new TreeSet<>();
        StreamReader.forEachRecord(kinesis, stream, record -> {
            letters[0]++;
            sources.add(source(record));
        });
        return new Letters(letters[0], sources);
    }

    private static String source(Record record) {
        try {
            JsonNode letter = JSON.readTree(record.data().asByteArrayUnsafe());
            return letter.path("source_sequence_number").asText();
        } catch (IOException e) {
            return "unreadable letter";
        }
    }
}
