package io.liveinsight.event.stats;

/**
 * The additive figures of a rollup (docs/contract/tables.md#stats). Event figures count each stored event once, in the
 * bucket of its time; session figures count each session (segment) once, in the bucket of its start, except
 * {@code lastActive} and {@code durationMs}, which count it in the bucket of its last event (a session is over 30
 * minutes after that: the sessions that ended in a bucket, and how long they lasted). So an event that only extends a
 * session (a heartbeat) changes the buckets of its own time and no older ones. Bots are counted apart ({@code botEvents}, {@code botSessions}) and in nothing
 * else. Deltas may be negative (a late event merging two sessions); stored sums never are.
 *
 * @param durationMs total duration of the sessions last active in the bucket
 * @param bounces sessions with one page view or none
 * @param converted sessions with at least one conversion event
 * @param conversions conversion events
 */
public record Counts(
        long events,
        long pageViews,
        long sessions,
        long lastActive,
        long durationMs,
        long bounces,
        long converted,
        long conversions,
        long botEvents,
        long botSessions) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(
                events + o.events,
                pageViews + o.pageViews,
                sessions + o.sessions,
                lastActive + o.lastActive,
                durationMs + o.durationMs,
                bounces + o.bounces,
                converted + o.converted,
                conversions + o.conversions,
                botEvents + o.botEvents,
                botSessions + o.botSessions);
    }

    public Counts negate() {
        return new Counts(
                -events,
                -pageViews,
                -sessions,
                -lastActive,
                -durationMs,
                -bounces,
                -converted,
                -conversions,
                -botEvents,
                -botSessions);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Sessions with a conversion over sessions, 0 when there are none. */
    public double conversionRate() {
        return sessions == 0 ? 0 : (double) converted / sessions;
    }

    /** Mean duration of the sessions last active in the bucket, in milliseconds, 0 when there are none. */
    public double averageDurationMs() {
        return lastActive == 0 ? 0 : (double) durationMs / lastActive;
    }
}
