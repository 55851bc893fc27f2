package io.liveinsight.dashboard.domain.stats;

import java.time.Duration;
import java.time.Instant;

/** Instants rounded to whole units (minutes, 5 minutes, hours) counted from the epoch: UTC boundaries. */
final class Align {

    private Align() {}

    static Instant floor(Instant t, Duration unit) {
        long seconds = unit.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }

    static Instant ceil(Instant t, Duration unit) {
        Instant floor = floor(t, unit);
        return floor.equals(t) ? t : floor.plus(unit);
    }

    static boolean aligned(Instant t, Duration unit) {
        return floor(t, unit).equals(t);
    }
}
