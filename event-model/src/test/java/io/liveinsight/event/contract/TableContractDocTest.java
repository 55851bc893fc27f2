package io.liveinsight.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.docs.MarkdownTables;
import io.liveinsight.event.docs.RepositoryFiles;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Cites docs/contract/tables.md#keys-and-indexes and its per-table sections, docs/contract/tables.md#stats with its
 * resolutions, counts, breakdowns and the ru attribute: the page says what {@link Tables} and the stats model are.
 */
class TableContractDocTest {

    private static final String PAGE = RepositoryFiles.read("docs/contract/tables.md");

    /**
     * What a Stats item shows its readers: its keys, the rollup, whether a day item is final, and when it goes; a runs
     * item, its first and last times.
     */
    private static final List<String> STATS_READ = List.of(
            ItemAttributes.STATS_KEY,
            ItemAttributes.STATS_SHARD,
            ItemAttributes.ROLLUP,
            ItemAttributes.FINAL,
            ItemAttributes.EXPIRES_AT,
            ItemAttributes.FIRST_AT,
            ItemAttributes.LAST_AT);

    @Test
    void keysAndIndexes_listEveryKeyAndIndexOfTheContract() {
        List<String> documented = MarkdownTables.under(PAGE, "Keys and indexes").stream()
                .map(row -> String.join(
                        " | ",
                        row.get("table"),
                        MarkdownTables.plain(row.get("index")),
                        MarkdownTables.plain(row.get("partition key")),
                        MarkdownTables.plain(row.get("sort key")),
                        row.get("projection")))
                .toList();

        List<String> contract = new ArrayList<>();
        for (TableSchema table : Tables.all()) {
            contract.add(String.join(
                    " | ",
                    table.suffix(),
                    "(table)",
                    key(table.partitionKey()),
                    table.sortKey().map(TableContractDocTest::key).orElse("-"),
                    "-"));
            for (IndexSchema index : table.indexes()) {
                contract.add(String.join(
                        " | ",
                        table.suffix(),
                        index.name(),
                        key(index.partitionKey()),
                        key(index.sortKey()),
                        index.projection().name()));
            }
        }

        assertThat(documented).isEqualTo(contract);
    }

    @Test
    void eachTable_documentsItsKeysTtlAndExactlyTheAttributesItsReadersRead() {
        Map<TableSchema, List<String>> readers = Map.of(
                Tables.EVENTS, ItemAttributes.EVENT,
                Tables.SESSIONS, ItemAttributes.SESSION,
                Tables.ACTIVE_SESSIONS, ItemAttributes.ACTIVE_SESSION,
                Tables.STATS, STATS_READ,
                Tables.SITES, ItemAttributes.SITES);
        for (TableSchema table : Tables.all()) {
            List<Map<String, String>> rows = MarkdownTables.under(PAGE, table.suffix());
            Set<String> read = new LinkedHashSet<>();
            Map<String, String> roles = new java.util.HashMap<>();
            for (Map<String, String> row : rows) {
                String name = MarkdownTables.plain(row.get("attribute"));
                roles.put(name, row.get("role"));
                if (!row.get("role").startsWith("internal")) {
                    read.add(name);
                }
            }

            assertThat(read).as(table.suffix() + ": attributes not internal").hasSameElementsAs(readers.get(table));
            assertThat(roles.get(table.partitionKey().name()))
                    .as(table.suffix())
                    .startsWith("PK");
            table.sortKey().ifPresent(sortKey -> assertThat(roles.get(sortKey.name()))
                    .as(table.suffix())
                    .startsWith("SK"));
            for (IndexSchema index : table.indexes()) {
                assertThat(roles.get(index.partitionKey().name())).contains(index.name() + " PK");
                assertThat(roles.get(index.sortKey().name())).contains(index.name() + " SK");
            }
            table.timeToLiveAttribute()
                    .ifPresent(ttl -> assertThat(roles.get(ttl)).isEqualTo("TTL"));
        }
    }

