package io.liveinsight.load.replay.report;

import io.liveinsight.load.replay.compare.StatRow;
import io.liveinsight.load.replay.plan.Refused;
import io.liveinsight.load.replay.plan.TimeShift;
import io.liveinsight.load.replay.send.LagSampler;
import io.liveinsight.load.replay.send.Timeline;
import io.liveinsight.load.replay.source.Skipped;
import java.util.List;
import java.util.Map;

/** A report whose every text field carries what recorded traffic may: markup, quotes, control characters. */
final class ReportFixtures {

    static final String HOSTILE = "<script>alert('x')</script>\"&\u001b[2J~#|\uD83D\uDE00";

    private ReportFixtures() {}

    static ReplayReport report(Findings findings, int exit) {
        SendingFigures sending = new SendingFigures(
                3,
                3,
                5,
                4,
                new Counted(1, List.of("event " + HOSTILE + " not acknowledged")),
                new Counted(1, List.of(HOSTILE + ": 400 no valid event")),
                2,
                1,
                0,
                0,
                2.5,
                1.6,
                List.of(3.0, 9.0, 12.5, 40.0),
                0,
                Map.of(200, 3L, 503, 1L),
                null);
        return new ReplayReport(
                "run-1",
                true,
                "http://127.0.0.1:8080",
                "2026-12-06T09:00:00Z",
                "HAR /tmp/" + HOSTILE + ".har",
                "x10 the recorded pacing",
                32,
                new TimeShift.Result("now", 123, 0, 1, 0, 0, 0),
                6,
                1,
                1,
                List.of(new Skipped(HOSTILE + ":3", "not JSON (" + HOSTILE + ")")),
                1,
                List.of(new Refused("test:1 event 0", HOSTILE, "page_url: must be at most 2048 characters")),
                5,
                sending,
                List.of(
                        new Timeline.Second(0, 3, 2, 1, 1, 0, 3, 9, 9, 9),
                        new Timeline.Second(1, 2, 2, 0, 1, 0, 4, 12.5, 40, 40)),
                List.of(new LagSampler.Sample(0.2, 180), new LagSampler.Sample(1.1, -1)),
                findings,
                exit);
    }

    static Findings clean() {
        return new Findings(
                "5 events, 2 sessions, 2 segments read by key",
                "9 figures",
                Counted.NONE,
                Counted.NONE,
                Counted.NONE,
                List.of(new StatRow("page views of " + HOSTILE, 2, 2L, true, "")));
    }

    static Findings problems() {
        return new Findings(
                "5 events",
                "not compared (no --dashboard)",
                new Counted(1, List.of("event " + HOSTILE + " (session s)")),
                new Counted(1, List.of("event e2 stored 2 times, at [1, 2]")),
                new Counted(2, List.of("session " + HOSTILE + ": expected {a=1}, stored {a=2}", "x")),
                List.of());
    }
}
