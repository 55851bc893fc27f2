package io.liveinsight.dashboard.port;

/** A table did not answer (throttled, unreachable, missing): the API says 503 and the page retries. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
