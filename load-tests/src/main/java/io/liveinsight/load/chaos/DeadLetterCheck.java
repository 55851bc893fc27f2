package io.liveinsight.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

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

    static Letters read(KinesisClient kinesis, String stream) {
        long letters = 0;
        Set<String> sources = new TreeSet<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response =
                        kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record record : response.records()) {
                    letters++;
                    sources.add(source(record));
                }
                boolean caughtUp = response.records().isEmpty()
                        && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
                iterator = caughtUp ? null : response.nextShardIterator();
                ChaosStack.sleep(210); // kinesis-mock, like Kinesis, allows 5 reads per second per shard
            }
        }
        return new Letters(letters, sources);
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
