package io.liveinsight.load.replay.plan;

/**
 * A recorded event not sent because the edge would refuse it (docs/contract/events.md#validation-errors): where it was
 * read, its id when it has one, and every broken rule as {@code field: message}.
 */
public record Refused(String where, String eventId, String reasons) {}
