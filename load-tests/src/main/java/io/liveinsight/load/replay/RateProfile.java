package io.liveinsight.load.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Reschedules beacons to follow an event rate over time (steady, or a burst: base, ten times base, base). Pure.
 * Beacons keep their order; each is due when the events before it have used up the rate so far. Beacons beyond the
 * profile's end are dropped.
 */
public record RateProfile(List<Phase> phases) {

    /** {@code eventsPerSecond} for {@code durationMs}. */
    public record Phase(String name, long durationMs, double eventsPerSecond) {
        public Phase {
            if (durationMs < 0 || eventsPerSecond <= 0) {
                throw new IllegalArgumentException("a phase lasts >= 0 ms at a positive rate");
            }
        }
    }

    public RateProfile {
        phases = List.copyOf(phases);
    }

    public static RateProfile steady(long durationMs, double eventsPerSecond) {
        return new RateProfile(List.of(new Phase("steady", durationMs, eventsPerSecond)));
    }

    /** {@code base} for {@code beforeMs}, {@code factor * base} for {@code burstMs}, {@code base} for {@code afterMs}. */
    public static RateProfile burst(double base, double factor, long beforeMs, long burstMs, long afterMs) {
        return new RateProfile(List.of(
                new Phase("before", beforeMs, base),
                new Phase("burst", burstMs, base * factor),
                new Phase("after", afterMs, base)));
    }

    public long durationMs() {
        return phases.stream().mapToLong(Phase::durationMs).sum();
    }

    /** Events the profile holds: what a source must supply. */
    public long events() {
        return (long) Math.ceil(phases.stream()
                .mapToDouble(p -> p.durationMs() / 1000.0 * p.eventsPerSecond())
                .sum());
    }

    public List<Beacon> schedule(List<Beacon> beacons) {
        List<Beacon> out = new ArrayList<>();
        double at = 0; // ms
        int phase = 0;
        double phaseEnd = phases.isEmpty() ? 0 : phases.get(0).durationMs();
        for (Beacon beacon : beacons) {
            while (phase < phases.size() && at >= phaseEnd) {
                phase++;
                if (phase < phases.size()) {
                    phaseEnd += phases.get(phase).durationMs();
                }
            }
            if (phase >= phases.size()) {
                break;
            }
            out.add(beacon.at((long) at));
            at += Math.max(1, beacon.eventCount()) * 1000.0 / phases.get(phase).eventsPerSecond();
        }
        return out;
    }
}
