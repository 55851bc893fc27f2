package io.liveinsight.processor.domain;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionStateTest {

    private static SequencedEvent at(String sequence, String id, long time) {
        return new SequencedEvent(pageView(id, "s", time, "/" + id), StreamPosition.of(sequence));
    }

    @Test
    void apply_whenNewSession_appliesAllAndRecordsNewestPosition() {
        SessionState state = SessionState.apply(null, List.of(at("10", "a", 1), at("12", "b", 2)))
                .orElseThrow();

        assertThat(state.aggregate().totalEvents()).isEqualTo(2);
        assertThat(state.applied()).isEqualTo(StreamPosition.of("12"));
    }

    @Test
    void apply_whenWholeBatchReplayed_changesNothing() {
        List<SequencedEvent> batch = List.of(at("10", "a", 1), at("12", "b", 2));
        SessionState stored = SessionState.apply(null, batch).orElseThrow();

        assertThat(SessionState.apply(stored, batch)).isEmpty();
    }

    @Test
    void apply_whenBatchPartlyReplayed_appliesOnlyNewerRecords() {
        SessionState stored = SessionState.apply(null, List.of(at("10", "a", 1), at("12", "b", 2)))
                .orElseThrow();

        SessionState next = SessionState.apply(stored, List.of(at("12", "b", 2), at("15", "c", 3)))
                .orElseThrow();

        assertThat(next.aggregate().totalEvents()).isEqualTo(3);
        assertThat(next.aggregate().exitPage().value()).isEqualTo("/c");
        assertThat(next.applied()).isEqualTo(StreamPosition.of("15"));
    }

    @Test
    void streamPosition_whenDifferentLengths_comparesNumerically() {
        assertThat(StreamPosition.of("9").isAfter(StreamPosition.of("10"))).isFalse();
        assertThat(StreamPosition.of("49680586126984363505631348490231083735649029369653886978")
                        .isAfter(StreamPosition.of("4968058612698436350563134849023108373564902936965388697")))
                .isTrue();
        assertThatThrownBy(() -> StreamPosition.of("12a")).isInstanceOf(IllegalArgumentException.class);
    }
}
