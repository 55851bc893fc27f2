package io.liveinsight.load.replay.source;

/** Something a source read and could not replay (a line that is not JSON, a truncated file...), and why. */
public record Skipped(String where, String reason) {

    public static Skipped at(Origin origin, String reason) {
        return new Skipped(origin.toString(), reason);
    }
}
