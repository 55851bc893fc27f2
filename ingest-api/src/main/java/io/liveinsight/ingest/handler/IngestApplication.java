package io.liveinsight.ingest.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.ingest.adapter.cloudwatch.EmfIngestMetrics;
import io.liveinsight.ingest.adapter.kinesis.KinesisClientFactory;
import io.liveinsight.ingest.adapter.kinesis.KinesisEventPublisher;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.ReseedableRandom;
import io.liveinsight.ingest.http.CorsPolicy;
import io.liveinsight.ingest.http.EventIngestor;
import io.liveinsight.ingest.http.IngestEdge;
import io.liveinsight.ingest.http.IngestRequest;
import io.liveinsight.ingest.http.IngestResponse;
import io.liveinsight.ingest.http.ReplayGate;
import io.liveinsight.ingest.http.SiteGate;
import io.liveinsight.ingest.limits.EdgeLimiter;
import io.liveinsight.ingest.port.EventPublisher;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.site.CachingSiteDirectory;
import io.liveinsight.ingest.site.SiteOrigins;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.sites.SiteDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The edge wired once per container, shared by both API Gateway payload formats. Everything heavy happens here,
 * in the constructor (SnapStart snapshots it); {@link #beforeCheckpoint} primes Jackson, validation, gzip and the
 * SDK's request path without putting anything on the stream, and {@link #afterRestore} reseeds id minting so
 * sandboxes restored from one snapshot never mint the same ids.
 */
public final class IngestApplication implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApplication.class);
    private static final int PRIMING_ROUNDS = 200;

    private final IngestEdge edge;
    private final ObjectWriter responseWriter;
    private final ReseedableRandom random;
    private final KinesisEventPublisher kinesisPublisher;
    private final IngestEdge primingEdge;
    private final ReplayGate replayGate;
    private volatile boolean sdkPrimed = true;

    /** Production wiring: Kinesis, EMF metrics, the system clock. */
    public IngestApplication(IngestConfig config) {
        this(config, null, null);
    }

    /**
     * @param publisher null for Kinesis per the config (tests and benchmarks pass their own, and get the edge as it
     *     was before sites: {@link EdgeSites#NONE})
     * @param metrics null for EMF per the environment
     */
    public IngestApplication(IngestConfig config, EventPublisher publisher, IngestMetrics metrics) {
        this(config, publisher, metrics, publisher == null ? null : EdgeSites.NONE);
    }

    /**
     * @param sites the registry and the leases; null for the Lambda's ({@link EdgeSites#fromConfig})
     */
    public IngestApplication(IngestConfig config, EventPublisher publisher, IngestMetrics metrics, EdgeSites sites) {
        EventCodec codec = new EventCodec();
        this.responseWriter = codec.mapper().writer();
        this.random = new ReseedableRandom();
        Clock clock = Clock.systemUTC();
        Ids ids = new Ids(clock, random);
        if (publisher == null) {
            KinesisClient kinesis = KinesisClientFactory.create(config);
            this.kinesisPublisher = new KinesisEventPublisher(
                    kinesis, config.streamName(), new RecordPacker(codec), config.publishBudget());
            publisher = kinesisPublisher;
        } else {
            this.kinesisPublisher = null;
        }
        this.replayGate = config.replayKey().map(ReplayGate::new).orElse(ReplayGate.OFF);
        IngestMetrics emitted =
                metrics != null ? metrics : EmfIngestMetrics.fromEnvironment(System.getenv(), config.stage());
        EdgeSites edgeSites = sites != null ? sites : EdgeSites.fromConfig(config);
        SiteGate siteGate = SiteGate.defaultOnly();
        CorsPolicy cors = config.corsPolicy();
        EdgeLimiter limiter = null;
        if (edgeSites.enabled()) {
            SiteDirectory cached = new CachingSiteDirectory(
                    edgeSites.directory(), clock, config.sites().cacheAge(), CachingSiteDirectory.DEFAULT_MAX_ENTRIES);
            siteGate = new SiteGate(cached, config.sites().defaultSite(), cors);
            cors = cors.withSites(new SiteOrigins(cached));
            if (edgeSites.leases() != null) {
                limiter = new EdgeLimiter(
                        edgeSites.leases(),
                        new EdgeLimiter.DeploymentLimit(
                                config.sites().deploymentEventsPerSecond(),
                                config.sites().deploymentBurst()),
                        clock,
                        System::nanoTime,
                        EdgeLimiter.DEFAULT_MAX_KEYS);
            }
            announce(config);
        }
        this.edge = new IngestEdge(
                new EventIngestor(
                        publisher,
                        emitted,
                        codec.mapper(),
                        clock,
                        ids,
                        config.edgeOptions(),
                        replayGate,
                        siteGate,
                        limiter),
                publisher,
                cors);
        RecordPacker primingPacker = new RecordPacker(codec);
        EventPublisher priming = new EventPublisher() {
            @Override
            public PublishResult publish(List<Event> events) {
                if (kinesisPublisher != null) {
                    sdkPrimed &= kinesisPublisher.prime(events);
                } else {
                    primingPacker.pack(events);
                }
                return new PublishResult.Stored(events.size(), 0);
            }

            @Override
            public boolean isHealthy() {
                return true;
            }
        };
        this.primingEdge = new IngestEdge(
                new EventIngestor(
                        priming, IngestMetrics.NONE, codec.mapper(), clock, ids, config.edgeOptions(), replayGate),
                priming,
                config.corsPolicy());
        Core.getGlobalContext().register(this);
    }

    /** Says loudly what a request without a key gets (docs/contract/sites.md#the-default-site). */
    private static void announce(IngestConfig config) {
        if (config.sites().defaultSite()) {
            LOG.warn("DEFAULT_SITE=on: requests without a site key are accepted for the site 'default'"
                    + " (its registry item's limits, or the default limits without one)");
        } else {
            LOG.info("DEFAULT_SITE=off: requests without a site key are refused (401 site_key_missing)");
        }
    }

    /** A request from either API Gateway payload format (headers already in lower case), answered as HTTP. */
    public HttpResponse handle(HttpRequest request) {
        IngestResponse response = edge.handle(new IngestRequest(
                request.method(),
                request.path(),
                request.headers(),
                request.body(),
                request.base64Encoded(),
                request.sourceIp(),
                request.query()));
        return new HttpResponse(
                response.status(),
                ResponseHeaders.of(response),
                response.body() == null ? null : json(response.body()));
    }

    public String json(Map<String, Object> body) {
        try {
            return responseWriter.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // our own maps of strings, numbers and records
        }
    }

    /**
     * Runs representative requests through every path, sending nothing; callable without CRaC too. True when every
     * SDK request reached the point of transmission (always true without Kinesis).
     */
    public boolean prime() {
        long started = System.nanoTime();
        String batch = primingBatch();
        IngestRequest plain = IngestRequest.post(batch, Map.of("Content-Type", "application/json"), "192.0.2.1");
        IngestRequest gzip = new IngestRequest(
                "POST",
                "/events",
                Map.of("content-type", "text/plain;charset=UTF-8", "content-encoding", "gzip"),
                Base64.getEncoder().encodeToString(gzip(batch)),
                true,
                "2001:db8::1");
        IngestRequest invalid =
                IngestRequest.post("[{\"event_type\":\"Bad Type\",\"timestamp\":\"x\"},{\"a\":", Map.of(), "192.0.2.1");
        // The replay lane's refusal (a key that is not the key: SHA-256 and the comparison); its mapping is primed
        // directly, as priming holds no key.
        IngestRequest replay = IngestRequest.post(
                batch,
                Map.of(
                        "Content-Type",
                        "application/json",
                        ReplayGate.RUN_HEADER,
                        "priming",
                        ReplayGate.KEY_HEADER,
                        "-"),
                "192.0.2.1");
        for (int i = 0; i < PRIMING_ROUNDS; i++) {
            json(primingEdge.handle(plain).body());
            json(primingEdge.handle(gzip).body());
            json(primingEdge.handle(invalid).body());
            json(primingEdge.handle(replay).body());
        }
        ReplayKey primingKey = ReplayKey.of("priming-key-not-a-deployment-key");
        new ReplayIds(primingKey, "priming")
                .map(new Event(
                        "e", "u", "s", "click", 1, null, null, null, null, null, null, null, null, 1, null, false,
                        false));
        EmfIngestMetrics.prime();
        LOG.info("primed in {} ms (SDK request path: {})", (System.nanoTime() - started) / 1_000_000, sdkPrimed);
        return sdkPrimed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        random.reseed();
    }

    private static String primingBatch() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"session_id\":\"priming\",\"user_id\":\"priming\",\"event_type\":\"click\",")
                    .append("\"page_url\":\"https://example.com/p/")
                    .append(i)
                    .append("\",\"timestamp\":1,\"element_tag\":\"a\",\"properties\":{\"n\":")
                    .append(i)
                    .append(",\"price\":9.5,\"ok\":true,\"s\":\"x\"},\"campaign\":\"c\"}");
        }
        return batch.append(']').toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
