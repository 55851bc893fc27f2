package io.liveinsight.sites.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.sites.dynamodb.StoredSite;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteTextTest {

    private static final String WRITE = "li_pub_abcdefghijklmnopqrstuvwxyz";
    private static final String HOSTILE = "Evil --> <script>alert(1)</script> \u202Egnp.exe \uD83D\uDE00";

    private static Site site(String name, List<String> hosts) {
        return new Site(
                "shop",
                name,
                hosts,
                WRITE,
                SiteKeys.sha256("s"),
                SiteKeys.sha256("r"),
                true,
                SiteLimits.DEFAULTS,
                Set.of("purchase"),
                "UTC");
    }

    @Test
    void snippet_loadsTheTrackerAndInitsWithTheWriteKey_andNeverTheName() {
        String snippet = SiteText.snippet(
                site(HOSTILE, List.of("shop.example", "*.shop.example")),
                URI.create("https://abc.execute-api.eu-west-1.amazonaws.com/"),
                URI.create("https://cdn.shop.example/tracker.js"));

        assertThat(snippet)
                .contains("s.src = 'https://cdn.shop.example/tracker.js'")
                .contains("LiveInsight.init({ site: '" + WRITE
                        + "', endpoint: 'https://abc.execute-api.eu-west-1.amazonaws.com/events' });")
                .contains("'init track identify optOut optIn flush'")
                .contains("every page of shop.example, *.shop.example")
                .doesNotContain("Evil", "alert", "\u202E");
        assertThat(snippet.lines().filter(line -> line.contains("<script>")).count())
                .isEqualTo(1);
    }

    @Test
    void site_showsTheWriteKeyButNoDigest_andNeutralisesTerminalTricks() {
        Site site = site(HOSTILE + "\u001b[2J", List.of());
        String text = SiteText.site(new StoredSite(site, 1_765_036_800_000L, 1_765_036_800_001L));

        assertThat(text)
                .contains("site shop: Evil --> <script>alert(1)</script> ?gnp.exe \uD83D\uDE00?[2J")
                .contains("write key    " + WRITE)
                .contains("none: browsers cannot send with its write key")
                .contains("site 500/s (burst 1000), client 20/s (burst 200), session 10/s (burst 100)")
                .contains("created      2025-12-06T16:00:00Z")
                .doesNotContain(SiteKeys.sha256("s"), SiteKeys.sha256("r"), "\u001b", "\u202E");
    }

    @Test
    void list_isOneLinePerSite() {
        String text = SiteText.list(List.of(
                new StoredSite(site("Shop", List.of("shop.example")), 1, 1),
                new StoredSite(site("Shop\nfake line", List.of()).withActive(false), 1, 1)));

        assertThat(text.lines()).hasSize(3);
        assertThat(text).contains("Shop (shop.example)").contains("disabled").contains("Shop?fake line");
        assertThat(SiteText.list(List.of())).startsWith("no sites");
    }

    @Test
    void localCredentials_areTheLocalEngines() {
        assertThat(SiteCli.LOCAL_ACCESS_KEY_ID).isEqualTo(LocalCredentials.ACCESS_KEY_ID);
        assertThat(SiteCli.LOCAL_SECRET_ACCESS_KEY).isEqualTo(LocalCredentials.SECRET_ACCESS_KEY);
        assertThat(SiteCli.LOCAL_REGION).isEqualTo(LocalCredentials.REGION);
    }
}
