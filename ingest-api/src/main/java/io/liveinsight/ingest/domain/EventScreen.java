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
                case ValidationResult.Valid valid -> events.add(enricher.enrich(valid.event()));
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
