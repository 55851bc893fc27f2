package io.liveinsight.load.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.load.replay.plan.Pace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad argument is refused with the option and why; the key and the token are never shown. */
class ReplayOptionsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T09:08:07Z"), ZoneOffset.UTC);
    static final String KEY = "0123456789abcdef-key";

    @Test
    void parse_whenMinimal_defaultsEverythingDocumented() {
        ReplayOptions options = parse(Map.of("LIVEINSIGHT_REPLAY_KEY", KEY), "--har", "x.har");

        assertThat(options.run()).isEqualTo("r-20261206-090807");
        assertThat(options.lane()).isTrue();
        assertThat(options.url()).hasToString("http://127.0.0.1:8080");
        assertThat(options.pace()).isEqualTo(new Pace.Speed(1));
        assertThat(options.shiftToNow()).isTrue();
        assertThat(options.concurrency()).isEqualTo(32);
        assertThat(options.settle()).hasSeconds(120);
        assertThat(options.toString()).doesNotContain(KEY);
        assertThat(ReplayCli.reportFolder(options).toString().replace('\\', '/'))
                .endsWith("load-tests/target/replay/r-20261206-090807");
    }

    @Test
    void parse_whenPaced_readsSpeedMaxRateAndBurst() {
        assertThat(parse(Map.of(), "--generate", "--no-lane", "--speed", "max").pace())
                .isEqualTo(new Pace.Max());
        assertThat(parse(Map.of(), "--generate", "--no-lane", "--speed", "10").pace())
                .isEqualTo(new Pace.Speed(10));
        assertThat(parse(Map.of(), "--generate", "--no-lane", "--rate", "50", "--burst-factor", "10", "--burst-s", "60")
                        .pace())
                .isEqualTo(new Pace.Rate(50, 10, 10_000, 60_000));
    }

    @Test
    void parse_whenArgumentsAreBad_saysWhichAndWhy() {
        refused("no source: give --archive DIR", "--no-lane");
        refused("one source only, not --archive and --har", "--archive", "a", "--har", "b", "--no-lane");
        refused("unknown option --spede", "--har", "x", "--spede", "2");
        refused("the replay lane needs the deployment's replay key", "--har", "x");
        refused("a replay key has at least 16 characters", "--har", "x", "--replay-key", "short");
        refused("--no-lane and --replay-key exclude each other", "--har", "x", "--no-lane", "--replay-key", KEY);
        refused("--run must be 1-40 characters of a-z 0-9 -", "--har", "x", "--no-lane", "--run", "Run_1");
        refused("--speed must be a number above 0 (or max), was '0'", "--har", "x", "--no-lane", "--speed", "0");
        refused("--speed and --rate exclude each other", "--har", "x", "--no-lane", "--speed", "2", "--rate", "5");
        refused(
                "a burst needs both --burst-factor and --burst-s",
                "--har",
                "x",
                "--no-lane",
                "--rate",
                "5",
                "--burst-s",
                "3");
        refused(
                "--burst-factor, --burst-s and --before-s go with --rate",
                "--har",
                "x",
                "--no-lane",
                "--burst-factor",
                "3");
        refused(
                "--concurrency must be a whole number from 1 to 1024, was 'lots'",
                "--har",
                "x",
                "--no-lane",
                "--concurrency",
                "lots");
        refused("--s3 must be s3://BUCKET/PREFIX, was 'bucket'", "--s3", "bucket", "--no-lane");
        refused("--from must be an ISO-8601 instant", "--har", "x", "--no-lane", "--from", "yesterday");
        refused(
                "--from must be before --to",
                "--har",
                "x",
                "--no-lane",
                "--from",
                "2026-12-06T10:00:00Z",
                "--to",
                "2026-12-06T09:00:00Z");
        refused("--time-shift must be now or none, was 'later'", "--har", "x", "--no-lane", "--time-shift", "later");
        refused("--url must be an http(s) URL, was 'ftp://x'", "--har", "x", "--no-lane", "--url", "ftp://x");
        refused("--table-prefix goes with --dynamodb", "--har", "x", "--no-lane", "--table-prefix", "P");
        refused("--seed goes with --generate", "--har", "x", "--no-lane", "--seed", "3");
        refused("--har needs a value", "--har", "--no-lane");
        refused("expected --option, got stray", "--har", "x", "--no-lane", "--concurrency", "3", "stray");
    }

    private static void refused(String message, String... argv) {
        assertThatThrownBy(() -> parse(Map.of(), argv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static ReplayOptions parse(Map<String, String> env, String... argv) {
        return ReplayOptions.parse(argv, env, CLOCK);
    }
}
