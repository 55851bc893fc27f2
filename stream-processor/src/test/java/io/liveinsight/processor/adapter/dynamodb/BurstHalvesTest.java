package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the session store cuts a burst too large for one transaction (stream-processor/README.md#rollups). */
class BurstHalvesTest {

    @Test
    void halfAtARecord_whenTheBatchHoldsSeveralRecords_cutsAtTheBoundaryNearestTheMiddle() {
        // records of 3, 4 and 3 events: the middle (5) falls inside the second record; its boundaries are 3 and 7
        List<PositionedEvent> events = records(3, 4, 3);

        assertThat(DynamoDbSessionStore.halfAtARecord(events)).isEqualTo(3);
        assertThat(DynamoDbSessionStore.halfAtARecord(records(2, 6, 1))).isEqualTo(2);
        assertThat(DynamoDbSessionStore.halfAtARecord(records(6, 1, 1))).isEqualTo(6);
    }

    @Test
    void halfAtARecord_whenAllEventsAreOneRecords_cutsInTheMiddle() {
        assertThat(DynamoDbSessionStore.halfAtARecord(records(7))).isEqualTo(3);
    }

    private static List<PositionedEvent> records(int... sizes) {
        List<PositionedEvent> events = new ArrayList<>();
        for (int record = 0; record < sizes.length; record++) {
            RecordPosition position = RecordPosition.of("shardId-000000000000", Integer.toString(record + 1));
            for (int i = 0; i < sizes[record]; i++) {
                events.add(new PositionedEvent(pageView(record + "-" + i, "s", i, "/"), position.at(i), false));
            }
        }
        return events;
    }
}
