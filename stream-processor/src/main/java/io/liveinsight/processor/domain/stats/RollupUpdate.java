package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.Segment;
import io.liveinsight.processor.domain.SessionKey;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.SessionUpdate.Plan;
import io.liveinsight.processor.domain.StoredSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one batch's events of one client session id change in the rollups, record by record (pure): each event in
 * the buckets of its time, and the session's figures as they change, as the difference between the session's
 * segments after a record and before it. Each record's changes carry its sequence number, so a rollup item counts
 * them exactly once whatever the batches a replay cuts the stream into (docs/design/statistics.md).
 *
 * <p>The session after each record is planned from the one after the record before (linear in the batch); the last
 * record's step is taken against the plan of the whole batch, which is what the session store writes, so the
 * changes of a batch add up to exactly what its write does. They are computed before the session is written: the
 * rollups are written first, and a crash in between replays the batch from the same stored session, giving the same
 * changes, which the items' marks then skip.
 */
public final class RollupUpdate {

    private RollupUpdate() {}

    /**
     * @param before what is stored for the client session id (null when nothing is)
     * @param sessionKey the session's stored key ({@link SessionKey#value()}): its site is where the session counts
     * @param events the batch's events of this client session id, in stream order
     */
    public static List<Contribution> of(
            StoredSession before, String sessionKey, List<PositionedEvent> events, StatsRules rules) {
        if (events.isEmpty()) {
            return List.of();
        }
        SessionKey session = SessionKey.parse(sessionKey);
        String clientSessionId = session.clientSessionId();
        Figures figures = new Figures(rules);
        Plan whole = SessionUpdate.apply(before, clientSessionId, events);
        // Events the session does not take (too old for its sealed segments; replayed ones too: a record
        // replayed after its first delivery refused them must not count them now).
        Set<String> notTaken = new HashSet<>();
        whole.tooOld().forEach(event -> notTaken.add(event.event().eventId()));
        whole.ignored().forEach(event -> notTaken.add(event.event().eventId()));

        Map<Integer, Segment> initial = new HashMap<>();
        if (before != null) {
            before.open().forEach(segment -> initial.put(segment.ordinal(), segment));
        }
        Map<Integer, Segment> segments = new HashMap<>(initial);
        Map<StatsKey, Rollup> counted = sessionFigures(session.site(), segments, figures);
        StoredSession current = before;
        Set<String> seen = new HashSet<>();
        List<Contribution> contributions = new ArrayList<>();
        List<List<PositionedEvent>> records = byRecord(events);
        for (int r = 0; r < records.size(); r++) {
            List<PositionedEvent> record = records.get(r);
            Map<StatsKey, Tally> changes = new HashMap<>();
            for (PositionedEvent event : record) {
                if (!notTaken.contains(event.event().eventId())
                        && seen.add(event.event().eventId())) {
                    figures.event(event.event(), changes);
                }
            }
            Map<Integer, Segment> after;
            if (r == records.size() - 1) {
                after = new HashMap<>(initial);
                applyPlan(whole, after);
            } else {
                Plan step = SessionUpdate.apply(current, clientSessionId, record);
                after = new HashMap<>(segments);
                applyPlan(step, after);
                current = step.after();
            }
            Map<StatsKey, Rollup> now = sessionFigures(session.site(), after, figures);
            now.forEach((key, rollup) -> Figures.tally(changes, key).add(rollup));
            counted.forEach((key, rollup) -> Figures.tally(changes, key).add(rollup.negate()));
            segments = after;
            counted = now;
            PositionedEvent first = record.get(0);
            changes.forEach((key, tally) -> {
                Rollup delta = tally.toRollup();
                if (!delta.isEmpty()) {
                    contributions.add(new Contribution(
                            first.position().shardId(), first.position().sequence(), key, delta));
                }
            });
        }
        return contributions;
    }

    private static void applyPlan(Plan plan, Map<Integer, Segment> segments) {
        plan.writes().forEach(write -> segments.put(write.segment().ordinal(), write.segment()));
        plan.removals().forEach(removal -> segments.remove(removal.ordinal()));
    }

    private static Map<StatsKey, Rollup> sessionFigures(String site, Map<Integer, Segment> segments, Figures figures) {
        Map<StatsKey, Tally> sum = new HashMap<>();
        for (Segment segment : segments.values()) {
            figures.session(site, segment.aggregate())
                    .forEach((key, rollup) -> Figures.tally(sum, key).add(rollup));
        }
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        sum.forEach((key, tally) -> rollups.put(key, tally.toRollup()));
        return rollups;
    }

    /** Consecutive events of one record (a stream order keeps a record's events together). */
    private static List<List<PositionedEvent>> byRecord(List<PositionedEvent> events) {
        List<List<PositionedEvent>> records = new ArrayList<>();
        BigInteger sequence = null;
        for (PositionedEvent event : events) {
            if (!event.position().sequence().equals(sequence)) {
                records.add(new ArrayList<>());
                sequence = event.position().sequence();
            }
            records.get(records.size() - 1).add(event);
        }
        return records;
    }
}
