package io.liveinsight.processor.adapter.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.kinesis.PutRecordsSplitter;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

class KinesisDeadLettersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void entries_whenDataNear1MiB_splitsIntoPartsUnderTheRecordLimitThatReassemble() throws Exception {
        byte[] data = new byte[1024 * 1024 - 10];
        new Random(7).nextBytes(data);

        List<PutRecordsRequestEntry> entries =
                KinesisDeadLetters.entries(new DeadLetter("s1", "4968", "not a stream record", data));

        assertThat(entries).hasSize(2);
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        for (PutRecordsRequestEntry entry : entries) {
            assertThat(PutRecordsSplitter.recordBytes(
                            entry.partitionKey(), entry.data().asByteArrayUnsafe().length))
                    .isLessThanOrEqualTo(PutRecordsSplitter.MAX_RECORD_BYTES);
            JsonNode letter = JSON.readTree(entry.data().asByteArrayUnsafe());
            assertThat(letter.path("parts").asInt()).isEqualTo(2);
            assertThat(letter.path("source_sequence_number").asText()).isEqualTo("4968");
            reassembled.write(
                    Base64.getDecoder().decode(letter.path("data_base64").asText()));
        }
        assertThat(reassembled.toByteArray()).isEqualTo(data);
    }

    @Test
    void entries_whenSmall_isOneLetterOfOnePart() throws Exception {
        List<PutRecordsRequestEntry> entries =
                KinesisDeadLetters.entries(new DeadLetter("", "1", "invalid event", new byte[] {1, 2, 3}));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.partitionKey()).isEqualTo("unknown");
            assertThat(JSON.readTree(entry.data().asByteArrayUnsafe())
                            .path("part")
                            .asInt())
                    .isEqualTo(1);
        });
    }

    @Test
    void send_whenLettersOver5MiB_putsThemInCallsWithinTheLimits() {
        List<PutRecordsRequest> calls = new ArrayList<>();
        KinesisClient kinesis = new KinesisClient() {
            @Override
            public PutRecordsResponse putRecords(PutRecordsRequest request) {
                calls.add(request);
                return PutRecordsResponse.builder().failedRecordCount(0).build();
            }

            @Override
            public String serviceName() {
                return "kinesis";
            }

            @Override
            public void close() {}
        };
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // one part each, about 934 KiB of base64: five fit in 5 MiB, six do not
            letters.add(new DeadLetter("séssion-" + i, Integer.toString(i), "too large", new byte[700 * 1024]));
        }

        new KinesisDeadLetters(kinesis, "dead-letters").send(letters);

        assertThat(calls).extracting(call -> call.records().size()).containsExactly(5, 1);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.streamName()).isEqualTo("dead-letters");
            assertThat(call.records().stream()
                            .mapToLong(entry -> PutRecordsSplitter.recordBytes(
                                    entry.partitionKey(), entry.data().asByteArrayUnsafe().length))
                            .sum())
                    .isLessThanOrEqualTo(PutRecordsSplitter.MAX_BYTES_PER_CALL);
        });
    }
}
