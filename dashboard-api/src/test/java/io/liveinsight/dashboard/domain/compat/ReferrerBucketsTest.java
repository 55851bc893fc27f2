package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.breakdown;
import static io.liveinsight.dashboard.support.Rollups.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.compat.ReferrerBuckets.BucketCount;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.traffic.TrafficSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrerBucketsTest {

    @Test
    void bucketOf_whenSourceNames_givesTheOriginalFive() {
        assertThat(ReferrerBuckets.bucketOf("google")).isEqualTo("Google");
        assertThat(ReferrerBuckets.bucketOf("facebook")).isEqualTo("Facebook");
        assertThat(ReferrerBuckets.bucketOf(TrafficSource.of("https://t.co/x", "https://shop.example/")
                        .source()))
                .isEqualTo("Twitter");
        assertThat(ReferrerBuckets.bucketOf("direct")).isEqualTo("Direct");
        assertThat(ReferrerBuckets.bucketOf("internal")).isEqualTo("Direct");
        assertThat(ReferrerBuckets.bucketOf("bing")).isEqualTo("Other");
        assertThat(ReferrerBuckets.bucketOf(Rollup.OTHER)).isEqualTo("Other");
        assertThat(ReferrerBuckets.bucketOf("<script>alert(1)</script>")).isEqualTo("Other");
        assertThat(ReferrerBuckets.bucketOf("😀.example")).isEqualTo("Other");
    }

    @Test
    void of_whenSessionsBySource_sumsBucketsMostFirstWithoutEmptyOnes() {
        Rollup week = breakdown(
                sessions(20, 0, 0),
                Dimension.SOURCE,
                Map.of("google", 4L, "direct", 3L, "internal", 2L, "bing", 1L, "example.org", 4L, Rollup.OTHER, 1L));

        assertThat(ReferrerBuckets.of(week))
                .containsExactly(
                        new BucketCount("Other", 6), new BucketCount("Direct", 5), new BucketCount("Google", 4));
    }

    @Test
    void of_whenTied_listsInTheOriginalOrder() {
        Rollup week = breakdown(
                sessions(4, 0, 0),
                Dimension.SOURCE,
                Map.of("twitter", 1L, "direct", 1L, "facebook", 1L, "google", 1L, "yahoo", 1L));

        assertThat(ReferrerBuckets.of(week))
                .extracting(BucketCount::label)
                .containsExactly("Google", "Facebook", "Twitter", "Direct", "Other");
        assertThat(ReferrerBuckets.of(Rollup.EMPTY)).isEmpty();
    }
}
