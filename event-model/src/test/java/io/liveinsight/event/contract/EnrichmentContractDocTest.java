package io.liveinsight.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.docs.MarkdownTables;
import io.liveinsight.event.docs.RepositoryFiles;
import io.liveinsight.event.traffic.Campaign;
import io.liveinsight.event.traffic.Channel;
import io.liveinsight.event.traffic.PageKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cites docs/contract/events.md#enrichment: the page names exactly the attributes of {@link ItemAttributes#ENRICHMENT},
 * every channel, and the limits of the values.
 */
class EnrichmentContractDocTest {

    private static final String PAGE = RepositoryFiles.read("docs/contract/events.md");
    /** The section's text on one line: the page wraps where it likes. */
    private static final String SECTION =
            PAGE.substring(PAGE.indexOf("## Enrichment")).replaceAll("\\s+", " ");

    @Test
    void enrichment_listsExactlyTheSharedAttributesInTheirOrder() {
        List<String> documented = MarkdownTables.under(PAGE, "Enrichment").stream()
                .map(row -> MarkdownTables.plain(row.get("attribute")))
                .toList();

        assertThat(documented).isEqualTo(ItemAttributes.ENRICHMENT);
    }

    @Test
    void enrichment_namesEveryChannelAsItemsStoreIt() {
        Map<String, String> channel = MarkdownTables.under(PAGE, "Enrichment").stream()
                .filter(row -> MarkdownTables.plain(row.get("attribute")).equals(ItemAttributes.CHANNEL))
                .findFirst()
                .orElseThrow();

        for (String name : Arrays.stream(Channel.values())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList()) {
            assertThat(channel.get("values")).contains("`" + name + "`");
        }
    }

    @Test
    void enrichment_statesTheLimitsOfTheCode() {
        assertThat(SECTION)
                .contains("at most " + Campaign.MAX_VALUE + " characters")
                .contains("at most " + PageKey.MAX_CHARS + " characters")
                .contains("`" + PageKey.NONE + "`");
    }
}
