package io.liveinsight.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.limits.EdgeLimiter.DeploymentLimit;
import io.liveinsight.ingest.testing.InMemoryBudgetLeases;
import io.liveinsight.ingest.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/contract/sites.md#limits for one edge instance, with an injected clock (wall time for the shared windows, the
 * same clock's nanos for the local buckets): each limit refuses at its edge with the right name and Retry-After, and a
 * refused request takes nothing from any limit.
 */
class EdgeLimiterTest {

    private static final SiteLimits LIMITS = new SiteLimits(500, 1_000, 20, 200, 10, 100);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T16:00:00.250Z"));
    private final InMemoryBudgetLeases leases = new InMemoryBudgetLeases();

    private EdgeLimiter limiter(DeploymentLimit deployment, int maxKeys) {
        return new EdgeLimiter(leases, deployment, clock, () -> clock.millis() * 1_000_000, maxKeys);
    }

    private EdgeLimiter limiter() {
        return limiter(DeploymentLimit.DEFAULTS, 100);
    }

    @Test
    void client_overItsBurst_is429Client_untilItsRateRefillsTheRequest() {
        EdgeLimiter limiter = limiter();
        for (int session = 0; session < 20; session++) {
            assertThat(limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("s" + session, 10)))
                    .isEqualTo(Admission.ADMITTED);
        }

        Admission refused = limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("other", 10));

        assertThat(refused).isEqualTo(new Admission.Limited(Limit.CLIENT, 1)); // 10 events at 20/s: 0.5 s, rounded up
        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("other", 10)))
                .isInstanceOf(Admission.Limited.class);
        clock.advance(Duration.ofMillis(2));
        assertThat(limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("other", 10)))
                .isEqualTo(Admission.ADMITTED);
    }

    @Test
    void client_inAnotherSite_orAnotherAddress_hasItsOwnBucket() {
        EdgeLimiter limiter = limiter();
        limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("a", 100, "b", 100));

        assertThat(limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("c", 1))).isInstanceOf(Admission.Limited.class);
        assertThat(limiter.admit("blog", LIMITS, "192.0.2.0", Map.of("c", 1))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.admit("shop", LIMITS, "198.51.100.0", Map.of("c", 1)))
                .isEqualTo(Admission.ADMITTED);
    }

    @Test
    void session_overItsBurst_is429Session_andRetryAfterIsTheWholeSecondsUntilItFits() {
        EdgeLimiter limiter = limiter();
        assertThat(limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("s1", 100)))
                .isEqualTo(Admission.ADMITTED);

        Admission refused = limiter.admit("shop", LIMITS, "198.51.100.0", Map.of("s1", 25));

        assertThat(refused).isEqualTo(new Admission.Limited(Limit.SESSION, 3)); // 25 at 10/s: 2.5 s -> 3
    }

    @Test
    void refusal_byOneSession_takesNothingFromTheClientNorTheOtherSessions() {
        EdgeLimiter limiter = limiter();
        limiter.admit("shop", LIMITS, "198.51.100.0", Map.of("full", 100));

        Admission refused = limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("fresh", 100, "full", 1));

        assertThat(refused).isInstanceOf(Admission.Limited.class);
        assertThat(limiter.admit("shop", LIMITS, "192.0.2.0", Map.of("fresh", 100, "other", 100)))
                .as("the client's 200 and the fresh session's 100 are whole")
                .isEqualTo(Admission.ADMITTED);
    }

    @Test
    void site_whenItsSharedBudgetIsSpent_is429Site_andGivesTheClientsTokensBack() {
        SiteLimits smallSite = new SiteLimits(50, 50, 20, 50, 10, 50);
        EdgeLimiter limiter = limiter();
        assertThat(limiter.admit("shop", smallSite, "a", Map.of("s1", 50))).isEqualTo(Admission.ADMITTED);

        Admission refused = limiter.admit("shop", smallSite, "b", Map.of("s2", 50));

        assertThat(refused).isEqualTo(new Admission.Limited(Limit.SITE, 1));
        clock.advance(Duration.ofMillis(750)); // the next window
        assertThat(limiter.admit("shop", smallSite, "b", Map.of("s2", 50)))
                .as("client b and session s2 kept their tokens")
                .isEqualTo(Admission.ADMITTED);
    }

    @Test
    void deployment_whenItsCeilingIsSpent_is429Deployment_andTheSiteKeepsItsTokens() {
        EdgeLimiter limiter = limiter(new DeploymentLimit(100, 100), 100);
        assertThat(limiter.admit("shop", LIMITS, "a", Map.of("s1", 100))).isEqualTo(Admission.ADMITTED);

        Admission refused = limiter.admit("blog", LIMITS, "b", Map.of("s2", 10));

        assertThat(refused).isEqualTo(new Admission.Limited(Limit.DEPLOYMENT, 1));
        int calls = leases.calls;
        long now = clock.millis();
        assertThat(limiter.siteBucket("blog").take(10, 500, 1_000, now, now * 1_000_000))
                .as("the refused request's 10 came back to blog's slice: no store call for the next 10")
                .isZero();
        assertThat(leases.calls).isEqualTo(calls);
    }

    @Test
    void nullLimits_theReplayLanes_meetOnlyTheDeploymentCeiling() {
        EdgeLimiter limiter = limiter(new DeploymentLimit(1_000, 1_000), 100);

        assertThat(limiter.admit("default", null, "a", Map.of("s1", 500))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.admit("default", null, "a", Map.of("s1", 500))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.admit("default", null, "a", Map.of("s1", 1)))
                .isEqualTo(new Admission.Limited(Limit.DEPLOYMENT, 1));
    }

    @Test
    void buckets_areBounded_theLeastRecentlySeenClientIsForgottenAndComesBackFull() {
        EdgeLimiter limiter = limiter(DeploymentLimit.DEFAULTS, 2);
        limiter.admit("shop", LIMITS, "first", Map.of("s1", 100, "s2", 100));
        assertThat(limiter.admit("shop", LIMITS, "first", Map.of("s3", 1))).isInstanceOf(Admission.Limited.class);

        limiter.admit("shop", LIMITS, "second", Map.of("s4", 1));
        limiter.admit("shop", LIMITS, "third", Map.of("s5", 1));

        assertThat(limiter.admit("shop", LIMITS, "first", Map.of("s6", 1))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aRequestWithoutEvents_isAdmittedWithoutAskingAnyone() {
        assertThat(limiter().admit("shop", LIMITS, "a", Map.of())).isEqualTo(Admission.ADMITTED);
        assertThat(leases.calls).isZero();
    }
}