    @Test
    void ttl_section_namesTheContractsAttributeAndWindow() {
        String ttl = PAGE.substring(PAGE.indexOf("## TTL"), PAGE.indexOf("##", PAGE.indexOf("## TTL") + 2));

        assertThat(ttl)
                .contains("TTL on `"
                        + Tables.ACTIVE_SESSIONS.timeToLiveAttribute().orElseThrow() + "`")
                .contains("+ " + SessionWindows.ACTIVE.toSeconds());
    }

    @Test
    void stats_internalAttributes_areTheWritersRevisionAndMark() {
        List<String> internal = MarkdownTables.under(PAGE, "Stats").stream()
                .filter(row -> row.get("role").startsWith("internal"))
                .map(row -> MarkdownTables.plain(row.get("attribute")))
                .toList();

        assertThat(internal).containsExactly(ItemAttributes.REVISION, ItemAttributes.MARK);
    }

    @Test
    void stats_resolutions_areTheModelsLettersSpansItemsAndTimesToLive() {
        List<Map<String, String>> rows = MarkdownTables.under(PAGE, "Resolutions");

        assertThat(rows)
                .extracting(row -> MarkdownTables.plain(row.get("resolution")))
                .containsExactlyElementsOf(
                        Arrays.stream(Resolution.values()).map(Enum::name).toList());
        for (Resolution resolution : Resolution.values()) {
            Map<String, String> row = rows.get(resolution.ordinal());
            StatsKey item = new StatsKey("s", resolution, 0).itemKey();
            assertThat(MarkdownTables.plain(row.get("letter"))).isEqualTo(resolution.code());
            assertThat(row.get("one key covers")).startsWith(words(resolution.span()));
            assertThat(row.get("stored in"))
                    .as(resolution.name())
                    .startsWith(item.resolution() == Resolution.HOUR ? "the hour item" : "the day items");
            if (item.resolution() != resolution) {
                assertThat(row.get("stored in"))
                        .contains("`<site>#" + item.resolution().code() + "#")
                        .contains("`StatsKey.itemKey()`");
            }
            assertThat(row.get("`expires_at`"))
                    .isEqualTo(resolution
                            .kept()
                            .map(kept -> "hour end + " + kept(kept))
                            .orElse("none (kept for ever)"));
        }
    }

    @Test
    void stats_itemSections_sayWhereEachKindOfItemLivesAndHowLong() {
        String hours = section("### Hour items");
        String days = section("### Day items");

        assertThat(hours)
                .contains("`pk` = `<site>#" + Resolution.HOUR.code() + "#<hour start>`")
                .contains("minute slots");
        assertThat(days)
                .contains("`pk` = `<site>#" + Resolution.DAY.code() + "#<day start>`")
                .contains("no `expires_at`")
                .contains("`" + ItemAttributes.FINAL + "` = `true`");
        assertThat(Resolution.HOUR.kept()).contains(Duration.ofDays(400));
        assertThat(Resolution.DAY.kept()).isEmpty();
    }

    @Test
    void stats_sparseSketchSwitch_isWhereTheCodecSwitches() throws IOException {
        int dense = (Hll.REGISTERS + 2) / 3;

        assertThat(PAGE)
                .contains("all " + Hll.REGISTERS + " registers (" + Hll.REGISTERS + " bytes) when at least " + dense
                        + " are set");
        assertThat(storedSketchBytes(dense - 1)).isEqualTo(3 * (dense - 1));
        assertThat(storedSketchBytes(dense)).isEqualTo(Hll.REGISTERS);
    }

