package io.liveinsight.load.replay.send;

/** Whether the Events table holds an event yet (one read by key); false also when the read failed. */
@FunctionalInterface
public interface EventLookup {

    boolean isStored(String eventId);
}
