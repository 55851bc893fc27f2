package io.liveinsight.processor.port;

/** A store could not complete a write now (throttled, down, timed out). Repeating the call is safe. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
