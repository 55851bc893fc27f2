package io.liveinsight.event;

import java.util.Objects;

/**
 * Why one field of an event was refused: the field's JSON name ({@code page_url}, {@code properties.sku}, or
 * {@code event} for the event as a whole) and a message a developer can act on.
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
