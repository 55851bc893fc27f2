package io.liveinsight.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.site.Site;
import io.liveinsight.ingest.domain.EventScreen;
import io.liveinsight.ingest.domain.EventScreen.Screened;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.IpAnonymizer;
import io.liveinsight.ingest.domain.RawEvent;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.domain.Rejection;
import io.liveinsight.ingest.domain.UrlHost;
import io.liveinsight.ingest.http.BatchParser.Parsed;
import io.liveinsight.ingest.http.BodyDecoder.Decoded;
import io.liveinsight.ingest.limits.Admission;
import io.liveinsight.ingest.limits.EdgeLimiter;
import io.liveinsight.ingest.port.EventPublisher;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import io.liveinsight.ingest.port.IngestMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The edge's core for {@code POST /events}: body in, events on the stream, response out
 * (docs/contract/api.md#statuses). Knows nothing of API Gateway or the SDK; never throws for anything a client can
 * send. In order: the replay lane's door, the body, the site ({@link SiteGate}), the events' rules, the limits
 * ({@link EdgeLimiter}, docs/contract/sites.md#limits), then the stream; a refusal at any step publishes nothing.
 */
public final class EventIngestor {

    public static final String SINGLE_EVENT_MESSAGE = "Event processed successfully";

    private final BodyDecoder decoder = new BodyDecoder(EventLimits.MAX_BODY_BYTES);
    private final BatchParser parser;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Ids ids;
    private final EdgeOptions options;
    private final ReplayGate replay;
    private final SiteGate sites;
    private final EdgeLimiter limiter;

    /** An edge whose replay lane is off. */
    public EventIngestor(
            EventPublisher publisher,
            IngestMetrics metrics,
            ObjectMapper mapper,
            Clock clock,
            Ids ids,
            EdgeOptions options) {
        this(publisher, metrics, mapper, clock, ids, options, ReplayGate.OFF);
    }

    public EventIngestor(
            EventPublisher publisher,
            IngestMetrics metrics,
            ObjectMapper mapper,
            Clock clock,
            Ids ids,
            EdgeOptions options,
            ReplayGate replay) {
        this(publisher, metrics, mapper, clock, ids, options, replay, SiteGate.defaultOnly(), null);
    }

    /**
     * @param sites which site a request writes to
     * @param limiter the limits; null for none (tests of other rules)
     */
    public EventIngestor(
            EventPublisher publisher,
            IngestMetrics metrics,
            ObjectMapper mapper,
            Clock clock,
            Ids ids,
            EdgeOptions options,
            ReplayGate replay,
            SiteGate sites,
            EdgeLimiter limiter) {
        this.replay = replay;
        this.sites = sites;
        this.limiter = limiter;
        this.parser = new BatchParser(mapper, EventLimits.MAX_EVENTS_PER_REQUEST);
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.ids = ids;
        this.options = options;
    }

    public IngestResponse ingest(IngestRequest request) {
        ReplayGate.Decision lane = replay.check(request);
        if (lane instanceof ReplayGate.Decision.Refused refused) {
            return refuseReplay(refused);
        }
        Decoded decoded = decoder.decode(request);
        if (decoded instanceof Decoded.Refused refused) {
            return refuse(refused.status(), refused.reason(), refused.message());
        }
        Parsed parsed = parser.parse(((Decoded.Body) decoded).bytes());
        if (parsed instanceof Parsed.Refused refused) {
            return refuse(refused.status(), refused.reason(), refused.message());
        }
        Parsed.Items body = (Parsed.Items) parsed;
        SiteGate.Decision gate = sites.check(request, body.siteKey());
        if (gate instanceof SiteGate.Decision.Refused refused) {
            IngestResponse response = refuse(refused.status(), refused.reason(), refused.message());
            return refused.status() == 503
                    ? response.withHeaders(Map.of("Retry-After", Integer.toString(options.retryAfterSeconds())))
                    : response;
        }
        SiteGate.Decision.Accepted accepted = (SiteGate.Decision.Accepted) gate;
        IngestResponse response = screenAndPublish(request, lane, body, accepted);
        return accepted.echoOrigin() == null
                ? response
                : response.withHeaders(CorsPolicy.echo(accepted.echoOrigin())); // the site allowed this origin
    }

    private IngestResponse screenAndPublish(
            IngestRequest request, ReplayGate.Decision lane, Parsed.Items body, SiteGate.Decision.Accepted accepted) {
        Site site = accepted.site();
        List<RawEvent> items = body.items();
        if (items.isEmpty()) {
            return refuse(400, RejectReason.NO_EVENTS, "no events in the body");
        }
        String ip = clientIp(request);
        Predicate<String> pageRule = accepted.checkPageHosts() ? url -> site.allowsHost(UrlHost.of(url)) : null;
        Screened screened = EventScreen.screen(items, ids, clock.millis(), ip, request.header("user-agent"), pageRule);
        boolean replayed = lane instanceof ReplayGate.Decision.Replay;
        List<Event> events =
                onSite(site, replayed ? mapped((ReplayGate.Decision.Replay) lane, screened) : screened.accepted());
        List<Rejection> rejections = screened.rejections();
        Map<RejectReason, Integer> rejected = screened.rejected();
        if (events.isEmpty()) {
            metrics.record(new IngestMetrics.Outcome(400, 0, rejected, 0));
            return IngestResponse.of(400, body("error", "no valid event", "rejected", rejections));
        }
        if (limiter != null) {
            Admission admission = limiter.admit(site.id(), replayed ? null : accepted.limits(), ip, bySession(events));
            if (admission instanceof Admission.Limited limited) {
                return limited(limited, events.size(), rejected);
            }
        }
        PublishResult result = publisher.publish(events);
        if (result instanceof PublishResult.Refused) {
            rejected.merge(RejectReason.STREAM_UNAVAILABLE, events.size(), Integer::sum);
            metrics.record(new IngestMetrics.Outcome(503, 0, rejected, result.refusedEntries()));
            return new IngestResponse(
                    503,
                    Map.of("Retry-After", Integer.toString(options.retryAfterSeconds())),
                    Map.of("error", "the event stream is not accepting events right now; resend the same events"));
        }
        metrics.record(new IngestMetrics.Outcome(200, events.size(), rejected, result.refusedEntries()));
        return IngestResponse.of(200, accepted(events, rejections, items.size() == 1));
    }

    /** 429: no event published, every valid one counted under the limit's reason (docs/contract/sites.md#limits). */
    private IngestResponse limited(Admission.Limited limited, int events, Map<RejectReason, Integer> rejected) {
        String limit = limited.limit().label();
        RejectReason reason =
                switch (limited.limit()) {
                    case CLIENT -> RejectReason.RATE_LIMITED_CLIENT;
                    case SESSION -> RejectReason.RATE_LIMITED_SESSION;
                    case SITE -> RejectReason.RATE_LIMITED_SITE;
                    case DEPLOYMENT -> RejectReason.RATE_LIMITED_DEPLOYMENT;
                };
        rejected.merge(reason, events, Integer::sum);
        metrics.record(new IngestMetrics.Outcome(429, 0, rejected, 0));
        return new IngestResponse(
                429,
                Map.of("Retry-After", Integer.toString(limited.retryAfterSeconds())),
                body("error", "rate limit: " + limit, "limit", limit));
    }

    /** The site's id on every event: it travels with the event to every key (docs/contract/sites.md#isolation). */
    private static List<Event> onSite(Site site, List<Event> events) {
        List<Event> onSite = new ArrayList<>(events.size());
        for (Event event : events) {
            onSite.add(event.withSite(site.id()));
        }
        return onSite;
    }

    private static Map<String, Integer> bySession(List<Event> events) {
        Map<String, Integer> counts = new LinkedHashMap<>(4);
        for (Event event : events) {
            counts.merge(event.sessionId(), 1, Integer::sum);
        }
        return counts;
    }

    /** A request the edge will not read (a browser on a site outside the allowlist): 403, counted. */
    public IngestResponse refuseOrigin() {
        return refuse(403, RejectReason.ORIGIN_NOT_ALLOWED, "origin not allowed");
    }

    /** The replay lane's events: every id mapped for the run (minted ones too), {@code replay_run} set. */
    private static List<Event> mapped(ReplayGate.Decision.Replay run, Screened screened) {
        ReplayIds ids = run.ids();
        List<Event> events = new ArrayList<>(screened.accepted().size());
        screened.accepted().forEach(event -> events.add(ids.map(event)));
        return events;
    }

    private IngestResponse refuseReplay(ReplayGate.Decision.Refused refused) {
        metrics.record(new IngestMetrics.Outcome(refused.status(), 0, Map.of(refused.reason(), 1), 0));
        Map<String, Object> body = body("error", refused.message());
        if (refused.field() != null) {
            body.put("field", refused.field());
        }
        if (refused.status() == 400) {
            body.put("rejected", List.of());
        }
        return IngestResponse.of(refused.status(), body);
    }

    private String clientIp(IngestRequest request) {
        String address = ClientAddress.of(request, options.trustedProxyHops());
        String anonymized = IpAnonymizer.anonymize(address);
        return options.anonymizeIp() || anonymized == null ? anonymized : address.strip();
    }

    private IngestResponse refuse(int status, RejectReason reason, String message) {
        metrics.record(new IngestMetrics.Outcome(status, 0, Map.of(reason, 1), 0));
        return IngestResponse.of(
                status, status == 400 ? body("error", message, "rejected", List.of()) : body("error", message));
    }

    private static Map<String, Object> accepted(List<Event> events, List<Rejection> rejections, boolean single) {
        List<String> eventIds = new ArrayList<>(events.size());
        String sessionId = events.get(0).sessionId();
        for (Event event : events) {
            eventIds.add(event.eventId());
            if (sessionId != null && !sessionId.equals(event.sessionId())) {
                sessionId = null;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>(8);
        body.put("accepted", events.size());
        body.put("event_ids", eventIds);
        body.put("rejected", rejections);
        if (single) {
            body.put("message", SINGLE_EVENT_MESSAGE);
            body.put("event_id", eventIds.get(0));
        }
        if (sessionId != null) {
            body.put("session_id", sessionId); // one session in the request: the client learns a minted one
        }
        return body;
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
