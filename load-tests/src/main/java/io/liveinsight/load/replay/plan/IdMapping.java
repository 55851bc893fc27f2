package io.liveinsight.load.replay.plan;

import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;

/**
 * The ids the tables will hold for the ids sent: on the replay lane the run's mapping (docs/contract/replay.md#ids,
 * computed with the key exactly as the edge does), without it the ids as sent.
 */
public interface IdMapping {

    String eventId(String sent);

    String sessionId(String sent);

    String userId(String sent);

    /** The ids as sent: a plain replay into a throwaway stack ({@code --no-lane}). */
    static IdMapping asSent() {
        return new IdMapping() {
            @Override
            public String eventId(String sent) {
                return sent;
            }

            @Override
            public String sessionId(String sent) {
                return sent;
            }

            @Override
            public String userId(String sent) {
                return sent;
            }
        };
    }

    /** The replay lane's mapping of run {@code run}; not thread-safe (one HMAC), planning is single-threaded. */
    static IdMapping lane(ReplayKey key, String run) {
        ReplayIds ids = new ReplayIds(key, run);
        return new IdMapping() {
            @Override
            public String eventId(String sent) {
                return ids.eventId(sent);
            }

            @Override
            public String sessionId(String sent) {
                return ids.sessionId(sent);
            }

            @Override
            public String userId(String sent) {
                return ids.userId(sent);
            }
        };
    }
}
