package io.liveinsight.load.replay;

/** Sends one request, once; retrying is the {@link Replayer}'s job. */
@FunctionalInterface
public interface Sender {

    SendResult send(Beacon beacon);
}
