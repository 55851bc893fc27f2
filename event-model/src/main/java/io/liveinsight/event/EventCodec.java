package io.liveinsight.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON for events and stream records; thread-safe, build once and share. */
public final class EventCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Absent fields are left out, but a property whose value is null stays (docs/contract/events.md#properties
            // allows null values).
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] encode(StreamRecord streamRecord) {
        try {
            return mapper.writeValueAsBytes(streamRecord);
        } catch (JsonProcessingException e) {
            // Only our own records are encoded here; failing means a programming error, not bad input.
            throw new UncheckedIOException(e);
        }
    }

    public byte[] encode(List<Event> events) {
        return encode(StreamRecord.of(events));
    }

    /** Never throws: bytes that are not a stream record of a known version come back as {@link DecodeResult.Undecodable}. */
    public DecodeResult decode(byte[] data) {
        StreamRecord decoded;
        try {
            decoded = mapper.readValue(data, StreamRecord.class);
        } catch (IOException | RuntimeException e) {
            return new DecodeResult.Undecodable(
                    "not a stream record: " + e.getClass().getSimpleName());
        }
        if (decoded == null || decoded.v() != StreamRecord.CURRENT_VERSION) {
            return new DecodeResult.Undecodable("unknown record version");
        }
        return new DecodeResult.Decoded(decoded.events());
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
