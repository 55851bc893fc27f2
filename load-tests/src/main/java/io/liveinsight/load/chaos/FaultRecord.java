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
 * @param notRun why the step could not be run at all (null when it ran); such a step is neither passed nor failed
 */
public record FaultRecord(
        String name,
        String injected,
        double startedAtS,
        double durationS,
        CountingSender.Counts clients,
        double recoveryS,
        String notRun) {

    FaultRecord(
            String name,
            String injected,
            double startedAtS,
            double durationS,
            CountingSender.Counts clients,
            double recoveryS) {
        this(name, injected, startedAtS, durationS, clients, recoveryS, null);
    }

    static FaultRecord notRun(String name, String reason, double startedAtS) {
        return new FaultRecord(name, reason, startedAtS, 0, new CountingSender.Counts(0, 0, 0, 0), -1, reason);
    }

    public boolean ran() {
        return notRun == null;
    }

    public boolean recovered() {
        return ran() && recoveryS >= 0;
    }
}
