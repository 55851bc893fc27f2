package io.liveinsight.event.replay;

/**
 * The replay lane's names and rules (docs/contract/replay.md#lane): a request carrying {@link #RUN_HEADER} is a replay
 * of run {@code <run>}, accepted only with the deployment's replay key in {@link #KEY_HEADER}; its ids are mapped per
 * run ({@link ReplayIds}) and its statistics are rolled up under their own site ({@link #statsSite}).
 */
public final class ReplayLane {

    /** Header names in lower case, as the edge reads them. */
    public static final String RUN_HEADER = "x-liveinsight-replay-run";

    public static final String KEY_HEADER = "x-liveinsight-replay-key";

    public static final int MAX_RUN_CHARS = 40;

    /** The separator of a replay run's rollup site; a site id never contains it. */
    static final String STATS_SITE_SEPARATOR = "~replay~";

    static final String RUNS_SUFFIX = "#runs";

    private ReplayLane() {}

    /** Null when {@code run} is a valid run id, else why not: 1-40 characters of a-z 0-9 -, not starting with -. */
    public static String runError(String run) {
        if (run == null || run.isEmpty() || run.length() > MAX_RUN_CHARS || run.charAt(0) == '-') {
            return "must be 1-" + MAX_RUN_CHARS + " characters of a-z 0-9 -, not starting with -";
        }
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return "must be 1-" + MAX_RUN_CHARS + " characters of a-z 0-9 -, not starting with -";
            }
        }
        return null;
    }

    /** The Stats partition of a site's runs items ({@code sk} = the run): {@code <site>#runs}. */
    public static String runsKey(String site) {
        return site + RUNS_SUFFIX;
    }

    /** The site a replay run's rollups are kept under: {@code <site>~replay~<run>}, never a live site's. */
    public static String statsSite(String site, String run) {
        if (runError(run) != null) {
            throw new IllegalArgumentException("replay run " + runError(run) + ": " + run);
        }
        return site + STATS_SITE_SEPARATOR + run;
    }
}
