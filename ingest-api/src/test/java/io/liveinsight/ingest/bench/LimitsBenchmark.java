package io.liveinsight.ingest.bench;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.adapter.dynamodb.DynamoDbBudgetLeases;
import io.liveinsight.ingest.limits.Admission;
import io.liveinsight.ingest.limits.EdgeLimiter;
import io.liveinsight.ingest.limits.EdgeLimiter.DeploymentLimit;
import io.liveinsight.local.engines.DynamoDbLocalEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The limits benchmark (ingest-api/README.md#limits), on DynamoDB Local, about 80 s (after 8 s of warm-up):
 *
 * <ol>
 *   <li><b>Shared budget.</b> 10 edge instances, each its own {@link EdgeLimiter} and its own DynamoDB client, share
 *       one site's 500 events/s (burst 1,000) for 20 s while offered twice that (100 events/s each, 2 events every 20
 *       ms); then again offered 10x. Prints the events admitted in each wall-clock second, their median, minimum and
 *       maximum, the share of seconds within 500 +/- 10 % (the first second is the burst and left out), and the
 *       store's calls per second.
 *   <li><b>Abuse.</b> A site sends at half its budget (250 events/s from 50 clients) over the 10 instances, alone for
 *       10 s, then for 10 s beside one client sending 10x a site's budget (5,000 events/s from one address) to
 *       another site, then beside a whole site sending 10x its budget from 1,000 addresses: the quiet site's
 *       acceptance rate in each.
 * </ol>
 */
public final class LimitsBenchmark {

    private static final int INSTANCES = 10;
    private static final int BUDGET = 500;
    private static final SiteLimits SHARED_ONLY =
            new SiteLimits(BUDGET, 2 * BUDGET, 100_000, 100_000, 100_000, 100_000);
    private static final DeploymentLimit CEILING = DeploymentLimit.DEFAULTS;

