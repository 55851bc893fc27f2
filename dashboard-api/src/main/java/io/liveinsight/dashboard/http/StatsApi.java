package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.stats.Breakdown;
import io.liveinsight.dashboard.domain.stats.Details;
import io.liveinsight.dashboard.domain.stats.RangeQuery;
import io.liveinsight.dashboard.domain.stats.RollupSum;
import io.liveinsight.dashboard.domain.stats.Series;
import io.liveinsight.dashboard.domain.stats.SeriesResolution;
import io.liveinsight.dashboard.domain.stats.Slot;
import io.liveinsight.dashboard.domain.stats.StatsRange;
import io.liveinsight.dashboard.domain.stats.Summary;
import io.liveinsight.dashboard.domain.stats.Text;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The native statistics routes ({@code /api/stats/summary}, {@code series}, {@code breakdown}, {@code details}):
 * parameters checked into 400s with every reason, the rollup items a range needs read, the domain's figures
 * answered. Never a read of Events or ActiveSessions (docs/contract/api.md#statistics). One site's rollups
 * ({@code site}, docs/contract/sites.md#dashboard), its live traffic unless {@code replay} names a run: then that run's
 * rollups only (docs/contract/replay.md#where-a-run-shows).
 */
final class StatsApi {

    /** What every route takes: its range, which site ({@link Params#site}) and which traffic ({@link Params#lane}). */
    static final Set<String> RANGE = Set.of("range", "from", "to", "tz", Params.REPLAY, Params.SITE);

    static final Duration HOUR = Duration.ofHours(1);
    /** Items read and decoded at once: ten days of hour items, a few megabytes decoded. */
    static final int CHUNK = 240;
    /** A page URL or a source, as long as the event contract lets a URL be. */
    static final int MAX_KEY_LENGTH = EventLimits.MAX_URL_CHARS;

    private final StatsReader stats;
    private final Clock clock;

    StatsApi(StatsReader reader, Clock clock) {
        this.stats = Objects.requireNonNull(reader);
        this.clock = Objects.requireNonNull(clock);
    }

    ApiResponse summary(Map<String, String> query) {
        Params params = Params.of(query, RANGE);
        RangeQuery asked = range(params);
        StatsReader reader = reader(params);
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        StatsRange range = asked.resolve(clock.instant(), HOUR);
        return ApiResponse.ok(
                Summary.of(range, List.of(sum(reader, Summary.keys(range)))).toJson());
    }

    ApiResponse series(Map<String, String> query) {
        Params params = Params.of(query, with("resolution"));
        RangeQuery asked = range(params);
        StatsReader reader = reader(params);
        String raw = params.get("resolution");
        Optional<SeriesResolution> explicit = raw == null ? Optional.empty() : SeriesResolution.ofCode(raw);
        if (raw != null && explicit.isEmpty()) {
            params.reject("resolution must be one of " + SeriesResolution.codes() + ", was " + Text.quote(raw));
        }
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        Instant now = clock.instant();
        SeriesResolution resolution = explicit.orElseGet(() -> SeriesResolution.defaultFor(asked.length(now)));
        StatsRange range = asked.resolve(now, resolution.alignment());
        long points = Slot.count(range, resolution);
        if (points > SeriesResolution.MAX_POINTS) {
            params.reject("resolution " + resolution.code() + " gives " + points + " points over this range, at most "
                    + SeriesResolution.MAX_POINTS + ": choose a coarser resolution or a shorter range");
        }
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        UnaryOperator<Rollup> keep = resolution.fromMinutes()
                ? rollup -> new Rollup(rollup.totals(), rollup.minutes(), Map.of(), null, List.of())
                : rollup -> Rollup.of(rollup.totals());
        return ApiResponse.ok(Series.of(range, resolution, read(reader, Series.keys(range, resolution), keep))
                .toJson());
    }

    ApiResponse breakdown(Map<String, String> query) {
        Params params = Params.of(query, with("dimension", "limit"));
        RangeQuery asked = range(params);
        StatsReader reader = reader(params);
        Optional<Dimension> dimension = dimension(params);
        int limit = params.limit(Breakdown.DEFAULT_LIMIT, Breakdown.MAX_LIMIT);
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        StatsRange range = asked.resolve(clock.instant(), HOUR);
        Rollup sum = sum(reader, Summary.keys(range));
        return ApiResponse.ok(Breakdown.of(range, dimension.orElseThrow(), limit, List.of(sum))
                .toJson());
    }

    ApiResponse details(Map<String, String> query) {
        Params params = Params.of(query, with("dimension", "key"));
        RangeQuery asked = range(params);
        StatsReader reader = reader(params);
        String rawKind = params.get("dimension");
        Optional<Details.Kind> kind = rawKind == null ? Optional.empty() : Details.Kind.ofCode(rawKind);
        if (kind.isEmpty()) {
            params.reject("dimension must be one of page, source, hour, was "
                    + (rawKind == null ? "missing" : Text.quote(rawKind)));
        }
        String key = params.get("key");
        if (key == null) {
            params.reject("key is required: the page, the source, or the hour's start");
        } else if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
            params.reject("key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Optional<Instant> hour = Optional.empty();
        if (kind.orElse(null) == Details.Kind.HOUR && key != null && !key.isEmpty()) {
            hour = RangeQuery.instant(key).filter(t -> t.getEpochSecond() % 3600 == 0 && t.getNano() == 0);
            if (hour.isEmpty()) {
                params.reject("key of dimension hour must be the start of a UTC hour as an ISO-8601 instant"
                        + " (2026-12-06T08:00:00Z), an offset date-time or epoch milliseconds, was " + Text.quote(key));
            }
        }
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        Instant now = clock.instant();
        StatsRange range = hour.isPresent() ? Details.hourRange(hour.get(), asked.zone()) : asked.resolve(now, HOUR);
        long hours = range.length().toHours();
        if (hours > SeriesResolution.MAX_POINTS) {
            params.reject("details of a page or source are per hour: this range has " + hours + " hours, at most "
                    + SeriesResolution.MAX_POINTS);
            return ApiResponse.badRequest(params.errors());
        }
        Map<StatsKey, Rollup> rollups = read(reader, Details.keys(range), Details.keeping(kind.get(), key));
        return ApiResponse.ok(Details.of(range, kind.get(), key, rollups).toJson());
    }

    /** The Stats table as the asked site and lane see it: its live traffic, or the replay run named. */
    private StatsReader reader(Params params) {
        return LaneStatsReader.of(stats, params.site(), params.lane());
    }

    private static RangeQuery range(Params params) {
        RangeQuery asked = RangeQuery.of(params.get("range"), params.get("from"), params.get("to"), params.get("tz"));
        asked.problems().forEach(params::reject);
        return asked;
    }

    private static Optional<Dimension> dimension(Params params) {
        String raw = params.get("dimension");
        Optional<Dimension> dimension = Arrays.stream(Dimension.values())
                .filter(d -> d.code().equals(raw))
                .findFirst();
        if (dimension.isEmpty()) {
            params.reject("dimension must be one of "
                    + Arrays.stream(Dimension.values()).map(Dimension::code).collect(Collectors.joining(", "))
                    + ", was " + (raw == null ? "missing" : Text.quote(raw)));
        }
        return dimension;
    }

    /**
     * The items of {@code keys} added, read {@link #CHUNK} at a time and folded as they come: a 400-day range is 9,600
     * hour items, too many to hold decoded in a Lambda's memory.
     */
    private static Rollup sum(StatsReader reader, List<StatsKey> keys) {
        RollupSum sum = new RollupSum();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            sum.addAll(reader.readAll(keys.subList(from, Math.min(keys.size(), from + CHUNK)))
                    .values());
        }
        return sum.toRollup();
    }

    /** The items of {@code keys}, read {@link #CHUNK} at a time, each cut down to what the answer needs. */
    private static Map<StatsKey, Rollup> read(StatsReader reader, List<StatsKey> keys, UnaryOperator<Rollup> keep) {
        Map<StatsKey, Rollup> kept = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            reader.readAll(keys.subList(from, Math.min(keys.size(), from + CHUNK)))
                    .forEach((key, rollup) -> kept.put(key, keep.apply(rollup)));
        }
        return kept;
    }

    private static Set<String> with(String... more) {
        Set<String> names = new HashSet<>(RANGE);
        names.addAll(List.of(more));
        return names;
    }
}
