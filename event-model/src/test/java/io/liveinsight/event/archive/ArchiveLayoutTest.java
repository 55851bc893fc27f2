package io.liveinsight.event.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** docs/contract/archive.md#layout */
class ArchiveLayoutTest {

    @Test
    void partition_isTheUtcHour() {
        assertThat(ArchiveLayout.partition(Instant.parse("2026-12-06T09:59:59.999Z")))
                .isEqualTo("dt=2026-12-06/hour=09/");
        assertThat(ArchiveLayout.partition(Instant.parse("2026-12-31T23:00:00Z")))
                .isEqualTo("dt=2026-12-31/hour=23/");
    }

    @Test
    void hourOf_readsBackAnyPartitionedPath() {
        String key = "archive/dt=2026-12-06/hour=09/LiveInsight-archive-1-2026-12-06-09-12-00-abc.ndjson.gz";
        assertThat(ArchiveLayout.hourOf(key)).contains(Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(ArchiveLayout.hourOf("C:\\data\\dt=2026-12-06\\hour=10\\x.ndjson.gz"))
                .contains(Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(ArchiveLayout.hourOf("dt=2026-12-06/hour=24/x")).isEmpty();
        assertThat(ArchiveLayout.hourOf("dt=2026-13-06/hour=01/x")).isEmpty();
        assertThat(ArchiveLayout.hourOf("errors/x.gz")).isEmpty();
    }

    @Test
    void inRange_takesEveryHourTheRangeTouches_andOneEachSide() {
        Instant from = Instant.parse("2026-12-06T09:30:00Z");
        Instant to = Instant.parse("2026-12-06T10:15:00Z");
        for (String hour : new String[] {"08", "09", "10", "11"}) {
            assertThat(ArchiveLayout.inRange("dt=2026-12-06/hour=" + hour + "/a.ndjson.gz", from, to))
                    .as(hour)
                    .isTrue();
        }
        assertThat(ArchiveLayout.inRange("dt=2026-12-06/hour=07/a.ndjson.gz", from, to))
                .isFalse();
        assertThat(ArchiveLayout.inRange("dt=2026-12-06/hour=12/a.ndjson.gz", from, to))
                .isFalse();
    }
}
