package io.liveinsight.dashboard.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.site.Site;
import io.liveinsight.sites.SiteDirectory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The registry's SDK failures become the dashboard's "not answering" (a 503), never naming the key looked up. */
class SiteDirectoryReadsTest {

    private static final String TOKEN = "li_read_" + "q".repeat(52);

    private final SiteDirectory failing = new SiteDirectory() {
        @Override
        public Optional<KeyedSite> byKey(String key) {
            throw SdkClientException.create("connection refused");
        }

        @Override
        public Optional<Site> byId(String siteId) {
            throw SdkClientException.create("connection refused");
        }

        @Override
        public List<Site> all() {
            throw SdkClientException.create("connection refused");
        }
    };

    @Test
    void everyRead_whenTheSdkFails_isUnavailable_andNamesNoKey() {
        SiteDirectory reads = new SiteDirectoryReads(failing, "LiveInsight-Sites");

        assertThatThrownBy(() -> reads.byKey(TOKEN))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("LiveInsight-Sites")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThatThrownBy(() -> reads.byId("shop")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(reads::all).isInstanceOf(StoreUnavailableException.class);
    }
}
