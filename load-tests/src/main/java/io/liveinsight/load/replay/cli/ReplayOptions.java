package io.liveinsight.load.replay.cli;

import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.load.cli.Args;
import io.liveinsight.load.replay.Replayer;
import io.liveinsight.load.replay.plan.Pace;
import io.liveinsight.load.replay.source.S3ArchiveStore;
import io.liveinsight.load.replay.source.TimeRange;
import io.liveinsight.load.traffic.GeneratorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bin/replay}'s options, checked once: a bad one is an {@link IllegalArgumentException} naming the option and
 * why, which the CLI turns into exit code 2. The replay key and the dashboard token are never shown ({@link
 * #toString}).
 */
public record ReplayOptions(
        boolean help,
        SourceKind sourceKind,
        String sourceValue,
        GeneratorSettings generator,
        TimeRange range,
        URI url,
        Pace pace,
        boolean shiftToNow,
        String run,
        String replayKey,
        int concurrency,
        int attempts,
        Duration timeout,
        String dynamoDb,
        String tablePrefix,
        String region,
        URI s3Endpoint,
        URI dashboard,
        String dashboardToken,
        Duration settle,
        Path reportDir,
        String progress) {

    /** Where the traffic comes from. */
    public enum SourceKind {
        ARCHIVE,
        S3,
        NDJSON,
        HAR,
        GENERATE
    }

    static final Set<String> OPTIONS = Set.of(
            "help",
            "archive",
            "s3",
            "ndjson",
            "har",
            "generate",
            "seed",
            "sessions",
            "duration-s",
            "from",
            "to",
            "url",
            "speed",
            "rate",
            "burst-factor",
            "burst-s",
            "before-s",
            "time-shift",
            "run",
            "replay-key",
            "no-lane",
            "concurrency",
            "attempts",
            "timeout-s",
            "dynamodb",
            "table-prefix",
            "region",
            "s3-endpoint",
            "dashboard",
            "dashboard-token",
            "settle-s",
            "report",
            "progress");

    public static final String KEY_ENV = "LIVEINSIGHT_REPLAY_KEY";
    public static final String TOKEN_ENV = "LIVEINSIGHT_DASHBOARD_TOKEN";
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    public static final int DEFAULT_CONCURRENCY = 32;
    public static final long DEFAULT_SETTLE_S = 120;

    public boolean lane() {
        return replayKey != null;
    }

    public static ReplayOptions parse(String[] argv, Map<String, String> env, Clock clock) {
        Args args = Args.parse(argv);
        Set<String> unknown = new TreeSet<>(args.names());
        unknown.removeAll(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option" + (unknown.size() > 1 ? "s" : "") + " --" + String.join(", --", unknown));
        }
        if (args.has("help")) {
            return helpOnly();
        }
        List<String> sources = new ArrayList<>();
        for (String name : List.of("archive", "s3", "ndjson", "har", "generate")) {
            if (args.has(name)) {
                sources.add(name);
            }
        }
        if (sources.size() != 1) {
            throw new IllegalArgumentException(
                    (sources.isEmpty() ? "no source" : "one source only, not --" + String.join(" and --", sources))
                            + ": give --archive DIR, --s3 s3://BUCKET/PREFIX, --ndjson FILE, --har FILE or --generate");
        }
        SourceKind kind = SourceKind.valueOf(sources.get(0).toUpperCase(java.util.Locale.ROOT));
        String sourceValue = kind == SourceKind.GENERATE ? null : required(args, sources.get(0));
        if (kind == SourceKind.S3 && S3ArchiveStore.parse(sourceValue) == null) {
            throw new IllegalArgumentException("--s3 must be s3://BUCKET/PREFIX, was '" + sourceValue + "'");
        }
        GeneratorSettings defaults = GeneratorSettings.defaults();
        GeneratorSettings generator = kind != SourceKind.GENERATE
                ? null
                : defaults.withSeed(whole(args, "seed", defaults.seed(), Long.MIN_VALUE, Long.MAX_VALUE))
                        .withSessions((int) whole(args, "sessions", defaults.sessions(), 1, 10_000_000))
                        .withDurationMs(
                                whole(args, "duration-s", defaults.durationMs() / 1000, 1, 366L * 86_400) * 1000);
        if (kind != SourceKind.GENERATE) {
            for (String name : List.of("seed", "sessions", "duration-s")) {
                if (args.has(name)) {
                    throw new IllegalArgumentException("--" + name + " goes with --generate");
                }
            }
        }
        String rawRun = args.value("run", null);
        String run = rawRun != null
                ? rawRun
                : "r-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .format(clock.instant().atOffset(ZoneOffset.UTC));
        String runError = ReplayLane.runError(run);
        if (runError != null) {
            throw new IllegalArgumentException("--run " + runError + ", was '" + run + "'");
        }
        String key = null;
        if (args.has("no-lane")) {
            if (args.has("replay-key")) {
                throw new IllegalArgumentException("--no-lane and --replay-key exclude each other");
            }
        } else {
            key = args.has("replay-key") ? required(args, "replay-key") : env.get(KEY_ENV);
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("the replay lane needs the deployment's replay key: --replay-key KEY"
                        + " or " + KEY_ENV + " (bin/run-local prints the local one), or --no-lane for a throwaway"
                        + " stack");
            }
            ReplayKey.of(key); // at least 16 characters, or a clear message
        }
        String dynamoDb = args.value("dynamodb", null);
        if (args.has("table-prefix") && dynamoDb == null) {
            throw new IllegalArgumentException("--table-prefix goes with --dynamodb");
        }
        if (dynamoDb != null && !dynamoDb.equals("aws")) {
            uri("dynamodb", dynamoDb);
        }
        URI dashboard = args.has("dashboard") ? uri("dashboard", required(args, "dashboard")) : null;
        if (args.has("dashboard-token") && dashboard == null) {
            throw new IllegalArgumentException("--dashboard-token goes with --dashboard");
        }
        String token = args.has("dashboard-token") ? required(args, "dashboard-token") : env.get(TOKEN_ENV);
        String progress = args.value("progress", "auto");
        if (!Set.of("auto", "on", "off").contains(progress)) {
            throw new IllegalArgumentException("--progress must be auto, on or off, was '" + progress + "'");
        }
        String shift = args.value("time-shift", "now");
        if (!shift.equals("now") && !shift.equals("none")) {
            throw new IllegalArgumentException("--time-shift must be now or none, was '" + shift + "'");
        }
        return new ReplayOptions(
                false,
                kind,
                sourceValue,
                generator,
                range(args),
                uri("url", args.value("url", DEFAULT_URL)),
                pace(args),
                shift.equals("now"),
                run,
                key,
                (int) whole(args, "concurrency", DEFAULT_CONCURRENCY, 1, 1024),
                (int) whole(args, "attempts", Replayer.DEFAULT_MAX_ATTEMPTS, 1, 20),
                Duration.ofSeconds(whole(args, "timeout-s", 30, 1, 600)),
                dynamoDb,
                args.value("table-prefix", "LiveInsight"),
                args.value("region", null),
                args.has("s3-endpoint") ? uri("s3-endpoint", required(args, "s3-endpoint")) : null,
                dashboard,
                token,
                Duration.ofSeconds(whole(args, "settle-s", DEFAULT_SETTLE_S, 0, 86_400)),
                args.has("report") ? Path.of(required(args, "report")) : null,
                progress);
    }

    private static ReplayOptions helpOnly() {
        return new ReplayOptions(
                true,
                null,
                null,
                null,
                TimeRange.ALL,
                null,
                null,
                true,
                null,
                null,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "off");
    }

    static Pace pace(Args args) {
        boolean burst = args.has("burst-factor") || args.has("burst-s") || args.has("before-s");
        if (args.has("rate")) {
            if (args.has("speed")) {
                throw new IllegalArgumentException("--speed and --rate exclude each other");
            }
            double rate = number(args, "rate", 0);
            if (burst && !(args.has("burst-factor") && args.has("burst-s"))) {
                throw new IllegalArgumentException("a burst needs both --burst-factor and --burst-s");
            }
            return new Pace.Rate(
                    rate,
                    burst ? number(args, "burst-factor", 1) : 1,
                    burst ? whole(args, "before-s", 10, 0, 86_400) * 1000 : 0,
                    burst ? whole(args, "burst-s", 0, 1, 86_400) * 1000 : 0);
        }
        if (burst) {
            throw new IllegalArgumentException("--burst-factor, --burst-s and --before-s go with --rate");
        }
        String speed = args.value("speed", "1");
        if (speed.equals("max")) {
            return new Pace.Max();
        }
        return new Pace.Speed(number(args, "speed", 1));
    }

    static TimeRange range(Args args) {
        Instant from = args.has("from") ? instant("from", required(args, "from")) : null;
        Instant to = args.has("to") ? instant("to", required(args, "to")) : null;
        return new TimeRange(from, to);
    }

    static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException again) {
                throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant (2026-12-06T08:00:00Z),"
                        + " an offset date-time or epoch milliseconds, was '" + value + "'");
            }
        }
    }

    private static String required(Args args, String name) {
        String value = args.value(name, "true");
        if (value.equals("true")) {
            throw new IllegalArgumentException("--" + name + " needs a value");
        }
        return value;
    }

    private static long whole(Args args, String name, long fallback, long min, long max) {
        if (!args.has(name)) {
            return fallback;
        }
        String value = args.value(name, "");
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(
                "--" + name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
    }

    private static double number(Args args, String name, double fallback) {
        if (!args.has(name)) {
            return fallback;
        }
        String value = args.value(name, "");
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && parsed < 1e9) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + name + " must be a number above 0"
                + (name.equals("speed") ? " (or max)" : "") + ", was '" + value + "'");
    }

    private static URI uri(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + name + " must be an http(s) URL, was '" + value + "'");
    }

    @Override
    public String toString() {
        return "ReplayOptions[source=" + sourceKind + " " + sourceValue + ", url=" + url + ", run=" + run + ", lane="
                + lane() + ", key=(not shown), token=" + (dashboardToken == null ? "none" : "(not shown)") + "]";
    }
}
