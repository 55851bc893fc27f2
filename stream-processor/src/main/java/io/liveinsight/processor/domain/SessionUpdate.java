package io.liveinsight.processor.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies one batch's events of one client session id to what is stored, purely: which events are counted already
 * (their segment's {@link Marks} cover their record), how the rest regroup the open segments (the session rules:
 * a gap over 30 minutes separates, an event closing a gap merges, nothing reaches 24 hours), and which items that
 * asks to write or remove. Only open segments are read and written, so the work and the items touched do not grow
 * with the session's age or number of events.
 *
 * <p>Segments are numbered in time order; an event landing before or between open segments renumbers the later
 * ones (the plan rewrites them). For a session under 24 hours the segments depend only on the set of events. Past
 * 24 hours, where the limit cuts depends on the order events are taken in: record by record in stream order (each
 * record's by time), so a batch is cut as its records one after the other would be, however the stream is cut into
 * batches (the rollups, planned record by record, rely on it).
 */
public final class SessionUpdate {

    private static final Comparator<PositionedEvent> BY_TIME = Comparator.comparingLong(
                    (PositionedEvent e) -> e.event().timestamp())
            .thenComparing(e -> e.event().eventId());

    /** Events this long before the newest open segment's start could belong to sealed segments. */
    private static final long OLDEST_ACCEPTED = SessionRules.SEAL_AFTER
            .minus(SessionRules.MAX_DURATION)
            .minus(SessionRules.INACTIVITY)
            .toMillis();

    private SessionUpdate() {}

    /** An item to put, on condition that its stored revision is still {@code previousRevision} (0: no item yet). */
    public record Write(Segment segment, long previousRevision) {}

    /** An item whose ordinal no longer exists (segments merged), at the revision it was read. */
    public record Removal(int ordinal, long revision) {}

    /**
     * @param after what is stored once the plan is written
     * @param writes the segments to put
     * @param removals the items to delete
     * @param countsChanged whether the root item's segment counts change (it must be written then)
     * @param replayedInto open segments that already held some of the events (their projections are put again:
     *     a crash may have come between a segment and its projection)
     * @param tooOld events new to the session but older than its sealed segments allow (never seen in a stream
     *     that delivers in order; they go to the dead letters rather than into a sealed segment)
     * @param ignored replayed events as old: a sealed segment holds them, or they were {@code tooOld} when first
     *     delivered; the session does not count them now, and neither may the rollups
     */
    public record Plan(
            StoredSession after,
            List<Write> writes,
            List<Removal> removals,
            boolean countsChanged,
            List<Segment> replayedInto,
            List<PositionedEvent> tooOld,
            List<PositionedEvent> ignored) {

        public Plan {
            writes = List.copyOf(writes);
            removals = List.copyOf(removals);
            replayedInto = List.copyOf(replayedInto);
            tooOld = List.copyOf(tooOld);
            ignored = List.copyOf(ignored);
        }
    }

    /** One open segment while the plan is made. */
    private record Work(SessionAggregate aggregate, Marks marks, Set<Integer> origins, boolean dirty) {

        Work merge(Work other) {
            Set<Integer> both = new HashSet<>(origins);
            both.addAll(other.origins);
            return new Work(aggregate.merge(other.aggregate), marks.merge(other.marks), both, true);
        }
    }

    /**
     * @param current what is stored, or null for a client session id not seen yet
     * @param events the batch's events of this client session id, in stream order
     */
    public static Plan apply(StoredSession current, String clientSessionId, List<PositionedEvent> events) {
        List<Segment> open = current == null ? List.of() : current.open();
        int base = current == null ? 0 : current.sealed();
        Map<Integer, Segment> replayedInto = new TreeMap<>();
        List<PositionedEvent> tooOld = new ArrayList<>();
        List<PositionedEvent> ignored = new ArrayList<>();
        List<PositionedEvent> fresh = new ArrayList<>();
        for (PositionedEvent event : distinctById(events)) {
            long time = event.event().timestamp();
            Segment holder = open.stream()
                    .filter(segment -> segment.holds(time, event.position()))
                    .findFirst()
                    .orElse(null);
            if (holder != null) {
                replayedInto.put(holder.ordinal(), holder);
            } else if (base > 0 && time < open.get(open.size() - 1).aggregate().startTime() - OLDEST_ACCEPTED) {
                (event.replayed() ? ignored : tooOld).add(event);
            } else {
                fresh.add(event);
            }
        }
        if (fresh.isEmpty()) {
            return new Plan(current, List.of(), List.of(), false, List.copyOf(replayedInto.values()), tooOld, ignored);
        }
        List<Work> work = new ArrayList<>();
        open.forEach(
                segment -> work.add(new Work(segment.aggregate(), segment.marks(), Set.of(segment.ordinal()), false)));
        for (PositionedEvent event : recordByRecord(fresh)) {
            insert(
                    work,
                    new Work(
                            SessionAggregate.of(clientSessionId, event.event()),
                            Marks.NONE.with(event.position()),
                            Set.of(),
                            true));
        }
        return plan(current, clientSessionId, base, work, replayedInto, tooOld, ignored);
    }

    private static Plan plan(
            StoredSession current,
            String clientSessionId,
            int base,
            List<Work> work,
            Map<Integer, Segment> replayedInto,
            List<PositionedEvent> tooOld,
            List<PositionedEvent> ignored) {
        Map<Integer, Segment> before = new LinkedHashMap<>();
        if (current != null) {
            current.open().forEach(segment -> before.put(segment.ordinal(), segment));
        }
        long newestStart = work.get(work.size() - 1).aggregate().startTime();
        int sealing = 0;
        while (sealing < work.size() - 1
                && work.get(sealing).aggregate().startTime() < newestStart - SessionRules.SEAL_AFTER.toMillis()) {
            sealing++;
        }
        List<Write> writes = new ArrayList<>();
        List<Segment> after = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            int ordinal = base + i;
            Work w = work.get(i);
            Segment old = before.get(ordinal);
            Segment segment;
            if (old != null && old.revision() > 0 && !w.dirty() && w.origins().equals(Set.of(ordinal))) {
                segment = old;
            } else {
                long previous = old == null ? 0 : old.revision();
                segment = new Segment(
                        ordinal,
                        w.aggregate().withSessionId(SessionRules.segmentId(clientSessionId, ordinal)),
                        w.marks(),
                        previous + 1);
                writes.add(new Write(segment, previous));
            }
            after.add(segment);
        }
        List<Removal> removals = new ArrayList<>();
        before.forEach((ordinal, segment) -> {
            if (ordinal >= base + work.size()) {
                removals.add(new Removal(ordinal, segment.revision()));
            }
        });
        Segment first = base == 0 ? after.get(0) : current.first();
        StoredSession next =
                new StoredSession(clientSessionId, base + sealing, after.subList(sealing, after.size()), first);
        boolean countsChanged =
                current == null || next.segmentCount() != current.segmentCount() || next.sealed() != current.sealed();
        List<Segment> replayed = replayedInto.values().stream()
                .filter(segment -> writes.stream().noneMatch(w -> w.segment().ordinal() == segment.ordinal()))
                .toList();
        return new Plan(next, writes, removals, countsChanged, replayed, tooOld, ignored);
    }

    /** Adds one event's work to the time-ordered segments, merging every segment it joins together. */
    private static void insert(List<Work> segments, Work event) {
        Work merged = event;
        for (int i = 0; i < segments.size(); ) {
            Work segment = segments.get(i);
            if (together(segment.aggregate(), merged.aggregate())) {
                merged = segment.merge(merged);
                segments.remove(i);
                i = 0; // the grown segment may now join one it did not before
            } else {
                i++;
            }
        }
        int position = 0;
        while (position < segments.size()
                && segments.get(position).aggregate().startTime()
                        <= merged.aggregate().startTime()) {
            position++;
        }
        segments.add(position, merged);
    }

    private static boolean together(SessionAggregate a, SessionAggregate b) {
        return SessionRules.belongTogether(a.startTime(), a.lastActivity(), b.startTime(), b.lastActivity());
    }

    /** Records in stream order (a record's events are consecutive there), each record's events by time. */
    private static List<PositionedEvent> recordByRecord(List<PositionedEvent> events) {
        List<PositionedEvent> ordered = new ArrayList<>(events);
        int from = 0;
        for (int i = 1; i <= ordered.size(); i++) {
            if (i == ordered.size() || !sameRecord(ordered.get(i - 1), ordered.get(i))) {
                ordered.subList(from, i).sort(BY_TIME);
                from = i;
            }
        }
        return ordered;
    }

    private static boolean sameRecord(PositionedEvent a, PositionedEvent b) {
        return a.position().sequence().equals(b.position().sequence())
                && a.position().shardId().equals(b.position().shardId());
    }

    private static List<PositionedEvent> distinctById(List<PositionedEvent> events) {
        Map<String, PositionedEvent> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.event().eventId(), event));
        return List.copyOf(byId.values());
    }
}
