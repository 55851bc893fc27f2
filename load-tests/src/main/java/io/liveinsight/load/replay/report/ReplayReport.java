package io.liveinsight.load.replay.report;

import io.liveinsight.load.replay.plan.Refused;
import io.liveinsight.load.replay.plan.TimeShift;
import io.liveinsight.load.replay.send.LagSampler;
import io.liveinsight.load.replay.send.Timeline;
import io.liveinsight.load.replay.source.Skipped;
import java.util.List;

/**
 * Everything a replay reports (report.json, report.html, the terminal summary). Never holds the replay key.
 *
 * @param lane whether the replay lane was used (ids mapped per run)
 * @param startedAt when sending started, ISO-8601 UTC
 * @param skipped what the source could not read (the first 20), {@code skippedCount} all
 * @param refused events not sent because the edge refuses them (the first 20), {@code refusedCount} all
 * @param exitCode 0 when nothing is missing, duplicated or wrong and sending was not stopped
 */
public record ReplayReport(
        String run,
        boolean lane,
        String url,
        String startedAt,
        String source,
        String pace,
        int concurrency,
        TimeShift.Result times,
        long eventsRead,
        long duplicatesDropped,
        long skippedCount,
        List<Skipped> skipped,
        long refusedCount,
        List<Refused> refused,
        long eventsPlanned,
        SendingFigures sending,
        List<Timeline.Second> timeline,
        List<LagSampler.Sample> lag,
        Findings findings,
        int exitCode) {

    public ReplayReport {
        skipped = List.copyOf(skipped);
        refused = List.copyOf(refused);
        timeline = List.copyOf(timeline);
        lag = List.copyOf(lag);
    }

    @com.fasterxml.jackson.annotation.JsonProperty("verdict")
    public String verdict() {
        if (sending.stopReason() != null) {
            return "STOPPED: " + sending.stopReason();
        }
        return findings.clean() ? "PASSED" : "FAILED";
    }
}
