package io.liveinsight.load.chaos;

import io.liveinsight.load.check.TableCheck;
import java.util.List;

/**
 * A chaos run's outcome: the faults, the traffic, and the tables compared with what was acknowledged.
 *
 * @param eventsSent distinct events the clients sent (the replayed traffic and the steps' own sessions)
 * @param eventsAccepted distinct events the edge acknowledged (resends included once)
 * @param requests requests planned and sent (first attempts)
 * @param resends requests sent again after a 503 or no answer
 * @param unacknowledged requests still unacknowledged when the clients gave up (must be 0)
 * @param duplicateEvents events submitted a second time after they were acknowledged
 * @param poisonPut poison records put on the stream
 * @param poisonMissing poison records not found on the dead-letter stream (must be 0)
 * @param drainS from the traffic's end until every shard had processed everything
 */
public record ChaosResult(
        String label,
        double trafficS,
        long eventsSent,
        long eventsAccepted,
        long requests,
        long resends,
        long unacknowledged,
        long duplicateEvents,
        long poisonPut,
        long poisonMissing,
        long deadLetters,
        int workerRestarts,
        double drainS,
        List<FaultRecord> faults,
        TableCheck check) {

    public boolean passed() {
        return check.passed()
                && unacknowledged == 0
                && poisonMissing == 0
                && drainS >= 0
                && faults.stream().filter(FaultRecord::ran).allMatch(FaultRecord::recovered);
    }

    /** Steps that could not be run (reported as NOT RUN, never as passed). */
    public List<String> notRun() {
        return faults.stream().filter(f -> !f.ran()).map(FaultRecord::name).toList();
    }
}
