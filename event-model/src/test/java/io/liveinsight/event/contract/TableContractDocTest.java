package io.liveinsight.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.docs.MarkdownTables;
import io.liveinsight.event.docs.RepositoryFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/tables.md#keys-and-indexes and its per-table sections: the page says what {@link Tables} is. */
class TableContractDocTest {

    private static final String PAGE = RepositoryFiles.read("docs/contract/tables.md");

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
                Tables.ACTIVE_SESSIONS, ItemAttributes.ACTIVE_SESSION);
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

    private static String key(KeyAttribute key) {
        return key.name() + " (" + (key.type() == KeyAttribute.Type.NUMBER ? "N" : "S") + ")";
    }
}
