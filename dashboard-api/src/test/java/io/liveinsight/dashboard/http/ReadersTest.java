package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.SiteAccess;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which sites a token reads (docs/contract/sites.md#dashboard), over an in-memory registry and a hand-moved clock. */
class ReadersTest {

    private static final String ADMIN = "deployment-token-0123456789";

    private final Random random = new Random(3);
    private final MutableClock clock = new MutableClock(1_800_000_000_000L);
    private final InMemorySiteDirectory registry = new InMemorySiteDirectory();
    private final AtomicInteger lookups = new AtomicInteger();
    private final SiteDirectory counted = new SiteDirectory() {
        @Override
        public Optional<KeyedSite> byKey(String key) {
            lookups.incrementAndGet();
            return registry.byKey(key);
        }

        @Override
        public Optional<Site> byId(String siteId) {
            return registry.byId(siteId);
        }

        @Override
        public List<Site> all() {
            return registry.all();
        }
    };

    private String read(String id, boolean active) {
        String read = SiteKeys.newKey(SiteKeys.Kind.READ, random);
        String write = SiteKeys.newKey(SiteKeys.Kind.WRITE, random);
        registry.put(site(id, write, SiteKeys.sha256(read), active), write, null, read);
        return read;
    }

    private static Site site(String id, String write, String readSha256, boolean active) {
        return new Site(
                id,
                id,
                List.of(id + ".example"),
                write,
                null,
                readSha256,
                active,
                SiteLimits.DEFAULTS,
                Set.of(),
                "UTC");
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void decide_whenNoDeploymentToken_grantsEverySiteWhateverIsSent() {
        Readers readers = new Readers(null, counted, clock);
        for (String header : new String[] {null, "", "Bearer nope", bearer(read("shop", true))}) {
            assertThat(readers.decide(header)).isEqualTo(new Readers.Granted(SiteAccess.EVERY_SITE, null));
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void decide_whenDeploymentToken_grantsEverySite_withoutAskingTheRegistry() {
        Readers readers = new Readers(ADMIN, counted, clock);
        assertThat(readers.decide(bearer(ADMIN))).isEqualTo(new Readers.Granted(SiteAccess.EVERY_SITE, null));
        assertThat(readers.decide("bearer " + ADMIN)).isInstanceOf(Readers.Granted.class);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void decide_whenAReadToken_grantsItsSiteOnly() {
        String token = read("shop", true);
        Readers readers = new Readers(ADMIN, counted, clock);

        Readers.Decision decision = readers.decide(bearer(token));

        assertThat(decision).isInstanceOf(Readers.Granted.class);
        Readers.Granted granted = (Readers.Granted) decision;
        assertThat(granted.access()).isEqualTo(SiteAccess.only("shop"));
        assertThat(granted.access().reads("shop")).isTrue();
        assertThat(granted.access().reads("blog")).isFalse();
        assertThat(granted.site().id()).isEqualTo("shop");
    }

    @Test
    void decide_whenNotShapedAsAReadToken_refusesWithoutAskingTheRegistry() {
        String write = SiteKeys.newKey(SiteKeys.Kind.WRITE, random);
        String server = SiteKeys.newKey(SiteKeys.Kind.SERVER, random);
        registry.put(site("shop", write, SiteKeys.sha256("x"), true), write, server, null);
        Readers readers = new Readers(ADMIN, counted, clock);
        String read = SiteKeys.newKey(SiteKeys.Kind.READ, random);
        for (String header : new String[] {
            null,
            "",
            "Bearer",
            bearer(write),
            bearer(server),
            bearer(read.toUpperCase(java.util.Locale.ROOT)),
            bearer(read + "a"),
            bearer(read.substring(0, read.length() - 1)),
            bearer(read.substring(0, read.length() - 1) + "1"),
            "Basic " + read,
            read,
            bearer("li_read_<script>" + "a".repeat(44)),
            bearer("li_read_" + "😀".repeat(26)),
        }) {
            assertThat(readers.decide(header)).as(header).isEqualTo(Readers.UNAUTHORIZED);
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void decide_whenAReadTokenNoSiteHas_refuses() {
        Readers readers = new Readers(ADMIN, counted, clock);
        assertThat(readers.decide(bearer(SiteKeys.newKey(SiteKeys.Kind.READ, random))))
                .isEqualTo(Readers.UNAUTHORIZED);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void decide_whenTheKeyItemOutlivedARotation_refuses() {
        // the key item still names the site, but the site's digest is another token's: the site item decides
        String stale = SiteKeys.newKey(SiteKeys.Kind.READ, random);
        String write = SiteKeys.newKey(SiteKeys.Kind.WRITE, random);
        registry.put(site("shop", write, SiteKeys.sha256("a newer token"), true), write, null, stale);
        Readers readers = new Readers(ADMIN, counted, clock);

        assertThat(readers.decide(bearer(stale))).isEqualTo(Readers.UNAUTHORIZED);
    }

    @Test
    void decide_whenTheRegistryCallsItAnotherKind_refuses() {
        String token = SiteKeys.newKey(SiteKeys.Kind.READ, random);
        Site shop = site("shop", "li_pub_x", SiteKeys.sha256(token), true);
        SiteDirectory confused = new SiteDirectory() {
            @Override
            public Optional<KeyedSite> byKey(String key) {
                return Optional.of(new KeyedSite(shop, SiteKeys.Kind.WRITE));
            }

            @Override
            public Optional<Site> byId(String siteId) {
                return Optional.of(shop);
            }

            @Override
            public List<Site> all() {
                return List.of(shop);
            }
        };
        assertThat(new Readers(ADMIN, confused, clock).decide(bearer(token))).isEqualTo(Readers.UNAUTHORIZED);
    }

    @Test
    void decide_whenTheSiteIsDisabled_refusesWithTheReason() {
        String token = read("shop", false);
        assertThat(new Readers(ADMIN, counted, clock).decide(bearer(token))).isEqualTo(Readers.DISABLED);
    }

    @Test
    void decide_whenAskedAgain_readsTheRegistryOnceEveryCacheAge_soARotationReachesItWithinIt() {
        String token = read("shop", true);
        Readers readers = new Readers(ADMIN, counted, clock);

        for (int i = 0; i < 100; i++) {
            assertThat(readers.decide(bearer(token))).isInstanceOf(Readers.Granted.class);
            clock.advance(100);
        }
        assertThat(lookups).hasValue(1);

        read("shop", true); // rotated
        clock.advance(Readers.CACHE_AGE.toMillis() - 10_000 - 1); // 29.999 s after the lookup
        assertThat(readers.decide(bearer(token))).isInstanceOf(Readers.Granted.class);
        clock.advance(1);
        assertThat(readers.decide(bearer(token))).isEqualTo(Readers.UNAUTHORIZED);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void decide_whenFloodedWithTokens_keepsABoundedCache() {
        Readers readers = new Readers(ADMIN, counted, clock);
        String token = read("shop", true);
        readers.decide(bearer(token));
        for (int i = 0; i < Readers.CACHE_SIZE; i++) {
            readers.decide(bearer(SiteKeys.newKey(SiteKeys.Kind.READ, random)));
        }
        int before = lookups.get();
        readers.decide(bearer(token)); // pushed out by the flood: read again
        assertThat(lookups.get()).isEqualTo(before + 1);
    }
}
