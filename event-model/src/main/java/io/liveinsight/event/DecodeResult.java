package io.liveinsight.event;

import java.util.List;

/** What became of the bytes of one stream record: its events, or the reason it cannot be read (a poison record). */
public sealed interface DecodeResult {

    record Decoded(List<Event> events) implements DecodeResult {
        public Decoded {
            events = List.copyOf(events);
        }
    }

    record Undecodable(String reason) implements DecodeResult {}
}
