package io.liveinsight.load.traffic;

/**
 * What the traffic generator writes. Defaults are named constants; the compact constructor refuses nonsense.
 *
 * @param seed the same seed and settings give the same recording, byte for byte
 * @param sessions visits in the recording
 * @param durationMs sessions start uniformly within this window (their events may run past it)
 * @param startEpochMs the recording's clock at offset 0
 * @param pages distinct pages of the site; popularity follows Zipf with {@code zipfExponent}
 * @param meanEventsPerSession sessions have 1..{@link #MAX_EVENTS_PER_SESSION} events, geometric with this mean
 * @param meanGapMs mean think time between a session's events (exponential, capped at 10 minutes: no 30-minute split)
 * @param botShare share of sessions from crawlers (bot user agents, many quick page views)
 * @param malformedShare share of extra requests whose body is broken (the edge answers 400)
 */
public record GeneratorSettings(
        long seed,
        int sessions,
        long durationMs,
        long startEpochMs,
        int pages,
        double zipfExponent,
        double meanEventsPerSession,
        long meanGapMs,
        double botShare,
        double malformedShare) {

    public static final int MAX_EVENTS_PER_SESSION = 60;
    public static final long MAX_GAP_MS = 600_000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_SESSIONS = 2_000;
    public static final long DEFAULT_DURATION_MS = 600_000;
    public static final long DEFAULT_START_EPOCH_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    public static final int DEFAULT_PAGES = 200;
    public static final double DEFAULT_ZIPF_EXPONENT = 1.1;
    public static final double DEFAULT_MEAN_EVENTS = 8;
    public static final long DEFAULT_MEAN_GAP_MS = 8_000;
    public static final double DEFAULT_BOT_SHARE = 0.05;
    public static final double DEFAULT_MALFORMED_SHARE = 0.005;

    public GeneratorSettings {
        if (sessions < 0 || durationMs < 1 || pages < 1 || zipfExponent <= 0) {
            throw new IllegalArgumentException("sessions >= 0, durationMs >= 1, pages >= 1, zipfExponent > 0");
        }
        if (meanEventsPerSession < 1 || meanEventsPerSession > MAX_EVENTS_PER_SESSION || meanGapMs < 1) {
            throw new IllegalArgumentException("meanEventsPerSession in [1, 60], meanGapMs >= 1");
        }
        if (botShare < 0 || botShare > 1 || malformedShare < 0 || malformedShare > 1) {
            throw new IllegalArgumentException("shares are in [0, 1]");
        }
    }

    public static GeneratorSettings defaults() {
        return new GeneratorSettings(
                DEFAULT_SEED,
                DEFAULT_SESSIONS,
                DEFAULT_DURATION_MS,
                DEFAULT_START_EPOCH_MS,
                DEFAULT_PAGES,
                DEFAULT_ZIPF_EXPONENT,
                DEFAULT_MEAN_EVENTS,
                DEFAULT_MEAN_GAP_MS,
                DEFAULT_BOT_SHARE,
                DEFAULT_MALFORMED_SHARE);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(
                value,
                sessions,
                durationMs,
                startEpochMs,
                pages,
                zipfExponent,
                meanEventsPerSession,
                meanGapMs,
                botShare,
                malformedShare);
    }

    public GeneratorSettings withSessions(int value) {
        return new GeneratorSettings(
                seed,
                value,
                durationMs,
                startEpochMs,
                pages,
                zipfExponent,
                meanEventsPerSession,
                meanGapMs,
                botShare,
                malformedShare);
    }

    public GeneratorSettings withDurationMs(long value) {
        return new GeneratorSettings(
                seed,
                sessions,
                value,
                startEpochMs,
                pages,
                zipfExponent,
                meanEventsPerSession,
                meanGapMs,
                botShare,
                malformedShare);
    }

    public GeneratorSettings withShares(double bots, double malformed) {
        return new GeneratorSettings(
                seed,
                sessions,
                durationMs,
                startEpochMs,
                pages,
                zipfExponent,
                meanEventsPerSession,
                meanGapMs,
                bots,
                malformed);
    }
}
