package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.check.ExpectedSegments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BigSessionTest {

    private static final long START = 1_780_000_000_000L;

    @Test
    void requests_whenFiftyThousandEvents_fillHundredRequestsInTimeOrderWithinWhatTheEdgeKeeps() {
        List<List<Map<String, Object>>> requests = BigSession.requests(50_000, START);

        assertThat(requests).hasSize(100).allSatisfy(r -> assertThat(r).hasSize(500));
        List<Map<String, Object>> all = requests.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(e -> (Long) e.get("timestamp")).isSorted();
        long first = (Long) all.get(0).get("timestamp");
        long last = (Long) all.get(all.size() - 1).get("timestamp");
        // The edge keeps client times from 24 h before to 5 min after its receipt; sending starts at START.
        assertThat(first).isEqualTo(START - 24 * 3_600_000L + 3 * 60_000);
        assertThat(last).isEqualTo(START + 4 * 60_000);

        List<ExpectedSegments.Segment> segments = ExpectedSegments.of(BigSession.SESSION, all);
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).events()).hasSizeGreaterThan(49_900);
        assertThat(segments.get(1).aggregate().startTime()).isGreaterThanOrEqualTo(first + 24 * 3_600_000L);
        assertThat(segments.get(0).aggregate().eventTypes()).hasSize(32).containsKey("~other");
    }

    @Test
    void requests_whenTheShortSize_stillCutsAtTwentyFourHours() {
        List<List<Map<String, Object>>> requests = BigSession.requests(5_000, START);

        assertThat(requests).hasSize(10);
        assertThat(ExpectedSegments.of(
                        BigSession.SESSION,
                        requests.stream().flatMap(List::stream).toList()))
                .hasSize(2);
    }
}
