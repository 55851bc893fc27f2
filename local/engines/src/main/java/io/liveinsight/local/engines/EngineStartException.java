package io.liveinsight.local.engines;

/** A local engine did not come up; the message says which and why. */
public final class EngineStartException extends RuntimeException {

    public EngineStartException(String message) {
        super(message);
    }

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
