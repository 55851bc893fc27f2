package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.site.Site;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory;
import io.liveinsight.sites.dynamodb.SiteAdmin;
import org.junit.jupiter.api.Test;

/**
 * The local stack's default site (docs/contract/sites.md#the-default-site): on, start-up adds it to the registry once
 * and leaves a disabled one disabled; off, the registry gets none.
 */
@WithLocalAws
class LocalDefaultSiteTest {

    @Test
    void startUp_addsTheDefaultSiteWhenOn_keepsOneDisabled_andAddsNoneWhenOff(LocalAws aws) {
        long unique = System.nanoTime();
        TableNames on = TableNames.withPrefix("DefaultOn" + unique);
        try (LocalPipeline stack = LocalPipeline.start(config(aws, on, unique, true), aws.endpoints())) {
            assertThat(stack.edgeAddress()).isNotNull();
        }
        DynamoDbSiteDirectory registry = new DynamoDbSiteDirectory(aws.dynamoDb(), on.sites());
        Site added = registry.byId("default").orElseThrow();
        assertThat(added.active()).isTrue();
        assertThat(added.hostnames()).isEmpty();

        new SiteAdmin(aws.dynamoDb(), on.sites()).setActive("default", false);
        try (LocalPipeline again = LocalPipeline.start(config(aws, on, unique + 1, true), aws.endpoints())) {
            assertThat(registry.byId("default")).map(Site::active).contains(false);
            assertThat(registry.byId("default")).map(Site::writeKey).contains(added.writeKey());
        }

        TableNames off = TableNames.withPrefix("DefaultOff" + unique);
        try (LocalPipeline stack = LocalPipeline.start(config(aws, off, unique + 2, false), aws.endpoints())) {
            assertThat(new DynamoDbSiteDirectory(aws.dynamoDb(), off.sites()).all())
                    .isEmpty();
        }
    }

    private static LocalConfig config(LocalAws aws, TableNames tables, long unique, boolean defaultSite) {
        return new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                aws.endpoints().dynamoDb(),
                aws.endpoints().kinesis(),
                "default-site-" + unique,
                1,
                tables,
                "default-site-consumer-" + unique,
                null,
                false,
                LocalConfig.DEFAULT_REPLAY_KEY,
                null,
                LocalConfig.DEFAULT_ARCHIVE_FLUSH_AGE,
                false,
                2,
                defaultSite);
    }
}
