package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.traffic.Campaign;
import io.liveinsight.event.traffic.Channel;
import io.liveinsight.event.traffic.TrafficSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original dashboard's five referrer buckets ({@code Google}, {@code Facebook}, {@code Twitter}, {@code Direct},
 * {@code Other}) over the rollups' sessions by traffic source: each source name goes to the bucket
 * {@link TrafficSource#originalBucket} gives it, and the rollups' rest ({@link Rollup#OTHER}) to {@code Other}.
 */
public final class ReferrerBuckets {

    /** The buckets, in the order ties are listed. */
    public static final List<String> BUCKETS = List.of("Google", "Facebook", "Twitter", "Direct", "Other");

    /** One bucket and its sessions. */
    public record BucketCount(String label, long sessions) {}

    private ReferrerBuckets() {}

    /** The bucket of a source name as {@link Dimension#SOURCE} keys it (any string: never throws). */
    public static String bucketOf(String source) {
        // Only the source name decides the bucket; the channel and campaign of this value are not read.
        return new TrafficSource(source, Channel.REFERRAL, Campaign.NONE).originalBucket();
    }

    /** Sessions per bucket, most first (ties in {@link #BUCKETS} order), buckets without a session left out. */
    public static List<BucketCount> of(Rollup sum) {
        Map<String, Long> byBucket = new LinkedHashMap<>();
        BUCKETS.forEach(bucket -> byBucket.put(bucket, 0L));
        sum.breakdown(Dimension.SOURCE)
                .forEach((source, sessions) -> byBucket.merge(bucketOf(source), sessions, Long::sum));
        List<BucketCount> counts = new ArrayList<>();
        byBucket.forEach((bucket, sessions) -> {
            if (sessions > 0) {
                counts.add(new BucketCount(bucket, sessions));
            }
        });
        counts.sort(Comparator.comparingLong(BucketCount::sessions)
                .reversed()
                .thenComparing(count -> BUCKETS.indexOf(count.label())));
        return counts;
    }
}
