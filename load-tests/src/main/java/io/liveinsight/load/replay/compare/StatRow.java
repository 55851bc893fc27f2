package io.liveinsight.load.replay.compare;

/**
 * One statistic compared: what the distinct events sent give and what the dashboard answered ({@code got} null when
 * it could not be read).
 */
public record StatRow(String name, long expected, Long got, boolean ok, String note) {}
