package io.liveinsight.ingest.domain;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.FieldError;
import io.liveinsight.event.ValidationResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The event rules for one request's items: each must be at most {@link EventLimits#MAX_EVENT_BYTES} as sent and pass
 * the shared field rules ({@link EventValidator}); a valid one is enriched ({@link EventEnricher}), any other is
 * rejected with every rule it broke. One bad event never refuses the others.
 */
public final class EventScreen {

    private EventScreen() {}

    /**
     * What became of a request's items.
     *
     * @param accepted the enriched events, in body order
     * @param rejections the refused items, by position in the body
     * @param rejected how many items were refused, by reason
     */
    public record Screened(List<Event> accepted, List<Rejection> rejections, Map<RejectReason, Integer> rejected) {}

    /**
     * @param receivedAt the receive time (epoch milliseconds), the edge's clock
     * @param ip the client address as it is to be stored (already anonymised when so configured)
     * @param headerUserAgent the request's User-Agent header, for events that carry none
     */
    public static Screened screen(List<RawEvent> items, Ids ids, long receivedAt, String ip, String headerUserAgent) {
        return screen(items, ids, receivedAt, ip, headerUserAgent, null);
    }

    /**
     * As {@link #screen(List, Ids, long, String, String)}, and each valid event's {@code page_url} must satisfy
     * {@code pageUrlAllowed} (a write key sent without {@code Origin}: docs/contract/sites.md#at-the-edge), or the
     * event is rejected as {@link RejectReason#HOST_NOT_ALLOWED}.
     *
     * @param pageUrlAllowed null: no page check
     */
    public static Screened screen(
            List<RawEvent> items,
            Ids ids,
            long receivedAt,
            String ip,
            String headerUserAgent,
            Predicate<String> pageUrlAllowed) {
        EventEnricher enricher = new EventEnricher(ids, receivedAt, ip, headerUserAgent);
        List<Event> events = new ArrayList<>(items.size());
        List<Rejection> rejections = new ArrayList<>(0);
        Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        for (int index = 0; index < items.size(); index++) {
            RawEvent item = items.get(index);
            if (item.bytes() > EventLimits.MAX_EVENT_BYTES) {
                reject(
                        rejections,
                        rejected,
                        index,
                        RejectReason.EVENT_TOO_LARGE,
                        new FieldError(
                                "event",
                                "must be at most " + EventLimits.MAX_EVENT_BYTES + " bytes of JSON (is " + item.bytes()
                                        + ")"));
                continue;
            }
            switch (EventValidator.validate(item.node())) {
                case ValidationResult.Valid valid -> {
                    if (pageUrlAllowed == null
                            || pageUrlAllowed.test(valid.event().pageUrl())) {
                        events.add(enricher.enrich(valid.event()));
                    } else {
                        reject(
                                rejections,
                                rejected,
                                index,
                                RejectReason.HOST_NOT_ALLOWED,
                                new FieldError("page_url", "host not allowed for this site"));
                    }
                }
                case ValidationResult.Invalid invalid -> {
                    RejectReason reason =
                            item.node().isObject() ? RejectReason.INVALID_FIELD : RejectReason.NOT_AN_OBJECT;
                    reject(rejections, rejected, index, reason, invalid.errors().toArray(FieldError[]::new));
                }
            }
        }
        return new Screened(events, rejections, rejected);
    }

    private static void reject(
            List<Rejection> rejections,
            Map<RejectReason, Integer> counts,
            int index,
            RejectReason reason,
            FieldError... errors) {
        rejections.add(new Rejection(index, List.of(errors)));
        counts.merge(reason, 1, Integer::sum);
    }
}
