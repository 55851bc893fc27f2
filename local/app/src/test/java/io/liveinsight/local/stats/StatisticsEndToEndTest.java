package io.liveinsight.local.stats;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.LocalConfig;
import io.liveinsight.local.LocalPipeline;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's end-to-end acceptance on the local stack: a generated day of traffic, time-shifted into the last 24
 * hours, sent through the real edge (requests of 1-20 events, some resent) to kinesis-mock (two shards), the KCL
 * consumer, the Stats rollups in DynamoDB Local and the dashboard's routes on the same port; every native statistic
 * and every original route then answers exactly the figures the test recomputes from what it sent
 * ({@link Reference}; users within the sketch's documented error). The stack starts once for the class.
 */
@WithLocalAws
class StatisticsEndToEndTest {

    static final long SEED = 14L;
    static final int DAY_SESSIONS = 260;
    static final int RECENT_SESSIONS = 40;

    private static LocalPipeline stack;
    private static Traffic sent;

    @BeforeAll
    static void sendADayOfTraffic(LocalAws aws) {
        LocalConfig config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                null,
                null,
                aws.createStream("stats-e2e", 2),
                2,
                TableNames.withPrefix("StatsE2e"),
                "stats-e2e-consumer",
                null,
                true);
        stack = LocalPipeline.start(config, aws.endpoints());
        sent = Traffic.send(
                new EdgeClient(stack.edgeAddress()),
                DayOfTraffic.generate(SEED, System.currentTimeMillis(), DAY_SESSIONS, RECENT_SESSIONS),
                YauaaUserAgentParser.shared());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nativeSummary_afterADayOfTraffic_equalsTheRecomputation() {
        NativeChecks checks = sent.nativeChecks();
        sent.assertEventually(() -> concat(
                checks.summary(Map.of("range", "24h", "tz", "UTC")),
                checks.summary(Map.of("range", "today", "tz", "UTC")),
                checks.summary(Map.of("range", "today", "tz", "Asia/Seoul")),
                checks.summary(Map.of("range", "today", "tz", "America/New_York"))));
    }

    @Test
    void nativeSeries_at5MinutesAndHours_equalTheRecomputation() {
        NativeChecks checks = sent.nativeChecks();
        sent.assertEventually(
                () -> concat(checks.series("5m", 5 * Reference.MINUTE), checks.series("hour", Reference.HOUR)));
    }

    @Test
    void nativeBreakdowns_ofEveryDimension_equalTheRecomputation() {
        NativeChecks checks = sent.nativeChecks();
        sent.assertEventually(() -> {
            List<String> differences = new ArrayList<>();
            NativeChecks.DIMENSIONS.forEach(dimension -> differences.addAll(checks.breakdown(dimension)));
            return differences;
        });
    }

    @Test
    void nativeDetails_ofAnHourAPageAndASource_equalTheRecomputation() {
        NativeChecks checks = sent.nativeChecks();
        long busiest = sent.busiestHour();
        sent.assertEventually(() -> concat(
                checks.hourDetails(busiest),
                checks.hourDetails(sent.crossHour()),
                checks.pageDetails(Reference.page(DayOfTraffic.PAGES.get(6))),
                checks.pageDetails(Reference.page(DayOfTraffic.LANDINGS.get(8))),
                checks.sourceDetails("google"),
                checks.sourceDetails(Reference.source(DayOfTraffic.REFERRERS.get(7), null))));
    }

    @Test
    void nativeRealtime_inTheLast30Minutes_equalsTheRecomputation() {
        NativeChecks checks = sent.nativeChecks();
        sent.assertEventually(() -> checks.realtime(System::currentTimeMillis));
    }

    @Test
    void originalStatistics_summaryChartPagesAndReferrers_equalTheRecomputation() {
        OriginalChecks checks = sent.originalChecks();
        sent.assertEventually(() -> concat(
                checks.summary(),
                checks.hourly(ZoneId.of("UTC")),
                checks.hourly(ZoneId.of("Asia/Seoul")),
                checks.pages(),
                checks.referrers(),
                checks.health()));
    }

    @Test
    void originalDetails_ofAChartPointAPageAndAReferrer_equalTheRecomputation() {
        OriginalChecks checks = sent.originalChecks();
        sent.assertEventually(() -> concat(
                checks.hourDetails(sent.busiestRecentSlot()),
                checks.pageDetails(Reference.page(DayOfTraffic.PAGES.get(6))),
                checks.pageDetails(Reference.page(DayOfTraffic.LANDINGS.get(8))),
                checks.referrerDetails("Google"),
                checks.referrerDetails("twitter"),
                checks.referrerDetails("Other"),
                checks.referrerDetails("Direct"),
                checks.referrerDetails(Reference.source(DayOfTraffic.REFERRERS.get(7), null))));
    }

    @Test
    void originalSessions_activeListAndEventsOfSessions_equalWhatWasSent() {
        OriginalChecks checks = sent.originalChecks();
        sent.assertEventually(() -> {
            List<String> differences = new ArrayList<>(checks.activeSessions());
            sent.sampleVisits().forEach(visit -> differences.addAll(checks.sessionEvents(visit)));
            return differences;
        });
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
