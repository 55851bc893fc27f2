package io.liveinsight.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemorySiteDirectoryTest {

    @Test
    void byKey_findsTheSiteAndKind_andForgetsReplacedKeys() {
        Site shop = new Site(
                "shop",
                "Shop",
                List.of("shop.example"),
                "li_pub_a",
                "x",
                "y",
                true,
                SiteLimits.DEFAULTS,
                Set.of(),
                "UTC");
        String write = SiteKeys.newKey(SiteKeys.Kind.WRITE);
        String server = SiteKeys.newKey(SiteKeys.Kind.SERVER);
        InMemorySiteDirectory directory = new InMemorySiteDirectory().put(shop, write, server, null);

        assertThat(directory.byKey(write)).contains(new SiteDirectory.KeyedSite(shop, SiteKeys.Kind.WRITE));
        assertThat(directory.byKey(server)).contains(new SiteDirectory.KeyedSite(shop, SiteKeys.Kind.SERVER));
        assertThat(directory.byKey("li_pub_nope")).isEmpty();
        assertThat(directory.byKey(null)).isEmpty();

        String rotated = SiteKeys.newKey(SiteKeys.Kind.WRITE);
        directory.put(shop, rotated, server, null);

        assertThat(directory.byKey(write)).isEmpty();
        assertThat(directory.byKey(rotated)).isPresent();
        assertThat(directory.all()).containsExactly(shop);
        assertThat(directory.byId("shop")).contains(shop);
    }
}
