package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#statistics-ranges and docs/contract/api.md#statistics-400-reasons. */
class RangeQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:20:31.250Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static StatsRange resolve(String range, String from, String to, String tz, Instant now, Duration unit) {
        RangeQuery query = RangeQuery.of(range, from, to, tz);
        assertThat(query.problems()).isEmpty();
        return query.resolve(now, unit);
    }

    @Test
    void resolve_whenNothingGiven_isTheLast24WholeHoursEndingWithTheCurrentOne() {
        StatsRange range = resolve(null, null, null, null, NOW, HOUR);

        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(range.zone().getId()).isEqualTo("UTC");
        assertThat(range.toJson())
                .containsEntry("from", "2026-12-05T09:00:00Z")
                .containsEntry("to", "2026-12-06T09:00:00Z")
                .containsEntry("tz", "UTC");
    }

    @Test
    void resolve_whenNowIsExactlyOnAnHour_stillHoldsNow() {
        StatsRange range = resolve("24h", null, null, null, Instant.parse("2026-12-06T08:00:00Z"), HOUR);

        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(range.length()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void resolve_whenTodayInSeoul_startsAtSeoulMidnight() {
        StatsRange range = resolve("today", null, null, "Asia/Seoul", NOW, HOUR);

        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-05T15:00:00Z")); // 00:00 KST
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-06T09:00:00Z")); // 18:00 KST
    }

    @Test
    void resolve_whenTodayInKolkata_roundsTheHalfHourMidnightDownToTheUtcHour() {
        StatsRange range = resolve("today", null, null, "Asia/Kolkata", NOW, HOUR);

        // midnight IST is 18:30 UTC: hour items are UTC hours, so the range starts at 18:00 UTC (23:30 IST)
        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-05T18:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-06T09:00:00Z"));
    }

    @Test
    void resolve_whenTodayWithMinuteAlignment_startsAtMidnightAndEndsAfterTheCurrentMinute() {
        StatsRange range = resolve("today", null, null, "Asia/Kolkata", NOW, Duration.ofMinutes(5));

        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-05T18:30:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-06T08:25:00Z"));
    }

    @Test
    void resolve_whenAWeekInNewYorkSpansTheEndOfDst_is169Hours() {
        Instant now = Instant.parse("2026-11-04T15:20:00Z"); // 10:20 EST; DST ended on 1 November

        StatsRange range = resolve("7d", null, null, "America/New_York", now, HOUR);

        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-04T16:00:00Z"));
        assertThat(range.from()).isEqualTo(Instant.parse("2026-10-28T15:00:00Z")); // 11:00 EDT
        assertThat(range.length()).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void resolve_whenAWeekInNewYorkSpansTheStartOfDst_is167Hours() {
        Instant now = Instant.parse("2026-03-10T15:20:00Z"); // 11:20 EDT; DST began on 8 March

        StatsRange range = resolve("7d", null, null, "America/New_York", now, HOUR);

        assertThat(range.from()).isEqualTo(Instant.parse("2026-03-03T17:00:00Z")); // 12:00 EST
        assertThat(range.length()).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void resolve_when30DaysInUtc_is720Hours() {
        assertThat(resolve("30d", null, null, "UTC", NOW, HOUR).length()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void resolve_whenFromAndToInAnyAcceptedForm_widensThemOutwardsToTheUnit() {
        StatsRange offset =
                resolve(null, "2026-12-06T17:10:00+09:00", "2026-12-06T18:00:00.001+09:00", "UTC", NOW, HOUR);
        StatsRange millis = resolve(
                null,
                Long.toString(Instant.parse("2026-12-06T08:10:00Z").toEpochMilli()),
                Long.toString(Instant.parse("2026-12-06T09:00:00Z").toEpochMilli()),
                null,
                NOW,
                HOUR);
        StatsRange fiveMinutes =
                resolve(null, "2026-12-06T08:12:00Z", "2026-12-06T08:21:00Z", null, NOW, Duration.ofMinutes(5));

        assertThat(offset.from()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(offset.to()).isEqualTo(Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(millis.from()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(millis.to()).isEqualTo(Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(fiveMinutes.from()).isEqualTo(Instant.parse("2026-12-06T08:10:00Z"));
        assertThat(fiveMinutes.to()).isEqualTo(Instant.parse("2026-12-06T08:25:00Z"));
    }

    @Test
    void length_whenNamedOrExplicit_isWhatWasAskedBeforeAlignment() {
        assertThat(RangeQuery.of("today", null, null, "UTC").length(NOW))
                .isEqualTo(Duration.between(Instant.parse("2026-12-06T00:00:00Z"), NOW));
        assertThat(RangeQuery.of(null, "2026-12-06T08:10:00Z", "2026-12-06T08:40:00Z", null)
                        .length(NOW))
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void of_whenEachParameterIsBad_givesItsReason() {
        assertThat(RangeQuery.of("1y", null, null, null).problems())
                .containsExactly("range must be one of today, 24h, 7d, 30d, was '1y'");
        assertThat(RangeQuery.of("24h", "2026-12-06T08:00:00Z", "2026-12-06T09:00:00Z", null)
                        .problems())
                .containsExactly("range and from/to exclude each other: give range, or from and to");
        assertThat(RangeQuery.of(null, "2026-12-06T08:00:00Z", null, null).problems())
                .containsExactly("from and to go together: to is missing");
        assertThat(RangeQuery.of(null, null, "2026-12-06T08:00:00Z", null).problems())
                .containsExactly("from and to go together: from is missing");
        assertThat(RangeQuery.of(null, "2026-12-06T08:00:00", "2026-12-06T09:00:00Z", null)
                        .problems())
                .containsExactly("from must be an ISO-8601 instant (2026-12-06T08:00:00Z), an offset date-time"
                        + " (2026-12-06T17:00:00+09:00) or epoch milliseconds, from 1970 to 9999, was"
                        + " '2026-12-06T08:00:00'");
        assertThat(RangeQuery.of(null, "2026-12-06T08:00:00Z", "+10000-01-01T00:00:00Z", null)
                        .problems())
                .singleElement()
                .asString()
                .startsWith("to must be an ISO-8601 instant");
        assertThat(RangeQuery.of(null, "2026-12-06T09:00:00Z", "2026-12-06T09:00:00Z", null)
                        .problems())
                .containsExactly("from must be before to");
        assertThat(RangeQuery.of(null, "2025-01-01T00:00:00Z", "2026-02-05T00:00:01Z", null)
                        .problems())
                .containsExactly("the range must be at most 400 days, was 401 days");
        assertThat(RangeQuery.of(null, null, null, "Mars/Olympus_Mons").problems())
                .containsExactly("tz must be an IANA time zone id such as UTC or Asia/Seoul, was 'Mars/Olympus_Mons'");
        assertThat(RangeQuery.of(null, null, null, "+09:00").problems()).hasSize(1);
        assertThat(RangeQuery.of(null, null, null, "asia/seoul").problems()).hasSize(1);
    }

    @Test
    void of_whenSeveralParametersAreBad_givesEveryReasonAtOnce() {
        List<String> problems =
                RangeQuery.of("forever", "yesterday", null, "Nowhere").problems();

        assertThat(problems).hasSize(5);
        assertThat(problems)
                .anyMatch(p -> p.startsWith("tz must be"))
                .anyMatch(p -> p.startsWith("range and from/to exclude"))
                .anyMatch(p -> p.startsWith("range must be one of"))
                .anyMatch(p -> p.startsWith("from and to go together: to is missing"))
                .anyMatch(p -> p.startsWith("from must be an ISO-8601"));
    }

    @Test
    void of_whenValuesAreHostile_echoesThemShortenedAndWhole() {
        String astral = "\uD83D\uDE00".repeat(60); // 60 emoji, 120 UTF-16 units
        String script = "<script>alert(1)</script>~#|";

        List<String> problems = RangeQuery.of(astral, null, null, script).problems();
        List<String> longFrom =
                RangeQuery.of(null, "9".repeat(10_000), "1", null).problems();

        assertThat(problems)
                .contains("tz must be an IANA time zone id such as UTC or Asia/Seoul, was '" + script + "'");
        String rangeReason =
                problems.stream().filter(p -> p.startsWith("range")).findFirst().orElseThrow();
        assertThat(rangeReason).endsWith("\uD83D\uDE00...'");
        assertThat(rangeReason.codePoints().filter(c -> c == 0x1F600).count()).isEqualTo(Text.SHOWN);
        assertThat(longFrom.get(0)).hasSizeLessThan(300);
    }
}
