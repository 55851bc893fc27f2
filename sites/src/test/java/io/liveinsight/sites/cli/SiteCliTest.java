package io.liveinsight.sites.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.SiteDirectory.KeyedSite;
import io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory;
import io.liveinsight.sites.dynamodb.LocalDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bin/site} end to end on DynamoDB Local: what an operator types, what it prints, what the edge then reads. */
class SiteCliTest {

    private static final Pattern KEY = Pattern.compile("li_(pub|sec|read)_[a-z2-7]+");

    private record Run(int exit, String out, String err) {}

    private final String prefix = LocalDynamoDb.freshPrefix("Cli");
    private final DynamoDbSiteDirectory directory =
            new DynamoDbSiteDirectory(LocalDynamoDb.client(), prefix + "-Sites");

    @Test
    void everyCommand_endToEnd() {
        Run add = run(
                "add",
                "shop",
                "--name",
                "Shop \uD83D\uDE00 <script>",
                "--host",
                "Shop.Example",
                "--host",
                "*.shop.example",
                "--site-rate",
                "50",
                "--conversion",
                "purchase",
                "--tz",
                "Europe/Berlin");

        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out())
                .contains("added site shop, active")
                .contains("site shop: Shop \uD83D\uDE00 <script>")
                .contains("hostnames    shop.example, *.shop.example")
                .contains("site 50/s (burst 1000)")
                .contains(SiteText.KEYS_WARNING);
        List<String> keys = keys(add.out()).stream().distinct().toList();
        assertThat(keys).hasSize(3); // the write key twice: in the site's lines and under the warning
        String write =
                keys.stream().filter(k -> k.startsWith("li_pub_")).findFirst().orElseThrow();
        String server =
                keys.stream().filter(k -> k.startsWith("li_sec_")).findFirst().orElseThrow();
        assertThat(directory.byKey(write)).map(KeyedSite::kind).contains(SiteKeys.Kind.WRITE);
        assertThat(directory.byKey(server)).map(KeyedSite::kind).contains(SiteKeys.Kind.SERVER);

        Run again = run("add", "shop", "--host", "other.example");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("bin/site: site shop exists already");

        Run show = run("show", "shop");
        assertThat(show.out()).contains("write key    " + write).doesNotContain(server);
        assertThat(keys(show.out())).containsExactly(write);

        Run rotate = run("rotate", "shop", "--server");
        assertThat(rotate.exit()).isZero();
        assertThat(rotate.out()).contains("rotated the server key of site shop").contains(SiteText.KEYS_WARNING);
        String newServer = keys(rotate.out()).get(0);
        assertThat(directory.byKey(server)).isEmpty();
        assertThat(directory.byKey(newServer)).isPresent();
        assertThat(directory.byKey(write)).isPresent();

        assertThat(run("disable", "shop").out()).contains("disabled site shop");
        assertThat(directory.byKey(write)).map(keyed -> keyed.site().active()).contains(false);
        Run disabledSnippet = run("snippet", "shop");
        assertThat(disabledSnippet.err()).contains("warning: site shop is disabled");
        assertThat(run("enable", "shop").out()).contains("enabled site shop");

        Run set = run("set", "shop", "--client-burst", "30", "--no-conversions");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(directory.byId("shop").orElseThrow().limits()).isEqualTo(new SiteLimits(50, 1000, 20, 30, 10, 100));
        assertThat(directory.byId("shop").orElseThrow().conversions()).isEmpty();

        Run badSet = run("set", "shop", "--host", "https://shop.example");
        assertThat(badSet.exit()).isEqualTo(2);
        assertThat(badSet.err()).contains("hostname must be a host name").contains("nothing was written");

        Run snippet = run("snippet", "shop", "--edge-url", "https://edge.example/");
        assertThat(snippet.exit()).isZero();
        assertThat(snippet.err()).isEmpty();
        assertThat(snippet.out())
                .contains("LiveInsight.init({ site: '" + write + "', endpoint: 'https://edge.example/events' });")
                .doesNotContain("<script>alert");

        Run list = run("list");
        assertThat(list.out()).contains("shop").contains("active").contains("Shop \uD83D\uDE00 <script>");

        Run missing = run("rotate", "ghost", "--all");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no site ghost");
    }

    @Test
    void usageErrors_exit2_andAMissingTableOrEngineExits1SayingWhy() {
        Run usage = run("add");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("add needs the site id").contains("--help");

        Run help = SiteCliTest.runRaw("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("bin/site add <id>");

        Run noTable = runRaw("list", "--endpoint", LocalDynamoDb.endpoint().toString(), "--table-prefix", "Nope");
        assertThat(noTable.exit()).isEqualTo(1);
        assertThat(noTable.err()).contains("no table Nope-Sites").contains("bin/run-local");

        Run noEngine = runRaw("list", "--endpoint", "http://127.0.0.1:9", "--table-prefix", "Nope");
        assertThat(noEngine.exit()).isEqualTo(1);
        assertThat(noEngine.err()).contains("cannot reach DynamoDB at http://127.0.0.1:9");
    }

    private Run run(String... argv) {
        List<String> all = new ArrayList<>(List.of(argv));
        all.addAll(List.of("--endpoint", LocalDynamoDb.endpoint().toString(), "--table-prefix", prefix));
        return runRaw(all.toArray(String[]::new));
    }

    private static Run runRaw(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SiteCli.run(
                argv,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> keys(String text) {
        List<String> keys = new ArrayList<>();
        Matcher matcher = KEY.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group());
        }
        return keys;
    }
}
