package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import io.liveinsight.processor.enrichment.Enrichment;
import io.liveinsight.processor.port.UserAgentParser.Client;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One user agent through {@link YauaaUserAgentParser} on one thread, JIT warm, sampled (the median stands a busy
 * machine better than the mean): {@code uncached} is a full analysis
 * (what a user agent costs the first time the process sees it), {@code cached} a repeat (what nearly every event
 * costs: a site's visitors share few user agents). The agents are {@link #AGENTS}, taken in turn. {@code enrichEvent}
 * is all the processor adds to an event of the replay traffic ({@link Enrichment#of}: traffic source, campaign and a
 * cached parse). Start-up time and heap: {@link UserAgentParserStartup}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Threads(1)
public class UserAgentParserBenchmark {

    /** Browsers, systems and devices as a site sees them, crawlers and a command-line client included. */
    static final List<String> AGENTS = List.of(
            ReplayTraffic.USER_AGENT,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0"
                    + " Safari/537.36 Edg/120.0.2210.91",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1"
                    + " Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1"
                    + " Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/120.0.6099.144 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/120.0.6099.144 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Mobile/15E148 [FBAN/FBIOS;FBAV/442.0.0.35.111;FBBV/537442116;FBDV/iPhone15,2;FBMD/iPhone;"
                    + "FBSN/iOS;FBSV/17.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/80]",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "curl/8.4.0",
            "<script>alert(1)</script>");

    private static Client parseNext(YauaaUserAgentParser parser, int[] next) {
        String agent = AGENTS.get(next[0]);
        next[0] = (next[0] + 1) % AGENTS.size();
        return parser.parse(agent);
    }

    /** The process's configuration: a cache of {@value YauaaUserAgentParser#CACHE_SIZE}, every agent in it. */
    @State(Scope.Thread)
    public static class Cached {
        YauaaUserAgentParser parser;
        final int[] next = {0};

        @Setup(Level.Trial)
        public void setUp() {
            parser = YauaaUserAgentParser.create();
            AGENTS.forEach(parser::parse);
        }
    }

    /** No cache: every call a full analysis. */
    @State(Scope.Thread)
    public static class Uncached {
        YauaaUserAgentParser parser;
        final int[] next = {0};

        @Setup(Level.Trial)
        public void setUp() {
            parser = YauaaUserAgentParser.create(0);
        }
    }

    /** The replay's events (its pages, referrers and Chrome user agent), for the whole enrichment of an event. */
    @State(Scope.Thread)
    public static class Replay {
        List<Event> events;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            events = ReplayTraffic.beacons(42L, 1_000, 1_790_000_000_000L).stream()
                    .flatMap(beacon -> beacon.events().stream())
                    .toList();
        }
    }

    /** What the processor adds to each event: traffic source and campaign, and a cached parse. */
    @Benchmark
    public Enrichment enrichEvent(Cached parser, Replay replay) {
        Event event = replay.events.get(replay.next);
        replay.next = (replay.next + 1) % replay.events.size();
        return Enrichment.of(event, parser.parser);
    }

    @Benchmark
    public Client cached(Cached state) {
        return parseNext(state.parser, state.next);
    }

    @Benchmark
    public Client uncached(Uncached state) {
        return parseNext(state.parser, state.next);
    }
}
