package io.liveinsight.event;

import java.util.List;

/**
 * The data of one Kinesis record: the events of one session from one request, {@code {"v":1,"events":[...]}}.
 * Partition key is the session id, so one beacon of one session is one record.
 */
public record StreamRecord(int v, List<Event> events) {

    public static final int CURRENT_VERSION = 1;

    public StreamRecord {
        events = List.copyOf(events);
    }

    public static StreamRecord of(List<Event> events) {
        return new StreamRecord(CURRENT_VERSION, events);
    }
}
