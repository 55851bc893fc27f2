package io.liveinsight.ingest.limits;

import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.port.BudgetLeases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Every limit of docs/contract/sites.md#limits for one edge instance: per client and per session (token buckets in
 * bounded maps here), per site and for the deployment ({@link SharedBucket}s leased from the store). A request takes
 * tokens for all its events from every limit, or from none: the local buckets are taken first under one lock, then
 * the site's and the deployment's; a refusal gives back what was taken before it. The first limit without room is
 * the one the client is told about, in the order client, session, site, deployment.
 */
public final class EdgeLimiter {

    /** How many clients and sessions one instance keeps buckets for (the least recently seen go first). */
    public static final int DEFAULT_MAX_KEYS = 20_000;

    private static final int MAX_SCOPES = 10_000;
    private static final String DEPLOYMENT_SCOPE = "deployment";

    private final BudgetLeases leases;
    private final DeploymentLimit deployment;
    private final Clock clock;
    private final LongSupplier nanos;
    private final LruMap<String, TokenBucket> clients;
    private final LruMap<String, TokenBucket> sessions;
    private final LruMap<String, SharedBucket> sites = new LruMap<>(MAX_SCOPES);
    private final SharedBucket deploymentBucket;

    /**
     * The deployment-wide ceiling ({@code DEPLOYMENT_EVENTS_PER_S}, {@code DEPLOYMENT_BURST}).
     */
    public record DeploymentLimit(int eventsPerSecond, int burst) {
        public static final DeploymentLimit DEFAULTS = new DeploymentLimit(5_000, 10_000);

        public DeploymentLimit {
            if (eventsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("DEPLOYMENT_EVENTS_PER_S and DEPLOYMENT_BURST must be at least 1");
            }
        }
    }

    /**
     * @param clock wall time: windows of shared budgets must agree between instances
     * @param nanos a monotonic counter for the local buckets ({@code System::nanoTime})
     */
    public EdgeLimiter(BudgetLeases leases, DeploymentLimit deployment, Clock clock, LongSupplier nanos, int maxKeys) {
        this.leases = leases;
        this.deployment = deployment;
        this.clock = clock;
        this.nanos = nanos;
        this.clients = new LruMap<>(maxKeys);
        this.sessions = new LruMap<>(maxKeys);
        this.deploymentBucket = new SharedBucket(DEPLOYMENT_SCOPE, leases);
    }

    /**
     * @param site the site's id
     * @param limits the site's limits; null when only the deployment's ceiling applies (the replay lane, whose one
     *     sender replays many visitors)
     * @param client the client's anonymised address (null: unknown, one bucket for all such requests of the site)
     * @param eventsBySession the request's events per {@code session_id}
     */
    public Admission admit(String site, SiteLimits limits, String client, Map<String, Integer> eventsBySession) {
        int events = 0;
        for (int count : eventsBySession.values()) {
            events += count;
        }
        if (events == 0) {
            return Admission.ADMITTED;
        }
        long now = nanos.getAsLong();
        List<Runnable> refunds = new ArrayList<>(2);
        if (limits != null) {
            Admission local = takeLocal(site, limits, client, eventsBySession, events, now, refunds);
            if (local != Admission.ADMITTED) {
                return local;
            }
            long millis = clock.millis();
            SharedBucket siteBucket = siteBucket(site);
            long wait = siteBucket.take(events, limits.siteEventsPerSecond(), limits.siteBurst(), millis, now);
            if (wait > 0) {
                refunds.forEach(Runnable::run);
                return new Admission.Limited(Limit.SITE, seconds(wait));
            }
            int taken = Math.min( // what the site's bucket took: a request larger than its burst takes a full one
                    events,
                    limits.siteEventsPerSecond()
                            * (SharedBucket.ahead(limits.siteEventsPerSecond(), limits.siteBurst()) + 1));
            refunds.add(() -> siteBucket.refund(taken, clock.millis(), nanos.getAsLong()));
        }
        long wait =
                deploymentBucket.take(events, deployment.eventsPerSecond(), deployment.burst(), clock.millis(), now);
        if (wait > 0) {
            refunds.forEach(Runnable::run);
            return new Admission.Limited(Limit.DEPLOYMENT, seconds(wait));
        }
        return Admission.ADMITTED;
    }

    /** The shared bucket of the deployment (the benchmark reads its store calls). */
    public SharedBucket deploymentBucket() {
        return deploymentBucket;
    }

    /** The shared bucket of a site on this instance. */
    public SharedBucket siteBucket(String site) {
        synchronized (sites) {
            return sites.computeIfAbsent(site, id -> new SharedBucket("site~" + id, leases));
        }
    }

    private Admission takeLocal(
            String site,
            SiteLimits limits,
            String client,
            Map<String, Integer> eventsBySession,
            int events,
            long now,
            List<Runnable> refunds) {
        synchronized (this) {
            TokenBucket clientBucket =
                    bucket(clients, site + "|" + client, limits.clientEventsPerSecond(), limits.clientBurst(), now);
            long wait = clientBucket.waitNanos(events, now);
            if (wait > 0) {
                return new Admission.Limited(Limit.CLIENT, seconds(wait / 1_000_000));
            }
            List<TokenBucket> sessionBuckets = new ArrayList<>(eventsBySession.size());
            for (Map.Entry<String, Integer> session : eventsBySession.entrySet()) {
                TokenBucket bucket = bucket(
                        sessions,
                        site + "|" + session.getKey(),
                        limits.sessionEventsPerSecond(),
                        limits.sessionBurst(),
                        now);
                wait = bucket.waitNanos(session.getValue(), now);
                if (wait > 0) {
                    return new Admission.Limited(Limit.SESSION, seconds(wait / 1_000_000));
                }
                sessionBuckets.add(bucket);
            }
            clientBucket.take(events, now);
            int i = 0;
            for (int count : eventsBySession.values()) {
                sessionBuckets.get(i++).take(count, now);
            }
            refunds.add(() -> refundLocal(clientBucket, sessionBuckets, eventsBySession, events));
            return Admission.ADMITTED;
        }
    }

    private void refundLocal(
            TokenBucket clientBucket, List<TokenBucket> sessionBuckets, Map<String, Integer> bySession, int events) {
        synchronized (this) {
            long now = nanos.getAsLong();
            clientBucket.refund(events, now);
            int i = 0;
            for (int count : bySession.values()) {
                sessionBuckets.get(i++).refund(count, now);
            }
        }
    }

    private static TokenBucket bucket(LruMap<String, TokenBucket> map, String key, int rate, int burst, long now) {
        TokenBucket bucket = map.get(key);
        if (bucket == null || !bucket.hasSettings(rate, burst)) {
            bucket = new TokenBucket(rate, burst, now);
            map.put(key, bucket);
        }
        return bucket;
    }

    /** Whole seconds, rounded up, at least 1. */
    private static int seconds(long millis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }
}
