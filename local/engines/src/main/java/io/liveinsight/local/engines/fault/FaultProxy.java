package io.liveinsight.local.engines.fault;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP proxy for tests that sits on a loopback port in front of DynamoDB Local or kinesis-mock and injects the
 * failures real AWS produces, switched at run time from any thread. Point an SDK client's {@code endpointOverride}
 * at {@link #endpoint()}:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(aws.endpoints().dynamoDb())) {
 *     DynamoDbClient dynamoDb = LocalAwsClients.dynamoDb(proxy.endpoint());
 *     proxy.throttle(Share.everyNth(3), "DynamoDB_20120810.PutItem"); // every 3rd PutItem is throttled
 *     ...
 *     assertThat(proxy.stats().operation("DynamoDB_20120810.PutItem").throttled()).isEqualTo(3);
 * }
 * }</pre>
 *
 * <p>One fault is active at a time ({@link #passThrough()}, {@link #throttle}, {@link #partialBatchWrites}, {@link
 * #partialPutRecords}); each call replaces the previous one and restarts its {@link Share}'s sequence. {@link #down}
 * and {@link #up} are separate: the fault in place applies again once the proxy is back up.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final String ALL_OPERATIONS = "";

    private final int port;
    private final Upstream upstream;
    private final Responder responder;
    private final ProxyThreads threads;
    private final Object lock = new Object();

    // Guarded by lock.
    private HttpServer server;
    private Outage outage;
    private Thread backUpTimer;
    private boolean closed;

    private FaultProxy(HttpServer server, Upstream upstream, Responder responder, ProxyThreads threads) {
        this.server = server;
        this.port = server.getAddress().getPort();
        this.upstream = upstream;
        this.responder = responder;
        this.threads = threads;
    }

    /** A proxy in pass-through mode on a free loopback port. */
    public static FaultProxy start(URI upstream) {
        return start(upstream, 0);
    }

    /** A proxy in pass-through mode on the given loopback port (0: a free one). */
    public static FaultProxy start(URI upstream, int port) {
        Objects.requireNonNull(upstream, "upstream");
        ProxyThreads threads = new ProxyThreads();
        Upstream client = new Upstream(upstream, threads.upstreamWorkers());
        Responder responder = new Responder(client);
        try {
            HttpServer server = listen(port, responder, threads.handlers());
            LOG.debug(
                    "FaultProxy on port {} in front of {}", server.getAddress().getPort(), upstream);
            return new FaultProxy(server, client, responder, threads);
        } catch (RuntimeException e) {
            client.close();
            threads.stop(Duration.ofSeconds(5));
            throw e;
        }
    }

    /** Where clients should send requests: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public URI upstream() {
        return upstream.uri();
    }

    /** Forwards every request unchanged and returns upstream's answers unchanged; also ends an outage. */
    public FaultProxy passThrough() {
        responder.fault(new Fault.PassThrough());
        return up();
    }

    /** Throttles about this share of all requests (unseeded). */
    public FaultProxy throttle(double probability) {
        return throttle(Share.of(probability));
    }

    /** Throttles about this share of the requests of one operation (unseeded), for example {@code Kinesis_20131202.PutRecords}. */
    public FaultProxy throttle(double probability, String operation) {
        return throttle(Share.of(probability), operation);
    }

    /** Throttles the chosen requests of every operation; see {@link #throttle(Share, String)}. */
    public FaultProxy throttle(Share share) {
        return throttle(share, ALL_OPERATIONS);
    }

    /**
     * Answers the chosen requests of one operation ({@code X-Amz-Target}, for example {@code
     * DynamoDB_20120810.BatchWriteItem}) as the service does when provisioned throughput is exceeded, without
     * forwarding them: HTTP 400 with {@code __type} {@code
     * com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException} (DynamoDB, JSON 1.0) or {@code
     * ProvisionedThroughputExceededException} (Kinesis, JSON 1.1 or CBOR as the request was). The SDK throws the
     * service's typed {@code ProvisionedThroughputExceededException}, after its own retries if they are on. Requests
     * of other operations pass through and do not advance the share's sequence; an empty {@code operation} means all.
     */
    public FaultProxy throttle(Share share, String operation) {
        Objects.requireNonNull(operation, "operation");
        responder.fault(new Fault.Throttle(Picker.of(Objects.requireNonNull(share, "share")), operation));
        return this;
    }

    public FaultProxy partialBatchWrites(double probability) {
        return partialBatchWrites(Share.of(probability));
    }

    /**
     * Leaves the chosen items of each BatchWriteItem unprocessed, as DynamoDB does under throttling: only the other
     * items are forwarded (and written); the chosen ones come back in {@code UnprocessedItems} of the 200 answer, where
     * the SDK shows them as {@code unprocessedItems()}. When every item of a call is chosen, the call gets
     * ProvisionedThroughputExceededException instead, as from DynamoDB. Other operations pass through.
     */
    public FaultProxy partialBatchWrites(Share share) {
        responder.fault(
                new Fault.Partial(PartialWrite.BATCH_WRITE_ITEM, Picker.of(Objects.requireNonNull(share, "share"))));
        return this;
    }

    public FaultProxy partialPutRecords(double probability) {
        return partialPutRecords(Share.of(probability));
    }

    /**
     * Fails the chosen entries of each PutRecords, as Kinesis does under throttling: the 200 answer has those result
     * entries with {@code ErrorCode} ProvisionedThroughputExceededException and {@code FailedRecordCount} counting
     * them, seen by the SDK as {@code failedRecordCount()} and {@code records().get(i).errorCode()}. Only the other
     * entries are forwarded (so failed records are not stored), and upstream's results keep their positions. Other
     * operations pass through.
     */
    public FaultProxy partialPutRecords(Share share) {
        responder.fault(new Fault.Partial(PartialWrite.PUT_RECORDS, Picker.of(Objects.requireNonNull(share, "share"))));
        return this;
    }

    /** Goes down by refusing connections (see {@link Outage#REFUSE_CONNECTIONS}) until {@link #up()}. */
    public FaultProxy down() {
        return down(Outage.REFUSE_CONNECTIONS);
    }

    /** Goes down the given way until {@link #up()}; returns once new requests see the outage. */
    public FaultProxy down(Outage how) {
        Objects.requireNonNull(how, "how");
        synchronized (lock) {
            checkOpen();
            cancelBackUpTimer();
            goDown(how);
        }
        return this;
    }

    /** Goes down the given way now and comes back up by itself after {@code duration}. */
    public FaultProxy downFor(Duration duration, Outage how) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        synchronized (lock) {
            down(how);
            backUpTimer = threads.start("fault-proxy-back-up", () -> {
                try {
                    Thread.sleep(duration);
                } catch (InterruptedException cancelled) {
                    return;
                }
                synchronized (lock) {
                    if (backUpTimer == Thread.currentThread()) {
                        backUpTimer = null;
                        try {
                            comeUp();
                        } catch (UncheckedIOException e) {
                            LOG.warn("FaultProxy cannot come back up on port {}: {}", port, e.toString());
                        }
                    }
                }
            });
        }
        return this;
    }

    public FaultProxy downFor(Duration duration) {
        return downFor(duration, Outage.REFUSE_CONNECTIONS);
    }

    /** Ends an outage (listening again on the same port); the fault in place applies again. */
    public FaultProxy up() {
        synchronized (lock) {
            checkOpen();
            cancelBackUpTimer();
            comeUp();
        }
        return this;
    }

    public boolean isDown() {
        synchronized (lock) {
            return outage != null;
        }
    }

    /** A snapshot of the counters since start or the last {@link #resetStats()}. */
    public FaultProxyStats stats() {
        return responder.stats().snapshot();
    }

    public void resetStats() {
        responder.stats().reset();
    }

    /** Stops listening, aborts requests in flight, and returns once the proxy's threads have ended. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            cancelBackUpTimer();
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        upstream.close();
        if (!threads.stop(Duration.ofSeconds(5))) {
            LOG.warn("FaultProxy on port {}: threads still running 5 s after close", port);
        }
    }

    private void goDown(Outage how) {
        outage = how;
        responder.unavailable(how == Outage.SERVICE_UNAVAILABLE);
        if (how == Outage.REFUSE_CONNECTIONS && server != null) {
            server.stop(0);
            server = null;
        }
        if (how == Outage.SERVICE_UNAVAILABLE && server == null) {
            server = listen(port, responder, threads.handlers());
        }
    }

    private void comeUp() {
        if (closed) {
            return;
        }
        outage = null;
        responder.unavailable(false);
        if (server == null) {
            server = listen(port, responder, threads.handlers());
        }
    }

    private void cancelBackUpTimer() {
        if (backUpTimer != null) {
            backUpTimer.interrupt();
            backUpTimer = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("FaultProxy on port " + port + " is closed");
        }
    }

    private static HttpServer listen(int port, Responder responder, ExecutorService handlers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.setExecutor(handlers);
            server.createContext("/", exchange -> HttpExchanges.handle(exchange, responder));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("FaultProxy cannot listen on 127.0.0.1:" + port, e);
        }
    }
}
