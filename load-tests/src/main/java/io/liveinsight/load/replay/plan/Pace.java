package io.liveinsight.load.replay.plan;

import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.RateProfile;
import io.liveinsight.load.replay.source.TimedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * When each request is sent, in ms from the start: at N times the recorded pacing ({@code received_at}), all at once
 * (as fast as the concurrency allows), or at an event rate with an optional burst ({@link RateProfile}). Pure.
 */
public sealed interface Pace {

    /** The send offsets of requests in time order. */
    long[] offsets(List<TimedRequest> requests);

    String describe();

    /** The recorded pacing, {@code factor} times faster. */
    record Speed(double factor) implements Pace {
        public Speed {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("--speed must be a number above 0, or max");
            }
        }

        @Override
        public long[] offsets(List<TimedRequest> requests) {
            long[] out = new long[requests.size()];
            long first = requests.isEmpty() ? 0 : requests.get(0).receivedAtMs();
            for (int i = 0; i < out.length; i++) {
                out[i] = (long) ((requests.get(i).receivedAtMs() - first) / factor);
            }
            return out;
        }

        @Override
        public String describe() {
            return "x" + (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
                    + " the recorded pacing";
        }
    }

    /** Everything due at once: bounded only by the requests in flight. */
    record Max() implements Pace {
        @Override
        public long[] offsets(List<TimedRequest> requests) {
            return new long[requests.size()];
        }

        @Override
        public String describe() {
            return "as fast as the concurrency allows";
        }
    }

    /**
     * {@code eventsPerSecond}; with a burst, {@code burstFactor} times that for {@code burstMs} after {@code beforeMs},
     * then the base rate again until everything is sent.
     */
    record Rate(double eventsPerSecond, double burstFactor, long beforeMs, long burstMs) implements Pace {
        public Rate {
            if (!(eventsPerSecond > 0) || !(burstFactor > 0) || beforeMs < 0 || burstMs < 0) {
                throw new IllegalArgumentException("--rate and --burst-factor above 0, --before-s and --burst-s >= 0");
            }
        }

        @Override
        public long[] offsets(List<TimedRequest> requests) {
            List<Beacon> beacons = new ArrayList<>(requests.size());
            long events = 0;
            for (TimedRequest request : requests) {
                List<Map<String, Object>> counted =
                        Collections.nCopies(request.events().size(), Map.of());
                beacons.add(new Beacon(0, null, "", counted));
                events += request.events().size();
            }
            long allMs = (long) Math.ceil(events * 1000.0 / eventsPerSecond) + 1000;
            RateProfile profile = burstMs == 0
                    ? RateProfile.steady(allMs, eventsPerSecond)
                    : RateProfile.burst(eventsPerSecond, burstFactor, beforeMs, burstMs, allMs);
            List<Beacon> scheduled = profile.schedule(beacons);
            long[] out = new long[requests.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = scheduled.get(i).sendAtMs();
            }
            return out;
        }

        @Override
        public String describe() {
            String base = eventsPerSecond + " events/s";
            return burstMs == 0
                    ? base
                    : base + ", x" + burstFactor + " for " + burstMs / 1000 + " s after " + beforeMs / 1000 + " s";
        }
    }
}
