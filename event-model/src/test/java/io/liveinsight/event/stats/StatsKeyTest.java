package io.liveinsight.event.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rollup item key of docs/contract/tables.md#stats: its text, its bucket and its time to live. */
class StatsKeyTest {

    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;

    @Test
    void value_whenParsed_givesTheSameKey_forEveryResolution() {
        for (Resolution resolution : Resolution.values()) {
            StatsKey key = StatsKey.of(
                    StatsKey.DEFAULT_SITE,
                    resolution,
                    Instant.parse("2026-12-06T08:41:13.999Z").toEpochMilli());

            assertThat(StatsKey.parse(key.value())).isEqualTo(key);
            assertThat(key.toString()).isEqualTo(key.value());
        }
    }

    @Test
    void value_isSiteLetterAndBucketStartInSeconds() {
        long millis = Instant.parse("2026-12-06T08:41:13.999Z").toEpochMilli();

        assertThat(StatsKey.of("default", Resolution.MINUTE, millis).value())
                .as("a minute item holds its hour's sixty minutes: keyed by the hour")
                .isEqualTo("default#m#" + Instant.parse("2026-12-06T08:00:00Z").getEpochSecond());
        assertThat(StatsKey.of("default", Resolution.HOUR, millis).value())
                .isEqualTo("default#h#" + Instant.parse("2026-12-06T08:00:00Z").getEpochSecond());
        assertThat(StatsKey.of("default", Resolution.DAY, millis).value())
                .isEqualTo("default#d#" + Instant.parse("2026-12-06T00:00:00Z").getEpochSecond());
    }

    @Test
    void of_atTheEdgesOfABucket_picksTheBucketThatHoldsTheTime() {
        long start = Instant.parse("2026-12-06T08:00:00Z").toEpochMilli();

        assertThat(StatsKey.of("s", Resolution.HOUR, start).bucketStart()).isEqualTo(start / 1000);
        assertThat(StatsKey.of("s", Resolution.HOUR, start - 1).bucketStart()).isEqualTo(start / 1000 - HOUR);
        assertThat(StatsKey.of("s", Resolution.HOUR, start + HOUR * 1000 - 1).bucketStart())
                .isEqualTo(start / 1000);
        assertThat(StatsKey.of("s", Resolution.DAY, start - 8 * HOUR * 1000).bucketStart())
                .isEqualTo(start / 1000 - 8 * HOUR);
        assertThat(StatsKey.of("s", Resolution.DAY, start - 8 * HOUR * 1000 - 1).bucketStart())
                .isEqualTo(start / 1000 - 8 * HOUR - DAY);
    }

    @Test
    void of_beforeTheEpoch_roundsDownNotTowardZero() {
        assertThat(StatsKey.of("s", Resolution.HOUR, -1).bucketStart()).isEqualTo(-HOUR);
        assertThat(StatsKey.of("s", Resolution.HOUR, -HOUR * 1000).bucketStart())
                .isEqualTo(-HOUR);
        assertThat(StatsKey.of("s", Resolution.HOUR, -HOUR * 1000 - 1).bucketStart())
                .isEqualTo(-2 * HOUR);
        assertThat(StatsKey.of("s", Resolution.DAY, -1).bucketStart()).isEqualTo(-DAY);
        assertThat(StatsKey.of("s", Resolution.MINUTE, 0).bucketStart()).isZero();
        StatsKey negative = StatsKey.of("s", Resolution.DAY, -1);
        assertThat(negative.value()).isEqualTo("s#d#-86400");
        assertThat(StatsKey.parse(negative.value())).isEqualTo(negative);
    }

    @Test
    void of_atTheExtremesOfTime_staysOnTheSpan() {
        for (Resolution resolution : Resolution.values()) {
            for (long millis : new long[] {Long.MIN_VALUE, Long.MAX_VALUE}) {
                StatsKey key = StatsKey.of("s", resolution, millis);

                assertThat(Math.floorMod(key.bucketStart(), resolution.span().toSeconds()))
                        .isZero();
                assertThat(key.bucketStart() * 1000.0)
                        .isLessThanOrEqualTo(millis)
                        .isGreaterThan((double) millis - resolution.span().toMillis() - 1000.0);
                assertThat(StatsKey.parse(key.value())).isEqualTo(key);
            }
        }
    }

    @Test
    void new_whenTheBucketIsNotOnItsSpan_isRefused() {
        assertThatThrownBy(() -> new StatsKey("s", Resolution.HOUR, HOUR + 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("span");
        assertThatThrownBy(() -> new StatsKey("s", Resolution.DAY, -HOUR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatsKey("s", Resolution.MINUTE, 60))
                .as("a minute item starts on its hour")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiresAt_hour400DaysAfterItsHour_minuteAsItsHourItem_dayNever() {
        long hourStart = Instant.parse("2026-12-06T08:00:00Z").getEpochSecond();
        StatsKey minutes = new StatsKey("s", Resolution.MINUTE, hourStart);

        assertThat(new StatsKey("s", Resolution.HOUR, hourStart).expiresAt())
                .isEqualTo(
                        OptionalLong.of(hourStart + HOUR + Duration.ofDays(400).toSeconds()));
        assertThat(minutes.expiresAt()).isEqualTo(minutes.itemKey().expiresAt());
        assertThat(new StatsKey("s", Resolution.DAY, hourStart - 8 * HOUR).expiresAt())
                .isEmpty();
    }

    @Test
    void itemKey_ofMinutes_isTheirHourItem_hoursAndDaysAreTheirOwn() {
        long hourStart = Instant.parse("2026-12-06T08:00:00Z").getEpochSecond();
        StatsKey hour = new StatsKey("shop", Resolution.HOUR, hourStart);
        StatsKey day = new StatsKey("shop", Resolution.DAY, hourStart - 8 * HOUR);

        assertThat(new StatsKey("shop", Resolution.MINUTE, hourStart).itemKey()).isEqualTo(hour);
        assertThat(new StatsKey("shop", Resolution.MINUTE, hourStart).itemKey().value())
                .isEqualTo("shop#h#" + hourStart);
        assertThat(hour.itemKey()).isSameAs(hour);
        assertThat(day.itemKey()).isSameAs(day);
    }

    @Test
    void site_withAHashOrEmpty_isRefused_anyOtherCharacterIsKept() {
        assertThatThrownBy(() -> new StatsKey("shop#1", Resolution.HOUR, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'#'");
        assertThatThrownBy(() -> new StatsKey("", Resolution.HOUR, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatsKey(null, Resolution.HOUR, 0)).isInstanceOf(NullPointerException.class);

        String hostile = "<script>~|\"\\ 😀 " + "é".repeat(120);
        StatsKey key = new StatsKey(hostile, Resolution.DAY, 0);
        assertThat(StatsKey.parse(key.value())).isEqualTo(key);
        assertThat(key.value()).startsWith(hostile + "#d#");
    }

    @Test
    void parse_whenNotAKey_isRefused() {
        for (String bad : new String[] {
            "",
            "default",
            "default#h",
            "default#x#0",
            "default#h#",
            "default#h#x",
            "default#h#0#1",
            "#h#0",
            "default#h#60"
        }) {
            assertThatThrownBy(() -> StatsKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void parse_whenTheNumberIsNotWrittenAsValueWritesIt_isRefused() {
        for (String other : new String[] {"default#h#+3600", "default#h#03600", "default#h#-0"}) {
            assertThatThrownBy(() -> StatsKey.parse(other))
                    .as("%s: one bucket, one key", other)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
