package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.stats.Counts;

/** Counts with only the figures a test names (the rest 0). */
final class CountsBuilder {

    private long events;
    private long pageViews;
    private long sessions;
    private long lastActive;
    private long durationMs;
    private long bounces;
    private long converted;
    private long conversions;
    private long botEvents;
    private long botSessions;

    static CountsBuilder counts() {
        return new CountsBuilder();
    }

    CountsBuilder events(long n) {
        events = n;
        return this;
    }

    CountsBuilder pageViews(long n) {
        pageViews = n;
        return this;
    }

    CountsBuilder sessions(long n) {
        sessions = n;
        return this;
    }

    CountsBuilder lastActive(long n) {
        lastActive = n;
        return this;
    }

    CountsBuilder durationMs(long n) {
        durationMs = n;
        return this;
    }

    CountsBuilder bounces(long n) {
        bounces = n;
        return this;
    }

    CountsBuilder converted(long n) {
        converted = n;
        return this;
    }

    CountsBuilder conversions(long n) {
        conversions = n;
        return this;
    }

    CountsBuilder botEvents(long n) {
        botEvents = n;
        return this;
    }

    CountsBuilder botSessions(long n) {
        botSessions = n;
        return this;
    }

    Counts build() {
        return new Counts(
                events,
                pageViews,
                sessions,
                lastActive,
                durationMs,
                bounces,
                converted,
                conversions,
                botEvents,
                botSessions);
    }
}
