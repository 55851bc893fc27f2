package io.liveinsight.event.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupCodecRoundTripTest {

    @Test
    void decode_whenALatestEventHasNoPage_givesNullBackNotTheWordNull() {
        RecentEvent noPage = new RecentEvent(1_000, "e1", "click", "s1", "u1", null, null);
        Rollup rollup = new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(noPage));

        Rollup decoded = RollupCodec.decode(RollupCodec.encode(rollup));

        assertThat(decoded.recent()).singleElement().satisfies(event -> {
            assertThat(event.page()).isNull();
            assertThat(event.source()).isNull();
        });
        assertThat(decoded).isEqualTo(rollup);
    }

    @Test
    void decode_whenKeysHoldAnyCharacter_givesTheSameRollupBack() {
        String hostile = "shop.example/a#b|~\u0000<script>alert(1)</script>\uD83D\uDE00\"\\";
        Hll users = new Hll();
        users.add(hostile);
        Rollup rollup = new Rollup(
                new Counts(3, 2, 1, 1, 60_000, 0, 1, 1, 4, 1),
                Map.of(7, new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0)),
                Map.of(Dimension.PAGE, Map.of(hostile, 2L, "null", 1L), Dimension.SOURCE, Map.of(Rollup.OTHER, -1L)),
                users,
                List.of(new RecentEvent(5, hostile, "page_view", hostile, hostile, hostile, "null")));

        assertThat(RollupCodec.decode(RollupCodec.encode(rollup))).isEqualTo(rollup);
    }
}
