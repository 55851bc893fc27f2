package io.liveinsight.dashboard.domain.compat;

import java.util.Locale;

/**
 * What {@code /api/referrer-details/?referrer=NAME} asks for: one of the five buckets ({@code Google} ... {@code Other},
 * any letter case; {@code 직접 접속}, the original dashboard's label for direct visits, is {@code Direct}), or else
 * one source name exactly as the rollups key it ({@code bing}, {@code news.example.org}).
 *
 * @param bucket the bucket asked for, or null when a source name is
 */
public record ReferrerFilter(String name, String bucket) {

    /** The original dashboard's label for direct visits ("direct access"). */
    public static final String ORIGINAL_DIRECT_LABEL = "직접 접속";

    public static ReferrerFilter of(String name) {
        if (name.equals(ORIGINAL_DIRECT_LABEL)) {
            return new ReferrerFilter(name, "Direct");
        }
        for (String bucket : ReferrerBuckets.BUCKETS) {
            if (bucket.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return new ReferrerFilter(name, bucket);
            }
        }
        return new ReferrerFilter(name, null);
    }

    /** Whether sessions or events of this source name are counted. */
    public boolean matches(String source) {
        return bucket == null
                ? name.equals(source)
                : ReferrerBuckets.bucketOf(source).equals(bucket);
    }
}
