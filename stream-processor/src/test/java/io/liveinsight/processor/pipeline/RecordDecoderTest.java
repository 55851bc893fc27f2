package io.liveinsight.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.processor.Events;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.pipeline.RecordDecoder.RawRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records as the stream gives them (docs/contract/replay.md#lane): a replayed event's {@code replay_run} is the edge's
 * and follows the run rules; a record whose run id breaks them is set aside whole, as any record holding an invalid
 * event.
 */
class RecordDecoderTest {

    private final EventCodec codec = new EventCodec();
    private final RecordDecoder decoder = new RecordDecoder(codec);
    private final ReplayIds ids = new ReplayIds(ReplayKey.of("record-decoder-key-0123456789"), "run-1");

    @Test
    void decode_whenRecordsCarryLiveAndReplayedEvents_keepsTheRunOnEachEvent() {
        Event live = Events.pageView("e1", "s1", 1_000, "/");
        Event replayed = ids.map(Events.pageView("e2", "s2", 2_000, "/"));

        RecordDecoder.Decoded decoded = decoder.decode(List.of(raw("1", List.of(live)), raw("2", List.of(replayed))));

        assertThat(decoded.poison()).isEmpty();
        assertThat(decoded.events()).extracting(PositionedEvent::event).containsExactly(live, replayed);
        assertThat(decoded.events().get(1).event().replayRun()).isEqualTo("run-1");
    }

    @Test
    void decode_whenAReplayRunBreaksTheRules_setsTheRecordAsideWhole() {
        Event replayed = ids.map(Events.pageView("e2", "s2", 2_000, "/"));
        for (String run : List.of("", "Run-1", "run#1", "r~x", "<script>", "x".repeat(41))) {
            Event bad = withRun(replayed, run);

            RecordDecoder.Decoded decoded = decoder.decode(List.of(raw("3", List.of(replayed, bad))));

            assertThat(decoded.events()).as(run).isEmpty();
            assertThat(decoded.poison()).singleElement().satisfies(letter -> assertThat(letter.reason())
                    .contains("replay_run"));
        }
    }

    /** A session is in one lane (docs/contract/replay.md#ids): its statistics then never move between sites. */
    @Test
    void decode_whenAnEventIsNotInItsSessionsLane_setsTheRecordAsideNamingSessionId() {
        Event replayed = ids.map(Events.pageView("e2", "s2", 2_000, "/"));
        Event liveInAReplayedSession = withRun(replayed, null);
        Event ofAnotherRun = withRun(replayed, "run-2");
        Event replayedUnderALiveId = withRun(Events.pageView("e3", "s3", 3_000, "/"), "run-1");

        for (Event bad : List.of(liveInAReplayedSession, ofAnotherRun, replayedUnderALiveId)) {
            RecordDecoder.Decoded decoded = decoder.decode(List.of(raw("4", List.of(bad))));

            assertThat(decoded.events()).as(bad.toString()).isEmpty();
            assertThat(decoded.poison()).singleElement().satisfies(letter -> assertThat(letter.reason())
                    .startsWith("invalid event: session_id ")
                    .containsAnyOf("must not start with r~", "is not a session id of replay run"));
        }
    }

    /** docs/contract/sites.md#site-ids: only the edge sets {@code site}, from the registry; anything else is poison. */
    @Test
    void decode_whenASiteIsNoSiteId_setsTheRecordAsideNamingSite() {
        Event good = Events.pageView("e1", "s1", 1_000, "/").withSite("shop-2");
        for (String site : List.of(
                "",
                "Shop-2",
                "-shop",
                "shop~2",
                "shop#2",
                "s|p",
                "<script>",
                "\uD83D\uDE00",
                " shop",
                "x".repeat(33))) {
            RecordDecoder.Decoded decoded = decoder.decode(List.of(raw(
                    "5", List.of(good, Events.pageView("e2", "s1", 2_000, "/").withSite(site)))));

            assertThat(decoded.events()).as(site).isEmpty();
            assertThat(decoded.poison()).singleElement().satisfies(letter -> assertThat(letter.reason())
                    .startsWith("invalid event: site "));
        }
    }

    @Test
    void decode_whenSitesAreSiteIds_keepsEachEventsSite() {
        List<Event> events = List.of(
                Events.pageView("e1", "s1", 1_000, "/"),
                Events.pageView("e1", "s1", 1_000, "/").withSite("default"),
                Events.pageView("e1", "s1", 1_000, "/").withSite("9-" + "z".repeat(30)));

        RecordDecoder.Decoded decoded = decoder.decode(List.of(raw("6", events)));

        assertThat(decoded.poison()).isEmpty();
        assertThat(decoded.events())
                .extracting(e -> e.event().site())
                .containsExactly(null, "default", "9-" + "z".repeat(30));
    }

    private RawRecord raw(String sequence, List<Event> events) {
        return new RawRecord("shardId-000000000000", events.get(0).sessionId(), sequence, codec.encode(events));
    }

    private static Event withRun(Event e, String run) {
        return new Event(
                e.eventId(),
                e.userId(),
                e.sessionId(),
                e.eventType(),
                e.timestamp(),
                e.pageUrl(),
                e.referrer(),
                e.userAgent(),
                Map.of(),
                null,
                null,
                null,
                null,
                e.receivedAt(),
                null,
                false,
                false,
                run);
    }
}
