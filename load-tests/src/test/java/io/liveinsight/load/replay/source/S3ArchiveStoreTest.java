package io.liveinsight.load.replay.source;

import static io.liveinsight.load.replay.source.ArchiveFiles.gzip;
import static io.liveinsight.load.replay.source.ArchiveFiles.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 archive adapter through the real SDK client against S3Proxy (an S3 engine in this JVM, in memory): the
 * Firehose layout under a prefix, listing partition by partition, reading gzip objects, S3's errors translated.
 */
class S3ArchiveStoreTest {

    static final String ACCESS_KEY = "replay-test";
    static final String SECRET_KEY = "replay-test-secret";

    static final long NINE = Instant.parse("2026-12-06T09:00:00Z").toEpochMilli();

    private static BlobStoreContext blobs;
    private static S3Proxy proxy;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        blobs = ContextBuilder.newBuilder(new TransientApiMetadata()).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        proxy.stop();
        blobs.close();
    }

    @Test
    void read_whenTheArchiveIsInABucket_listsThePartitionsOfTheRangeAndReadsTheirRecords() throws IOException {
        s3.createBucket(r -> r.bucket("archive"));
        put("archive", "live/dt=2026-12-06/hour=08/part-1.ndjson.gz", record("s0", NINE - 5, "before"));
        put("archive", "live/dt=2026-12-06/hour=09/part-1.ndjson.gz", record("s1", NINE + 5, "a", "b"));
        put("archive", "live/dt=2026-12-06/hour=10/part-1.ndjson.gz", record("s2", NINE + 3_599_000, "c"));
        put("archive", "live/dt=2026-12-06/hour=12/part-1.ndjson.gz", record("s3", NINE + 3 * 3_600_000, "late"));
        put("archive", "live/errors/x.ndjson.gz", record("s4", NINE, "error-output"));
        put("archive", "other/dt=2026-12-06/hour=09/part-1.ndjson.gz", record("s5", NINE, "other-prefix"));
        S3ArchiveStore store = new S3ArchiveStore(s3, "archive", "live");

        SourceRead ranged = new ArchiveSource(
                        store, new TimeRange(Instant.ofEpochMilli(NINE), Instant.ofEpochMilli(NINE + 3_600_000)))
                .read();
        SourceRead all = new ArchiveSource(store, TimeRange.ALL).read();

        assertThat(ranged.requests())
                .flatExtracting(TimedRequest::events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("a", "b", "c");
        assertThat(store.list("dt=2026-12-06/hour=09/")).containsExactly("dt=2026-12-06/hour=09/part-1.ndjson.gz");
        assertThat(all.requests())
                .flatExtracting(TimedRequest::events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactlyInAnyOrder("before", "a", "b", "c", "late");
        assertThat(all.description())
                .contains("s3://archive/live/")
                .contains("4 files, 1 outside the dt=/hour= layout ignored");
    }

    @Test
    void list_whenTheBucketDoesNotExist_failsWithS3sReason() {
        S3ArchiveStore store = new S3ArchiveStore(s3, "no-such-bucket", "");

        assertThatThrownBy(() -> store.list(""))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("listing s3://no-such-bucket/")
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void parse_whenAnS3Url_givesBucketAndPrefix() {
        assertThat(S3ArchiveStore.parse("s3://bucket/some/prefix/")).containsExactly("bucket", "some/prefix/");
        assertThat(S3ArchiveStore.parse("s3://bucket")).containsExactly("bucket", "");
        assertThat(S3ArchiveStore.parse("https://bucket/x")).isNull();
        assertThat(S3ArchiveStore.parse("s3:///x")).isNull();
    }

    private static void put(String bucket, String key, String line) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(gzip(List.of(line))));
    }
}
