package io.liveinsight.load.check;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPE;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.TIMESTAMP;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.event.contract.ItemAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link TableCheck}'s comparison for tables that hold more than the traffic checked (a replay run on a shared
 * deployment): every expected event read by its id instead of a scan, each client session's segments
 * ({@link ExpectedSegments}) read by key and compared with the same rules ({@link TableCheck#compareSession},
 * {@link TableCheck#compareActive}), and the expected sessions' and users' indexes read for what should not be there
 * (an event stored in one of the sessions that was not sent, a Sessions item of one of the users that is no segment).
 *
 * <p>Found: {@code missing} events (not in Events), {@code duplicated} events (more than one item with the id), and
 * {@code wrong}: an event stored with other figures (time, session, user, type), a segment's Sessions item missing or
 * with a wrong aggregate, an ActiveSessions item missing while active or wrong, an unexpected event or Sessions item.
 * Reads run {@link #PARALLEL_READS} at a time.
 *
 * @param expectedEvents events expected (each id once)
 * @param sessions client session ids checked
 * @param segments segments checked
 */
public record KeyedTableCheck(
        long expectedEvents, long sessions, long segments, Problems missing, Problems duplicated, Problems wrong) {

    static final int PARALLEL_READS = 8;

    public boolean passed() {
        return missing.count() == 0 && duplicated.count() == 0 && wrong.count() == 0;
    }

    /** Null when a replayed segment is where the lane puts it: its run on its item, no projection, in the index. */
    private static String replayed(
            ExpectedSegments.Segment segment,
            Map<String, AttributeValue> stored,
            Map<String, AttributeValue> projection,
            Set<String> ofRun,
            String run) {
        if (projection != null) {
            return "an ActiveSessions item, but ActiveSessions holds live sessions only";
        }
        if (stored == null) {
            return null; // reported as a wrong session already
        }
        AttributeValue storedRun = stored.get(ItemAttributes.REPLAY_RUN);
        if (storedRun == null || !run.equals(storedRun.s())) {
            return "replay_run " + (storedRun == null ? "missing" : storedRun.s()) + ", expected " + run;
        }
        return ofRun.contains(segment.sessionId()) ? null : "not in the run's ReplayIndex";
    }

    /** The ids of {@code expected} not yet in Events (the cheap wait before a whole check). */
    public static List<String> missingIds(StoredItems store, Collection<String> ids) {
        List<String> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        forEach(ids, id -> {
            if (store.events(id).isEmpty()) {
                missing.add(id);
            }
        });
        return missing;
    }

    /**
     * Checks the events expected (by their stored id: {@code event_id}, {@code session_id}, {@code user_id}, {@code
     * event_type}, {@code page_url}, {@code timestamp}); {@code nowEpochSeconds} decides which segments are active.
     */
    public static KeyedTableCheck run(
            StoredItems store, Map<String, Map<String, Object>> expected, long nowEpochSeconds) {
        return run(store, expected, nowEpochSeconds, null);
    }

    /**
     * As {@link #run(StoredItems, Map, long)}; with a replay run ({@code replayRun} not null) every Sessions item must
     * carry it, and a segment has no ActiveSessions item: an active one must be listed by the run's ReplayIndex instead
     * (docs/contract/replay.md#where-a-run-shows).
     */
    public static KeyedTableCheck run(
            StoredItems store, Map<String, Map<String, Object>> expected, long nowEpochSeconds, String replayRun) {
        Problems missing = new Problems();
        Problems duplicated = new Problems();
        Problems wrong = new Problems();
        forEach(expected.keySet(), id -> checkEvent(store.events(id), expected.get(id), missing, duplicated, wrong));

        Map<String, List<Map<String, Object>>> bySession = new LinkedHashMap<>();
        Map<String, Set<String>> segmentsByUser = new LinkedHashMap<>();
        expected.values().forEach(e -> bySession
                .computeIfAbsent((String) e.get(SESSION_ID), k -> new ArrayList<>())
                .add(e));
        List<ExpectedSegments.Segment> segments = new ArrayList<>();
        bySession.forEach((client, events) -> segments.addAll(ExpectedSegments.of(client, events)));
        for (ExpectedSegments.Segment segment : segments) {
            segmentsByUser
                    .computeIfAbsent(segment.aggregate().userId(), k -> new HashSet<>())
                    .add(segment.sessionId());
        }
        Set<String> allSegments = new HashSet<>();
        segments.forEach(s -> allSegments.add(s.sessionId()));

        Set<String> ofRun = replayRun == null ? Set.of() : Set.copyOf(store.sessionIdsOfRun(replayRun));
        forEach(segments, segment -> {
            Map<String, AttributeValue> stored = store.session(segment.sessionId());
            String problem = TableCheck.compareSession(segment, stored);
            if (problem != null) {
                wrong.add("session " + TableCheck.printable(segment.sessionId()) + ": " + problem);
            }
            String active = replayRun == null
                    ? TableCheck.compareActive(segment, store.activeSession(segment.sessionId()), nowEpochSeconds)
                    : replayed(segment, stored, store.activeSession(segment.sessionId()), ofRun, replayRun);
            if (active != null) {
                wrong.add("active session " + TableCheck.printable(segment.sessionId()) + ": " + active);
            }
        });
        forEach(bySession.keySet(), session -> {
            for (String id : store.eventIdsOfSession(session)) {
                if (!expected.containsKey(id)) {
                    wrong.add("event " + id + " stored in session " + session + " was not sent");
                }
            }
        });
        forEach(segmentsByUser.keySet(), user -> {
            for (String id : store.sessionIdsOfUser(user)) {
                if (!allSegments.contains(id)) {
                    wrong.add("Sessions item " + TableCheck.printable(id) + " of user " + user + " is no segment of"
                            + " the events sent");
                }
            }
        });
        return new KeyedTableCheck(expected.size(), bySession.size(), segments.size(), missing, duplicated, wrong);
    }

    private static void checkEvent(
            List<Map<String, AttributeValue>> items,
            Map<String, Object> want,
            Problems missing,
            Problems duplicated,
            Problems wrong) {
        String id = (String) want.get("event_id");
        if (items.isEmpty()) {
            missing.add("event " + id + " (session " + want.get(SESSION_ID) + ")");
            return;
        }
        if (items.size() > 1) {
            duplicated.add("event " + id + " stored " + items.size() + " times, at "
                    + items.stream().map(i -> i.get(TIMESTAMP).n()).toList());
            return;
        }
        Map<String, AttributeValue> item = items.get(0);
        Map<String, Object> need = new LinkedHashMap<>();
        need.put(TIMESTAMP, want.get(TIMESTAMP).toString());
        need.put(SESSION_ID, want.get(SESSION_ID));
        need.put(USER_ID, want.get(USER_ID));
        need.put(EVENT_TYPE, want.get(EVENT_TYPE));
        need.put("page_url", want.get("page_url"));
        Map<String, Object> have = new LinkedHashMap<>();
        need.keySet().forEach(name -> have.put(name, text(item.get(name))));
        if (!Objects.equals(need, have)) {
            Map<String, Object> wanted = new LinkedHashMap<>();
            Map<String, Object> found = new LinkedHashMap<>();
            need.forEach((name, value) -> {
                if (!Objects.equals(value, have.get(name))) {
                    wanted.put(name, value);
                    found.put(name, have.get(name));
                }
            });
            wrong.add("event " + id + ": sent " + wanted + ", stored " + found);
        }
    }

    private static String text(AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        return value.s() != null ? value.s() : value.n();
    }

    /** Runs {@code action} for each item, {@link #PARALLEL_READS} at a time; a failed read fails the check. */
    private static <T> void forEach(Collection<T> items, Consumer<T> action) {
        List<T> all = new ArrayList<>(items);
        try (ExecutorService pool =
                Executors.newFixedThreadPool(PARALLEL_READS, Thread.ofVirtual().factory())) {
            List<Future<?>> futures = new ArrayList<>(all.size());
            for (T item : all) {
                futures.add(pool.submit(() -> action.accept(item)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the tables", e);
        }
    }
}
