package io.liveinsight.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** docs/contract/sites.md#limits: a bucket of events, refilled at a rate up to a burst; time passed in, no sleeping. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void waitNanos_whenFull_letsTheBurstThroughAtOnce_andNotOneMore() {
        TokenBucket bucket = new TokenBucket(10, 100, 0);

        assertThat(bucket.waitNanos(100, 0)).isZero();
        bucket.take(100, 0);

        assertThat(bucket.waitNanos(1, 0)).isCloseTo(SECOND / 10, within(2L));
    }

    @Test
    void waitNanos_whenEmpty_isTheTimeTheRateTakesToRefillTheRequest() {
        TokenBucket bucket = new TokenBucket(20, 200, 5 * SECOND);
        bucket.take(200, 5 * SECOND);

        assertThat(bucket.waitNanos(20, 5 * SECOND)).isCloseTo(SECOND, within(2L));
        assertThat(bucket.waitNanos(20, 5 * SECOND + SECOND / 2)).isCloseTo(SECOND / 2, within(2L));
        assertThat(bucket.waitNanos(20, 6 * SECOND)).isLessThanOrEqualTo(2);
    }

    @Test
    void refill_neverGoesAboveTheBurst_evenAfterHours() {
        TokenBucket bucket = new TokenBucket(500, 1_000, 0);
        bucket.take(1_000, 0);

        assertThat(bucket.tokens(3_600 * SECOND)).isCloseTo(1_000.0, within(1e-6));
        assertThat(bucket.waitNanos(1_001, 3_600 * SECOND)).isZero(); // larger than the burst: fits a full bucket
    }

    @Test
    void take_largerThanTheBurst_leavesTheBucketInDebt_soTheClientWaitsItsSize() {
        TokenBucket bucket = new TokenBucket(20, 200, 0);

        bucket.take(500, 0);

        assertThat(bucket.tokens(0)).isCloseTo(-300.0, within(1e-6));
        assertThat(bucket.waitNanos(1, 0)).isCloseTo(15_050_000_000L, within(2L)); // 301 tokens at 20/s
        assertThat(bucket.waitNanos(500, 0)).isCloseTo(25 * SECOND, within(2L)); // back to a full 200
    }

    @Test
    void refund_givesTokensBack_butNeverAboveTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 100, 0);
        bucket.take(60, 0);

        bucket.refund(60, 0);
        bucket.refund(60, 0);

        assertThat(bucket.tokens(0)).isCloseTo(100.0, within(1e-6));
    }

    @Test
    void aCounterThatGoesBack_addsNothing_andTakesNothing() {
        TokenBucket bucket = new TokenBucket(10, 100, 10 * SECOND);
        bucket.take(100, 10 * SECOND);

        assertThat(bucket.tokens(SECOND)).isZero();
        assertThat(bucket.tokens(10 * SECOND + SECOND)).isCloseTo(10.0, within(1e-6));
    }

    @Test
    void settings_whenNotPositive_areRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TokenBucket(1, 2, 0).hasSettings(1, 2)).isTrue();
        assertThat(new TokenBucket(1, 2, 0).hasSettings(1, 3)).isFalse();
    }
}
