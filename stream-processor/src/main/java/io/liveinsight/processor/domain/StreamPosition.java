package io.liveinsight.processor.domain;

import java.util.Objects;

/**
 * A Kinesis sequence number (at most 129 decimal digits), zero-padded so that positions compare as strings exactly
 * as they do as numbers; that is how DynamoDB conditions compare them.
 */
public record StreamPosition(String padded) implements Comparable<StreamPosition> {

    static final int WIDTH = 130;
    public static final StreamPosition NONE = new StreamPosition("0".repeat(WIDTH));

    public StreamPosition {
        Objects.requireNonNull(padded);
        if (padded.length() != WIDTH || !padded.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a padded sequence number: " + padded);
        }
    }

    public static StreamPosition of(String sequenceNumber) {
        if (sequenceNumber.isEmpty()
                || sequenceNumber.length() > WIDTH
                || !sequenceNumber.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a sequence number: " + sequenceNumber);
        }
        return new StreamPosition("0".repeat(WIDTH - sequenceNumber.length()) + sequenceNumber);
    }

    public boolean isAfter(StreamPosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(StreamPosition other) {
        return padded.compareTo(other.padded);
    }
}
