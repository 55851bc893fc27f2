package io.liveinsight.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.port.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventIngestorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String BROWSER = "Mozilla/5.0 (Macintosh) Safari/605.1.15";

    /** In-memory publisher: stores what it is given, or refuses everything. */
    static final class FakePublisher implements EventPublisher {
        final List<Event> published = new ArrayList<>();
        boolean refuse;

        @Override
        public PublishResult publish(List<Event> events) {
            if (refuse) {
                return new PublishResult.Refused("test");
            }
            published.addAll(events);
            return new PublishResult.Stored(events.size());
        }

        @Override
        public boolean isHealthy() {
            return !refuse;
        }
    }

    private final FakePublisher publisher = new FakePublisher();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EventIngestor ingestor =
            new EventIngestor(publisher, new EventCodec().mapper(), clock, new Ids(clock, new Random(7)));

    private IngestResponse post(String body) {
        return ingestor.ingest(new IngestRequest(
                body, Map.of("user-agent", BROWSER, "x-forwarded-for", "203.0.113.77, 10.0.0.1"), "10.0.0.1"));
    }

    @Test
    void ingest_whenSingleEvent_answersOriginalShapeAndPublishesIt() {
        IngestResponse response = post("""
                {"user_id":"u1","session_id":"s1","event_type":"page_view","page_url":"https://example.com/"}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .containsEntry("message", "Event processed successfully")
                .containsEntry("session_id", "s1")
                .containsEntry("accepted", 1)
                .containsEntry("rejected", List.of());
        Event event = publisher.published.get(0);
        assertThat(response.body()).containsEntry("event_id", event.eventId());
        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.receivedAt()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.userAgent()).isEqualTo(BROWSER);
        assertThat(event.ip()).isEqualTo("203.0.113.0");
        assertThat(event.isBot()).isFalse();
    }

    @Test
    void ingest_whenIdsMissing_mintsThemAndOneSessionPerRequest() {
        IngestResponse response = post("[{\"page_url\":\"/a\"},{\"page_url\":\"/b\",\"event_type\":\"click\"}]");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 2).doesNotContainKey("message");
        Event first = publisher.published.get(0);
        Event second = publisher.published.get(1);
        assertThat(first.eventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(first.userId()).startsWith("anon-");
        assertThat(first.eventType()).isEqualTo("page_view");
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(response.body().get("event_ids")).isEqualTo(List.of(first.eventId(), second.eventId()));
    }

    @Test
    void ingest_whenEventsEnvelope_acceptsIt() {
        IngestResponse response = post("{\"events\":[{\"session_id\":\"s\"},{\"session_id\":\"s\"}]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void ingest_whenClientClockFarOff_replacesTimeAndFlagsSkew() {
        long dayAndABitAgo = NOW.toEpochMilli() - 25 * 3_600_000L;
        post("{\"session_id\":\"s\",\"timestamp\":" + dayAndABitAgo + "}");
        post("{\"session_id\":\"s\",\"timestamp\":" + (NOW.toEpochMilli() - 60_000) + "}");

        assertThat(publisher.published.get(0).timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(publisher.published.get(0).clockSkew()).isTrue();
        assertThat(publisher.published.get(1).timestamp()).isEqualTo(NOW.toEpochMilli() - 60_000);
        assertThat(publisher.published.get(1).clockSkew()).isFalse();
    }

    @Test
    void ingest_whenMalformedJson_answers400AndPublishesNothing() {
        IngestResponse response = post("{\"user_id\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsEntry("error", "malformed JSON");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void ingest_whenStreamRefuses_answers503WithRetryAfter() {
        publisher.refuse = true;

        IngestResponse response = post("{\"session_id\":\"s\"}");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "1");
        assertThat(response.body()).containsKey("error").doesNotContainKey("event_id");
    }
}
