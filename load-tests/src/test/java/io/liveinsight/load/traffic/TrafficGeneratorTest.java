package io.liveinsight.load.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {

    private static final GeneratorSettings SETTINGS =
            GeneratorSettings.defaults().withSessions(3_000);
    private static final List<RecordedLine> LINES = TrafficGenerator.generate(SETTINGS);

    private static List<Map<String, Object>> events() {
        return LINES.stream()
                .filter(l -> !l.isMalformed())
                .map(RecordedLine::event)
                .toList();
    }

    @Test
    void generate_whenSameSeed_writesTheSameRecording() {
        List<String> again = TrafficGenerator.generate(SETTINGS).stream()
                .map(Recording::toLine)
                .toList();

        assertThat(again).isEqualTo(LINES.stream().map(Recording::toLine).toList());
    }

    @Test
    void generate_whenOtherSeed_writesAnotherRecording() {
        assertThat(TrafficGenerator.generate(SETTINGS.withSeed(43)).get(0).event())
                .isNotEqualTo(LINES.get(0).event());
    }

    @Test
    void generate_linesAreInTimeOrderWithUniqueEventIds() {
        assertThat(LINES).isSortedAccordingTo((a, b) -> Long.compare(a.atMs(), b.atMs()));
        assertThat(events().stream().map(e -> e.get("event_id")).distinct().count())
                .isEqualTo(events().size());
    }

    @Test
    void generate_pagePopularity_followsZipf() {
        Map<String, Long> views = events().stream()
                .filter(e -> e.get("event_type").equals("page_view"))
                .collect(Collectors.groupingBy(e -> (String) e.get("page_url"), Collectors.counting()));
        double total = views.values().stream().mapToLong(Long::longValue).sum();
        Zipf zipf = new Zipf(SETTINGS.pages(), SETTINGS.zipfExponent());
        double top = views.get(TrafficGenerator.SITE + "/") / total;
        double second = views.get(TrafficGenerator.SITE + "/p/2") / total;

        assertThat(top).isCloseTo(zipf.probability(1), within(0.02));
        assertThat(second).isCloseTo(zipf.probability(2), within(0.015));
        assertThat(top / second).isCloseTo(Math.pow(2, SETTINGS.zipfExponent()), within(0.4));
    }

    @Test
    void generate_sessionsVaryInLength_withTheConfiguredMean() {
        Map<Object, Long> lengths = events().stream()
                .filter(e -> !((String) e.get("user_agent")).contains("bot")
                        && !((String) e.get("user_agent")).contains("Headless"))
                .collect(Collectors.groupingBy(e -> e.get("session_id"), Collectors.counting()));
        double mean =
                lengths.values().stream().mapToLong(Long::longValue).average().orElseThrow();

        assertThat(mean).isCloseTo(SETTINGS.meanEventsPerSession(), within(0.8));
        assertThat(lengths.values()).contains(1L).anyMatch(n -> n >= 25);
    }

    @Test
    void generate_botShareAndMalformedShare_withinTolerance() {
        Map<Object, String> agentBySession = new HashMap<>();
        events().forEach(e -> agentBySession.put(e.get("session_id"), (String) e.get("user_agent")));
        double bots = agentBySession.values().stream()
                        .filter(TrafficGenerator.BOTS::contains)
                        .count()
                / (double) agentBySession.size();
        long malformed = LINES.stream().filter(RecordedLine::isMalformed).count();

        assertThat(bots).isCloseTo(SETTINGS.botShare(), within(0.012));
        assertThat(malformed)
                .isEqualTo(Math.round(events().size() * SETTINGS.malformedShare()))
                .isPositive();
    }

    @Test
    void generate_mixesClicksAndCustomEventsWithProperties() {
        Map<Object, Long> types =
                events().stream().collect(Collectors.groupingBy(e -> e.get("event_type"), Collectors.counting()));

        assertThat(types.keySet()).contains("page_view", "click", "add_to_cart", "search", "signup", "video_play");
        assertThat(events().stream().filter(e -> e.get("event_type").equals("click")))
                .allSatisfy(e -> assertThat(e).containsKeys("element_tag", "element_id", "element_text"));
        assertThat(events().stream().filter(e -> e.get("event_type").equals("add_to_cart")))
                .allSatisfy(e -> assertThat(((Map<?, ?>) e.get("properties"))
                                .keySet().stream().map(Object::toString))
                        .contains("sku", "price"));
    }

    @Test
    void generate_keepsEverySessionFreeOfThirtyMinuteGaps() {
        Map<Object, List<Long>> times = LINES.stream()
                .filter(l -> !l.isMalformed())
                .collect(Collectors.groupingBy(
                        RecordedLine::sessionId, Collectors.mapping(RecordedLine::atMs, Collectors.toList())));

        times.values().forEach(t -> {
            for (int i = 1; i < t.size(); i++) {
                assertThat(t.get(i) - t.get(i - 1)).isLessThanOrEqualTo(GeneratorSettings.MAX_GAP_MS);
            }
        });
    }

    @Test
    void recording_whenWrittenAndRead_isTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.ndjson");
        List<RecordedLine> some = LINES.subList(0, 500);

        Recording.write(file, some);

        assertThat(Files.readAllLines(file)).hasSize(500);
        assertThat(Recording.read(file).stream().map(Recording::toLine).toList())
                .isEqualTo(some.stream().map(Recording::toLine).toList());
    }
}
