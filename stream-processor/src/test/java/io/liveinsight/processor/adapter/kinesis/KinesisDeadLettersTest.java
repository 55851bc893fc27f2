package io.liveinsight.processor.adapter.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

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
            assertThat(entry.data().asByteArrayUnsafe().length
                            + entry.partitionKey().length())
                    .isLessThanOrEqualTo(1024 * 1024);
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
}
