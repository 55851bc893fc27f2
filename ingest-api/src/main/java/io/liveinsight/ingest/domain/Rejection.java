package io.liveinsight.ingest.domain;

import io.liveinsight.event.FieldError;
import java.util.List;

/** One refused event of a request: its position in the body and every rule it broke. */
public record Rejection(int index, List<FieldError> errors) {

    public Rejection {
        errors = List.copyOf(errors);
    }
}
