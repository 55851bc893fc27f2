package io.liveinsight.sites.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.sites.LimitsChange;
import io.liveinsight.sites.SiteChange;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteArgsTest {

    @Test
    void add_takesEverySettingAndTheLocalDefaults() {
        SiteArgs args = SiteArgs.parse(
                "add",
                "shop",
                "--name",
                "My <Shop> \uD83D\uDE00",
                "--host",
                "shop.example",
                "--host=*.shop.example",
                "--site-rate",
                "50",
                "--site-burst",
                "100",
                "--session-burst",
                "7",
                "--conversion",
                "purchase",
                "--conversion",
                "signup",
                "--tz",
                "Europe/Berlin");

        assertThat(args.command()).isEqualTo(SiteArgs.Command.ADD);
        assertThat(args.siteId()).isEqualTo("shop");
        assertThat(args.change())
                .isEqualTo(new SiteChange(
                        "My <Shop> \uD83D\uDE00",
                        List.of("shop.example", "*.shop.example"),
                        new LimitsChange(50, 100, null, null, null, 7),
                        Set.of("purchase", "signup"),
                        "Europe/Berlin"));
        assertThat(args.connection())
                .isEqualTo(new SiteArgs.Connection(URI.create("http://127.0.0.1:8000"), false, null, "LiveInsight"));
        assertThat(args.connection().sitesTable()).isEqualTo("LiveInsight-Sites");
    }

    @Test
    void connection_withAws_needsTheDeploymentAndTakesARegion() {
        SiteArgs args = SiteArgs.parse("list", "--aws", "--stage", "prod", "--region", "eu-central-1");

        assertThat(args.connection())
                .isEqualTo(new SiteArgs.Connection(null, true, "eu-central-1", "prod-LiveInsight"));
        assertThat(args.connection().sitesTable()).isEqualTo("prod-LiveInsight-Sites");
        assertThat(SiteArgs.parse("list", "--table-prefix", "Mine", "--endpoint", "http://localhost:9000")
                        .connection())
                .isEqualTo(new SiteArgs.Connection(URI.create("http://localhost:9000"), false, null, "Mine"));
        assertUsage("--aws, name the deployment", "list", "--aws");
        assertUsage("exclude each other", "list", "--aws", "--stage", "dev", "--endpoint", "http://x:1");
        assertUsage("--region goes with --aws", "list", "--region", "eu-west-1");
        assertUsage("--region must be an AWS region", "list", "--aws", "--stage", "dev", "--region", "../etc");
        assertUsage("--table-prefix must be", "list", "--table-prefix", "a b");
        assertUsage("STAGE must match", "list", "--stage", "dev/../x");
    }

    @Test
    void rotate_takesTheKindsGiven_orAll_andNeedsOne() {
        assertThat(SiteArgs.parse("rotate", "shop", "--server", "--read").kinds())
                .isEqualTo(EnumSet.of(SiteKeys.Kind.SERVER, SiteKeys.Kind.READ));
        assertThat(SiteArgs.parse("rotate", "shop", "--all").kinds()).isEqualTo(EnumSet.allOf(SiteKeys.Kind.class));
        assertUsage("rotate which key?", "rotate", "shop");
        assertUsage("--write takes no value", "rotate", "shop", "--write=yes");
    }

    @Test
    void set_needsAChange_andClearsListsOnlyWhenAsked() {
        assertThat(SiteArgs.parse("set", "shop", "--no-hosts").change().hostnames())
                .isEmpty();
        assertThat(SiteArgs.parse("set", "shop", "--tz", "UTC").change().hostnames())
                .isNull();
        assertThat(SiteArgs.parse("set", "shop", "--no-conversions").change().conversions())
                .isEmpty();
        assertUsage("set needs something to change", "set", "shop");
        assertUsage("exclude each other", "set", "shop", "--no-hosts", "--host", "a.example");
    }

    @Test
    void snippet_defaultsToTheLocalEdge_andNeedsOneWithAws() {
        SiteArgs local = SiteArgs.parse("snippet", "shop");
        assertThat(local.edgeUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(local.scriptUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/tracker.js"));

        SiteArgs aws = SiteArgs.parse(
                "snippet",
                "shop",
                "--aws",
                "--stage",
                "dev",
                "--edge-url",
                "https://abc.execute-api.eu-west-1.amazonaws.com/",
                "--script-url",
                "https://cdn.shop.example/li/tracker.js");
        assertThat(aws.edgeUrl()).hasToString("https://abc.execute-api.eu-west-1.amazonaws.com/");
        assertThat(aws.scriptUrl()).hasToString("https://cdn.shop.example/li/tracker.js");
        assertUsage("needs --edge-url", "snippet", "shop", "--aws", "--stage", "dev");
        for (String hostile : List.of(
                "javascript:alert(1)",
                "https://x.example/'+alert(1)+'",
                "https://x.example/\"><script>",
                "https://x.example/</script>",
                "ftp://x.example",
                "https://x.example/#frag",
                "//x.example")) {
            assertUsage("--edge-url must be an http(s) address", "snippet", "shop", "--edge-url", hostile);
        }
    }

    @Test
    void badArguments_sayWhatIsWrong() {
        assertUsage("name a command");
        assertUsage("unknown command 'frobnicate'", "frobnicate");
        assertUsage("show needs the site id", "show");
        assertUsage("site id must be 1-32", "show", "Shop");
        assertUsage("site id must be 1-32", "show", "s~x");
        assertUsage("site id must be 1-32", "show", "a".repeat(33));
        assertUsage("site id must be 1-32", "add", "<script>");
        assertUsage("unexpected argument 'extra'", "show", "shop", "extra");
        assertUsage("unknown option --colour", "list", "--colour");
        assertUsage("--write is not an option of add", "add", "shop", "--write");
        assertUsage("--name is not an option of show", "show", "shop", "--name", "x");
        assertUsage("--host needs a value", "add", "shop", "--host");
        assertUsage("--site-rate must be a whole number", "add", "shop", "--site-rate", "fast");
        assertUsage("--site-rate must be at least 1", "add", "shop", "--site-rate", "0");
        assertUsage("--client-burst must be a whole number", "add", "shop", "--client-burst", "99999999999");
        assertUsage("unknown command '?[2J'", "\u001b[2J");
    }

    @Test
    void help_parsesWithoutACommand() {
        assertThat(SiteArgs.parse("--help").help()).isTrue();
        assertThat(SiteArgs.parse("-h").help()).isTrue();
    }

    private static void assertUsage(String message, String... argv) {
        assertThatThrownBy(() -> SiteArgs.parse(argv))
                .as(String.join(" ", argv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
