package io.liveinsight.load.chaos;

/**
 * One fault survived (or not): what was injected, for how long, what the website's clients saw meanwhile, and how
 * long after it ended every shard was live again.
 *
 * @param name the fault
 * @param injected how it was injected, and what the proxy or process did
 * @param startedAtS seconds since the traffic started
 * @param durationS how long the fault was in place
 * @param clients what the clients saw from the fault's start until the pipeline was live again
 * @param recoveryS from the fault's end until a probe sent then was in ActiveSessions on every shard (-1: not within
 *     the timeout)
 */
public record FaultRecord(
        String name,
        String injected,
        double startedAtS,
        double durationS,
        CountingSender.Counts clients,
        double recoveryS) {

    public boolean recovered() {
        return recoveryS >= 0;
    }
}