    private LimitsBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (DynamoDbLocalEngine engine = DynamoDbLocalEngine.start(0, null);
                DynamoDbClient admin = LocalAwsClients.dynamoDb(engine.endpoint())) {
            TableNames tables = TableNames.withPrefix("LimitsBench");
            LiveInsightResources.createTables(admin, tables);
            List<DynamoDbClient> clients = new ArrayList<>();
            List<DynamoDbBudgetLeases> leases = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                DynamoDbClient client = LocalAwsClients.dynamoDb(engine.endpoint());
                clients.add(client);
                leases.add(new DynamoDbBudgetLeases(client, tables.sites()));
            }
            // JIT and DynamoDB Local warm up first: its first seconds answer slowly and unevenly (measured: the
            // first 8 s of a cold run admitted 96 to 852 a second), which is the JVM here, not the design.
            shared(leases, "warm-up", 2, 8);
            shared(leases, "shared-2x", 2, 20);
            shared(leases, "shared-10x", 10, 20);
            abuse(leases);
            clients.forEach(DynamoDbClient::close);
        }
    }

    /** 10 instances offered {@code overload} times the budget of one site for {@code seconds}. */
    private static void shared(List<DynamoDbBudgetLeases> leases, String site, int overload, int seconds)
            throws Exception {
        List<EdgeLimiter> edges = edges(leases);
        Map<Long, LongAdder> admitted = new ConcurrentHashMap<>();
        long calls = calls(leases);
        int perTick = 2 * overload; // every 20 ms per instance: 100 x overload events/s each, 10 instances
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(INSTANCES);
        AtomicLong session = new AtomicLong();
        Thread.sleep(1000 - System.currentTimeMillis() % 1000); // start on a whole second: the burst is its first
        long start = System.currentTimeMillis();
        for (int i = 0; i < INSTANCES; i++) {
            EdgeLimiter edge = edges.get(i);
            String client = "192.0.2." + i;
            pool.scheduleAtFixedRate(
                    () -> {
                        Admission admission =
                                edge.admit(site, SHARED_ONLY, client, Map.of("s" + session.incrementAndGet(), perTick));
                        if (admission == Admission.ADMITTED) {
                            admitted.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new LongAdder())
                                    .add(perTick);
                        }
                    },
                    i * 2L,
                    20,
                    TimeUnit.MILLISECONDS);
        }
        pool.awaitTermination(seconds * 1000L + 200, TimeUnit.MILLISECONDS);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        long elapsed = System.currentTimeMillis() - start;
        long first = start / 1000;
        List<Long> perSecond = new ArrayList<>();
        for (long second = first + 1; second < first + seconds; second++) { // the first second is the burst
            perSecond.add(admitted.getOrDefault(second, new LongAdder()).sum());
        }
        List<Long> sorted = new ArrayList<>(perSecond);
        sorted.sort(null);
        long within = perSecond.stream()
                .filter(n -> n >= BUDGET * 0.9 && n <= BUDGET * 1.1)
                .count();
        long storeCalls = calls(leases) - calls;
        System.out.printf(
                "LIMITS %s: offered %d events/s to a %d/s budget over %d instances; first second %d (burst)%n",
                site,
                100 * overload * INSTANCES,
                BUDGET,
                INSTANCES,
                admitted.getOrDefault(first, new LongAdder()).sum());
        System.out.printf("LIMITS %s: admitted per second %s%n", site, perSecond);
        System.out.printf(
                "LIMITS %s: median %d, min %d, max %d, within +/-10%%: %d of %d seconds; UpdateItem calls %.1f/s"
                        + " (site and deployment, all instances)%n",
                site,
                sorted.get(sorted.size() / 2),
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                within,
                perSecond.size(),
                storeCalls * 1000.0 / elapsed);
    }

    /** The quiet site's acceptance alone, beside one abusive client, and beside an abusive site. */
    private static void abuse(List<DynamoDbBudgetLeases> leases) throws Exception {
        SiteLimits defaults = SiteLimits.DEFAULTS;
        double alone = quiet(edges(leases), defaults, null, 10);
        double besideClient = quiet(edges(leases), defaults, Abuser.ONE_CLIENT, 10);
        double besideSite = quiet(edges(leases), defaults, Abuser.WHOLE_SITE, 10);
        System.out.printf(
                "LIMITS abuse: the quiet site (250 events/s, budget 500/s) accepted %.2f %% alone, %.2f %% beside one"
                        + " client at 5,000 events/s, %.2f %% beside a site at 5,000 events/s from 1,000 addresses%n",
                100 * alone, 100 * besideClient, 100 * besideSite);
    }

    private enum Abuser {
        ONE_CLIENT,
        WHOLE_SITE
    }

    private static final AtomicLong RUN = new AtomicLong();

    private static double quiet(List<EdgeLimiter> edges, SiteLimits limits, Abuser abuser, int seconds)
            throws Exception {
        long run = RUN.incrementAndGet();
        String quietSite = "quiet-" + run;
        String loudSite = "loud-" + run;
        LongAdder offered = new LongAdder();
        LongAdder accepted = new LongAdder();
        LongAdder loudAdmitted = new LongAdder();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
        AtomicLong tick = new AtomicLong();
        pool.scheduleAtFixedRate(
                () -> { // 5 events every 20 ms: 250 events/s, each of 50 clients once a second, one session each
                    long n = tick.incrementAndGet();
                    int client = (int) (n % 50);
                    EdgeLimiter edge = edges.get((int) (n % INSTANCES));
                    offered.add(5);
                    if (edge.admit(quietSite, limits, "198.51.100." + client, Map.of("q" + client, 5))
                            == Admission.ADMITTED) {
                        accepted.add(5);
                    }
                },
                0,
                20,
                TimeUnit.MILLISECONDS);
        if (abuser != null) {
            AtomicLong loudTick = new AtomicLong();
            pool.scheduleAtFixedRate(
                    () -> { // 50 events every 10 ms: 5,000 events/s, 10x a site's budget
                        long n = loudTick.incrementAndGet();
                        EdgeLimiter edge = edges.get((int) (n % INSTANCES));
                        String client = abuser == Abuser.ONE_CLIENT ? "203.0.113.0" : "10.0." + (n % 1000);
                        if (edge.admit(loudSite, limits, client, Map.of("l" + (n % 5000), 50)) == Admission.ADMITTED) {
                            loudAdmitted.add(50);
                        }
                    },
                    1,
                    10,
                    TimeUnit.MILLISECONDS);
        }
        pool.awaitTermination(seconds * 1000L, TimeUnit.MILLISECONDS);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        System.out.printf(
                "LIMITS abuse %s: quiet site %d of %d events accepted; the abuser got %d events/s through%n",
                abuser == null ? "none" : abuser.name().toLowerCase(java.util.Locale.ROOT),
                accepted.sum(),
                offered.sum(),
                loudAdmitted.sum() / seconds);
        return (double) accepted.sum() / offered.sum();
    }

    private static List<EdgeLimiter> edges(List<DynamoDbBudgetLeases> leases) {
        List<EdgeLimiter> edges = new ArrayList<>();
        for (DynamoDbBudgetLeases lease : leases) {
            edges.add(
                    new EdgeLimiter(lease, CEILING, Clock.systemUTC(), System::nanoTime, EdgeLimiter.DEFAULT_MAX_KEYS));
        }
        return edges;
    }

    private static long calls(List<DynamoDbBudgetLeases> leases) {
        long total = 0;
        for (DynamoDbBudgetLeases lease : leases) {
            total += lease.requests();
        }
        return total;
    }
}
