package io.liveinsight.load.replay.send;

import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.load.replay.Ticker;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Wraps the sender to record each attempt in the {@link Timeline} (a second attempt of a request is a resend) and to
 * offer one acknowledged event a second to the {@link LagSampler}.
 */
public final class TimelineSender implements Sender {

    private final Sender sender;
    private final Ticker ticker;
    private final long startNanos;
    private final Timeline timeline;
    private final LagSampler lag;
    private final Set<Beacon> attempted =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** {@code lag} may be null (no tables to poll). */
    public TimelineSender(Sender sender, Ticker ticker, long startNanos, Timeline timeline, LagSampler lag) {
        this.sender = sender;
        this.ticker = ticker;
        this.startNanos = startNanos;
        this.timeline = timeline;
        this.lag = lag;
    }

    @Override
    public SendResult send(Beacon beacon) {
        int startedSecond = second(ticker.nanos());
        if (attempted.add(beacon)) {
            timeline.sent(startedSecond, beacon.eventCount());
        } else {
            timeline.resend(startedSecond);
        }
        SendResult result = sender.send(beacon);
        long answeredAt = ticker.nanos();
        timeline.answered(
                second(answeredAt), result.status(), result.acceptedEventIds().size(), result.latencyNanos());
        if (lag != null && !result.acceptedEventIds().isEmpty()) {
            lag.offer(answeredAt, result.acceptedEventIds().get(0));
        }
        return result;
    }

    private int second(long nanos) {
        return (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
    }
}
