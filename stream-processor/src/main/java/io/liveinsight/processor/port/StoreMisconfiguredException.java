package io.liveinsight.processor.port;

/**
 * A store refuses because of how the deployment is set up (access denied, no such table, bad or expired
 * credentials), not because of the data: every write would fail the same way until an operator fixes it. The batch
 * is held (never dead-lettered: the data is good) and health reports the reason.
 */
public final class StoreMisconfiguredException extends StoreUnavailableException {

    private final String table;

    public StoreMisconfiguredException(String table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    public String table() {
        return table;
    }
}
