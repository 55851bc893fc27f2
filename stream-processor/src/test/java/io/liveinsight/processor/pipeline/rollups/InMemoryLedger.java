package io.liveinsight.processor.pipeline.rollups;

import io.liveinsight.event.site.SiteScope;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.port.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Events table as the ledger, as {@code DynamoDbEventStore} keeps it: the first copy of an id in a batch is the
 * one put; an id stored by this same record before is the record's own (replayed), one another record stored first
 * (a client resend) is left out.
 */
final class InMemoryLedger implements EventStore {

    private final Map<String, String> storedBy = new HashMap<>();
    private final Supplier<Fault> fault;

    InMemoryLedger(Supplier<Fault> fault) {
        this.fault = fault;
    }

    @Override
    public synchronized Ledger store(List<PositionedEvent> events) {
        Map<String, PositionedEvent> first = new LinkedHashMap<>();
        events.forEach(event -> first.putIfAbsent(key(event), event));
        List<PositionedEvent> owned = new ArrayList<>();
        for (PositionedEvent event : first.values()) {
            String record = record(event.position());
            String stored = storedBy.putIfAbsent(key(event), record);
            if (stored == null || stored.equals(record)) {
                owned.add(new PositionedEvent(event.event(), event.position(), stored != null));
            }
        }
        if (fault.get() == Fault.AFTER_LEDGER) {
            throw new Crash("after the Events ledger");
        }
        return new Ledger(owned, List.of(), null);
    }

    /** The Events key: a site's event ids never meet another's. */
    private static String key(PositionedEvent event) {
        return SiteScope.eventKey(event.event().site(), event.event().eventId());
    }

    private static String record(RecordPosition position) {
        return position.shardId() + "/" + position.sequence();
    }
}
