package io.liveinsight.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.ingest.testing.InMemoryBudgetLeases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/contract/sites.md#shared-budgets with the store in memory (the DynamoDB adapter has its own test): instances
 * sharing a scope never admit more than its windows hold, each second stays near the rate, a burst borrows the next
 * windows, and a store that does not answer leaves each instance its share. Time is passed in; nothing sleeps.
 */
class SharedBucketTest {

    private static final String SCOPE = "site~shop";

    private final InMemoryBudgetLeases leases = new InMemoryBudgetLeases();

    private List<SharedBucket> instances(int count) {
        List<SharedBucket> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            buckets.add(new SharedBucket(SCOPE, leases));
        }
        return buckets;
    }

    @Test
    void take_byTenInstancesFarOverTheRate_admitsTheRateEverySecond_within10Percent() {
        List<SharedBucket> buckets = instances(10);
        int[] admitted = new int[6];

        for (long ms = 0; ms < 6_000; ms++) {
            for (int i = 0; i < buckets.size(); i++) {
                if (ms % 10 == i && buckets.get(i).take(10, 500, 1_000, ms, ms * 1_000_000) == 0) {
                    admitted[(int) (ms / 1000)] += 10; // each instance offers 1,000 events/s: 20x the budget
                }
            }
        }

        assertThat(admitted[0]).isBetween(950, 1_000); // the burst: this window and the next (a few held over)
        for (int second = 1; second < admitted.length; second++) {
            assertThat(admitted[second]).as("second " + second).isBetween(450, 550);
        }
        for (long window = 0; window <= 6; window++) {
            assertThat(leases.taken(SCOPE, window)).isLessThanOrEqualTo(500);
        }
    }

    @Test
    void slice_whenTenInstancesTake_shrinksToATenthOfTheBudgetBetweenThem() {
        List<SharedBucket> buckets = instances(10);
        for (long ms = 0; ms < 3_000; ms++) {
            for (int i = 0; i < buckets.size(); i++) {
                if (ms % 20 == i) {
                    buckets.get(i).take(2, 500, 500, ms, ms * 1_000_000);
                }
            }
        }

        for (SharedBucket bucket : buckets) {
            assertThat(bucket.instances()).isBetween(3.0, 20.0);
            assertThat(bucket.slice(500)).isBetween(3, 17);
        }
        SharedBucket alone = new SharedBucket("site~alone", leases);
        assertThat(alone.slice(500)).isEqualTo(5); // a new instance assumes 10 until told otherwise
        for (long ms = 0; ms < 2_000; ms += 10) {
            alone.take(5, 500, 500, ms, ms * 1_000_000);
        }
        assertThat(alone.slice(500)).as("alone, it comes to take a tenth").isEqualTo(50);
    }

    @Test
    void take_whenTheBurstIsSpent_isRefusedUntilTheNextWindow_withTheWaitInMillis() {
        SharedBucket bucket = instances(1).get(0);

        assertThat(bucket.take(1_000, 500, 1_000, 250, 0)).isZero();
        long wait = bucket.take(1, 500, 1_000, 250, 0);

        assertThat(wait).isEqualTo(750); // window 2 is reachable at 1 s (one window ahead)
        assertThat(bucket.take(1, 500, 1_000, 1_000, 0)).isZero();
        assertThat(leases.taken(SCOPE, 0) + leases.taken(SCOPE, 1)).isEqualTo(1_000);
    }

    @Test
    void take_largerThanTheBurst_fitsAFullBudget_andNeverTakesMoreThanItsWindows() {
        SharedBucket bucket = instances(1).get(0);

        assertThat(bucket.take(500, 100, 100, 0, 0)).isZero();
        assertThat(bucket.take(1, 100, 100, 999, 0)).isEqualTo(1);
        assertThat(leases.taken(SCOPE, 0)).isEqualTo(100);
    }

    @Test
    void refund_givesTheTokensBackToThisInstance_withoutAskingTheStore() {
        SharedBucket bucket = instances(1).get(0);
        bucket.take(50, 500, 500, 0, 0);
        int calls = leases.calls;

        bucket.refund(50, 10, 0);

        assertThat(bucket.take(50, 500, 500, 20, 0)).isZero();
        assertThat(leases.calls).isEqualTo(calls);
    }

    @Test
    void take_whenTheStoreIsDown_admitsFromTheInstancesShare_andAsksAgainInTheNextWindow() {
        SharedBucket bucket = instances(1).get(0);
        leases.down = true;

        assertThat(bucket.take(1_000, 500, 1_000, 0, 0)).isZero(); // its share: the whole budget, alone
        assertThat(bucket.take(100, 500, 1_000, 100, 100_000_000)).isGreaterThan(0);
        assertThat(leases.calls).isEqualTo(1);

        leases.down = false;
        assertThat(bucket.take(10, 500, 1_000, 1_000, 1_000_000_000)).isZero();
        assertThat(leases.calls).isEqualTo(2);
        assertThat(leases.taken(SCOPE, 1)).isPositive();
    }

    @Test
    void ahead_isTheBurstInWindowsBeyondTheFirst_atMostFour() {
        assertThat(SharedBucket.ahead(500, 1_000)).isEqualTo(1);
        assertThat(SharedBucket.ahead(500, 500)).isZero();
        assertThat(SharedBucket.ahead(500, 1)).isZero();
        assertThat(SharedBucket.ahead(10, 1_000)).isEqualTo(SharedBucket.MAX_WINDOWS_AHEAD);
    }
}