    @Test
    void stats_counts_listTheFiguresInTheOrderTheyAreStored() {
        List<String> documented = MarkdownTables.under(PAGE, "Counts").stream()
                .map(row -> row.get("#") + " " + MarkdownTables.plain(row.get("figure")))
                .toList();

        RecordComponent[] components = Counts.class.getRecordComponents();
        List<String> model = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            model.add(i + " " + components[i].getName());
        }
        assertThat(documented).isEqualTo(model);
    }

    @Test
    void stats_breakdowns_listEveryDimensionWithItsCode() {
        List<String> documented = MarkdownTables.under(PAGE, "Breakdowns").stream()
                .map(row -> MarkdownTables.plain(row.get("dimension")) + " " + MarkdownTables.plain(row.get("code")))
                .toList();

        assertThat(documented)
                .containsExactlyElementsOf(Arrays.stream(Dimension.values())
                        .map(dimension -> dimension.name() + " " + dimension.code())
                        .toList());
    }

    @Test
    void stats_limits_areTheModelsConstants() {
        String stats = PAGE.substring(PAGE.indexOf("## Stats"));

        assertThat(stats)
                .contains("The site is `" + StatsKey.DEFAULT_SITE + "` (`StatsKey.DEFAULT_SITE`)")
                .contains("keeps its **" + Rollup.MAX_KEYS + "** largest keys")
                .contains("`" + Rollup.OTHER + "` (`Rollup.OTHER`")
                .contains("latest **" + Rollup.MAX_RECENT + "** events")
                .contains("up to " + Rollup.MAX_RECENT + " events, newest first")
                .contains("2^" + Hll.PRECISION + " = " + Hll.REGISTERS + " one-byte registers")
                .contains("at most " + Hll.MAX_RANK + ")");
    }

    @Test
    void stats_ruFields_areTheFieldsTheCodecWrites() throws IOException {
        Hll users = new Hll();
        users.add("u");
        Rollup full = new Rollup(
                new Counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                Map.of(0, new Counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
                Map.of(Dimension.PAGE, Map.of("p", 1L)),
                users,
                List.of(new RecentEvent(1, "e", "t", "s", "u", "p", "q")));
        List<String> written = new ArrayList<>();
        new ObjectMapper()
                .readTree(gunzip(RollupCodec.encode(full)))
                .fieldNames()
                .forEachRemaining(written::add);

        assertThat(MarkdownTables.under(PAGE, "The ru attribute"))
                .extracting(row -> MarkdownTables.plain(row.get("field")))
                .containsExactlyElementsOf(written);
    }

    @Test
    void stats_ruExample_decodesToWhatThePageSays() throws IOException {
        Matcher example = Pattern.compile("For example `(\\{[^`]+})`").matcher(PAGE);
        assertThat(example.find()).isTrue();

        Rollup rollup = RollupCodec.decode(gzip(example.group(1)));

        Counts counts = new Counts(3, 2, 1, 1, 40_000, 0, 0, 0, 0, 0);
        assertThat(rollup).isEqualTo(new Rollup(counts, Map.of(7, counts), Map.of(), null, List.of()));
    }

    /** The page from a heading to the next heading of any level, each run of white space one space. */
    private static String section(String heading) {
        int start = PAGE.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = PAGE.indexOf("\n#", start + heading.length());
        return PAGE.substring(start, end < 0 ? PAGE.length() : end).replaceAll("\\s+", " ");
    }

    /** The bytes of the stored {@code u} of a sketch with {@code set} registers set. */
    private static int storedSketchBytes(int set) throws IOException {
        byte[] registers = new byte[Hll.REGISTERS];
        for (int i = 0; i < set; i++) {
            registers[i] = 1;
        }
        Rollup rollup = new Rollup(Counts.ZERO, Map.of(), Map.of(), Hll.of(registers), List.of());
        String u = new ObjectMapper()
                .readTree(gunzip(RollupCodec.encode(rollup)))
                .get("u")
                .asText();
        return java.util.Base64.getDecoder().decode(u).length;
    }

    /** A span as the page writes it: {@code 1 hour}, {@code 1 day}. */
    private static String words(Duration span) {
        return span.toDays() >= 1 ? span.toDays() + " day" : span.toHours() + " hour";
    }

    /** A time kept as the page writes it: hours under a week ({@code 48 hours}), days from one ({@code 400 days}). */
    private static String kept(Duration kept) {
        return kept.toDays() < 7 ? kept.toHours() + " hours" : kept.toDays() + " days";
    }

    private static byte[] gzip(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] stored) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    private static String key(KeyAttribute key) {
        return key.name() + " (" + (key.type() == KeyAttribute.Type.NUMBER ? "N" : "S") + ")";
    }
}
