package io.liveinsight.ingest.http;

import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.ingest.domain.RejectReason;

/**
 * The replay lane's door (docs/contract/replay.md#lane), checked before the body is read: a request without either
 * replay header is live; one with {@code X-LiveInsight-Replay-Run} is a replay, let in only with the deployment's key;
 * a key without a run is refused too, so a replay tool that forgot its run never writes into the live lane. The key is
 * compared in constant time ({@link ReplayKey#matches}); neither the key nor a refused run id is echoed or kept.
 */
public final class ReplayGate {

    /** The header names as the contract and the answers spell them. */
    public static final String RUN_HEADER = "X-LiveInsight-Replay-Run";

    public static final String KEY_HEADER = "X-LiveInsight-Replay-Key";

    /** A deployment without a replay key: every replay request is refused. */
    public static final ReplayGate OFF = new ReplayGate(null);

    private final ReplayKey key;

    /** @param key the deployment's replay key (its digest), null when the lane is off */
    public ReplayGate(ReplayKey key) {
        this.key = key;
    }

    /** What the headers make of a request. */
    public sealed interface Decision {

        /** No replay header: the live lane. */
        record Live() implements Decision {}

        /** A replay of {@code run} with the right key: the request's events go on with their ids mapped. */
        record Replay(ReplayKey key, String run) implements Decision {

            /** A new mapping for this request ({@link ReplayIds} is not thread-safe). */
            public ReplayIds ids() {
                return new ReplayIds(key, run);
            }
        }

        /**
         * Refused before the body is read.
         *
         * @param field the header at fault, null when none is (the lane is off)
         */
        record Refused(int status, RejectReason reason, String message, String field) implements Decision {}
    }

    private static final Decision LIVE = new Decision.Live();

    public Decision check(IngestRequest request) {
        String run = request.header(ReplayLane.RUN_HEADER);
        String presented = request.header(ReplayLane.KEY_HEADER);
        if (run == null) {
            return presented == null
                    ? LIVE
                    : new Decision.Refused(
                            400,
                            RejectReason.REPLAY_RUN_MISSING,
                            KEY_HEADER + " without " + RUN_HEADER + ": a replay names its run",
                            RUN_HEADER);
        }
        if (key == null) {
            return new Decision.Refused(
                    403, RejectReason.REPLAY_LANE_OFF, "replay lane is off on this deployment", null);
        }
        if (!key.matches(presented)) {
            return new Decision.Refused(
                    403, RejectReason.REPLAY_KEY_REFUSED, "replay key missing or wrong", KEY_HEADER);
        }
        String runError = ReplayLane.runError(run);
        if (runError != null) {
            return new Decision.Refused(400, RejectReason.REPLAY_RUN_INVALID, "replay run " + runError, RUN_HEADER);
        }
        return new Decision.Replay(key, run);
    }
}
