package io.liveinsight.ingest.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.port.EventPublisher;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Realistic tracker beacons for benchmarks, and a publisher that does all but the network call. */
final class BenchmarkRequests {

    private BenchmarkRequests() {}

    /** A tracker beacon of {@code events} events of one session, as API Gateway passes it. */
    static APIGatewayProxyRequestEvent beacon(int events) {
        long now = System.currentTimeMillis();
        StringJoiner body = new StringJoiner(",", "[", "]");
        for (int i = 0; i < events; i++) {
            body.add("""
                    {"event_id":"0193b2c4-5d6e-7f80-9a1b-2c3d4e5f%04d","user_id":"u-5f2a9c","session_id":"s-8e1d7b3a",\
                    "event_type":"%s","timestamp":%d,"page_url":"https://shop.example.com/products/espresso-grinder-%d",\
                    "referrer":"https://www.google.com/","element_tag":"button","element_id":"add-to-cart",\
                    "element_text":"Add to cart","properties":{"sku":"EG-%d","price":249.0,"currency":"EUR","qty":1},\
                    "viewport":"1440x900"}""".formatted(i, i % 3 == 0 ? "page_view" : "click", now - 1_000 + i, i, i));
        }
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/events")
                .withHeaders(Map.of(
                        "Content-Type",
                        "text/plain;charset=UTF-8",
                        "User-Agent",
                        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
                        "Origin",
                        "https://shop.example.com",
                        "X-Forwarded-For",
                        "203.0.113.195",
                        "Host",
                        "abc123.execute-api.eu-west-1.amazonaws.com"))
                .withBody(body.toString())
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("203.0.113.195")));
    }

    /** Packs the records exactly as the Kinesis publisher does, then stops short of the network. */
    static EventPublisher packingPublisher() {
        RecordPacker packer = new RecordPacker(new EventCodec());
        return new EventPublisher() {
            @Override
            public PublishResult publish(List<Event> events) {
                return new PublishResult.Stored(packer.pack(events).size(), 0);
            }

            @Override
            public boolean isHealthy() {
                return true;
            }
        };
    }
}
