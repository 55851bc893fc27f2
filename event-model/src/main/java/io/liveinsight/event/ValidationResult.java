package io.liveinsight.event;

import java.util.List;

/** What validation made of one event: the event, or every rule it breaks (never an exception). */
public sealed interface ValidationResult {

    record Valid(ClientEvent event) implements ValidationResult {}

    record Invalid(List<FieldError> errors) implements ValidationResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid event has at least one error");
            }
        }
    }
}
