package io.liveinsight.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.docs.RepositoryFiles;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/local.md#defaults: the names a process falls back to are {@link Defaults}'. */
class DefaultsDocTest {

    @Test
    void defaultsSection_namesTheContractsDefaults() {
        String page = RepositoryFiles.read("docs/contract/local.md");
        String defaults = page.substring(page.indexOf("## Defaults"));

        assertThat(defaults)
                .contains("Stream `" + Defaults.STREAM_NAME + "`")
                .contains("prefix `" + Defaults.TABLE_PREFIX + "`")
                .contains("region `" + Defaults.REGION + "`")
                .contains("stage `" + Defaults.STAGE + "`");
    }
}
