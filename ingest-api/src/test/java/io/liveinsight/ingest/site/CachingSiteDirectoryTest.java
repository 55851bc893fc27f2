package io.liveinsight.ingest.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.testing.ManualClock;
import io.liveinsight.ingest.testing.Sites;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/contract/sites.md#at-the-edge: the edge keeps what it read of the registry for 30 s, a key that was not found
 * too, so a rotation or a disable reaches it within 30 s and a flood of unknown keys costs one read per key and age.
 */
class CachingSiteDirectoryTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T16:00:00Z"));
    private final String write = Sites.key(SiteKeys.Kind.WRITE);
    private final Site shop = Sites.site("shop", SiteLimits.DEFAULTS, write, "shop.example");
    private final InMemorySiteDirectory registry = new InMemorySiteDirectory().put(shop, write, null, null);
    private final Counting counting = new Counting(registry);
    private final CachingSiteDirectory cache = new CachingSiteDirectory(counting, clock, Duration.ofSeconds(30), 3);

    @Test
    void byKey_whenRotated_keepsTheOldAnswerFor30Seconds_thenForgetsTheOldKey() {
        assertThat(cache.byKey(write)).isPresent();
        registry.put(shop, Sites.key(SiteKeys.Kind.WRITE), null, null);

        clock.advance(Duration.ofMillis(29_999));
        assertThat(cache.byKey(write)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.byKey(write)).isEmpty();
        assertThat(counting.calls).isEqualTo(2);
    }

    @Test
    void byKey_whenNotFound_isCachedToo_soAFloodOfOneKeyCostsOneRead() {
        String unknown = Sites.key(SiteKeys.Kind.WRITE);
        for (int i = 0; i < 1_000; i++) {
            assertThat(cache.byKey(unknown)).isEmpty();
        }

        assertThat(counting.calls).isOne();
    }

    @Test
    void reads_ofAFloodOfMadeUpKeys_areBounded_theRestFailBusy_andTheBoundRefills() {
        CachingSiteDirectory bounded = new CachingSiteDirectory(counting, clock, Duration.ofSeconds(30), 10_000, 50);
        int busy = 0;
        for (int i = 0; i < 1_000; i++) {
            try {
                bounded.byKey(Sites.key(SiteKeys.Kind.WRITE));
            } catch (CachingSiteDirectory.RegistryBusyException e) {
                busy++;
            }
        }

        assertThat(counting.calls).isEqualTo(100); // the burst: twice the rate
        assertThat(busy).isEqualTo(900);
        clock.advance(Duration.ofSeconds(1));
        assertThat(bounded.byKey(write)).isPresent();
        assertThat(counting.calls).isEqualTo(101);
    }

    @Test
    void entries_areBounded_theLeastRecentlyUsedKeyIsReadAgain() {
        cache.byKey(write);
        for (int i = 0; i < 3; i++) {
            cache.byKey(Sites.key(SiteKeys.Kind.WRITE));
        }

        cache.byKey(write);

        assertThat(counting.calls).isEqualTo(5);
    }

    @Test
    void byId_andAll_whenDisabled_reachTheEdgeOnlyAfterTheAge() {
        assertThat(cache.byId("shop")).contains(shop);
        assertThat(cache.all()).containsExactly(shop);
        registry.put(shop.withActive(false), write, null, null);

        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.byId("shop").orElseThrow().active()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.byId("shop").orElseThrow().active()).isFalse();
        assertThat(cache.all().get(0).active()).isFalse();
    }

    @Test
    void whenTheRegistryFails_anExpiredAnswerIsServed_andWithoutOneTheFailureGoesToTheCaller() {
        Sites.Down down = new Sites.Down();
        Flaky flaky = new Flaky(registry);
        CachingSiteDirectory edge = new CachingSiteDirectory(flaky, clock, Duration.ofSeconds(30), 10);
        assertThat(edge.byKey(write)).isPresent();
        flaky.down = true;
        clock.advance(Duration.ofMinutes(5));

        assertThat(edge.byKey(write)).isPresent();
        assertThatThrownBy(() -> edge.byKey(Sites.key(SiteKeys.Kind.WRITE))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CachingSiteDirectory(down, clock, Duration.ofSeconds(30), 10).all())
                .isInstanceOf(IllegalStateException.class);
    }

    /** Counts the reads that reach the registry. */
    private static final class Counting implements SiteDirectory {
        private final SiteDirectory inner;
        int calls;

        Counting(SiteDirectory inner) {
            this.inner = inner;
        }

        @Override
        public Optional<KeyedSite> byKey(String key) {
            calls++;
            return inner.byKey(key);
        }

        @Override
        public Optional<Site> byId(String siteId) {
            calls++;
            return inner.byId(siteId);
        }

        @Override
        public List<Site> all() {
            calls++;
            return inner.all();
        }
    }

    /** A registry that stops answering when told. */
    private static final class Flaky implements SiteDirectory {
        private final SiteDirectory inner;
        boolean down;

        Flaky(SiteDirectory inner) {
            this.inner = inner;
        }

        @Override
        public Optional<KeyedSite> byKey(String key) {
            if (down) {
                throw new IllegalStateException("down");
            }
            return inner.byKey(key);
        }

        @Override
        public Optional<Site> byId(String siteId) {
            if (down) {
                throw new IllegalStateException("down");
            }
            return inner.byId(siteId);
        }

        @Override
        public List<Site> all() {
            if (down) {
                throw new IllegalStateException("down");
            }
            return inner.all();
        }
    }
}
