package io.liveinsight.load.check;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reads a keyed check makes (docs/contract/tables.md#keys-and-indexes): by key and by index, never a scan, so a
 * check of one replay run costs reads in proportion to what it sent, whatever else the tables hold. Failures are
 * {@link StoredItemsException}s with what could not be read.
 */
public interface StoredItems {

    /** Every Events item with this id (the ledger holds one; more is a duplicate under another time). */
    List<Map<String, AttributeValue>> events(String eventId);

    /** The Sessions item, or null. */
    Map<String, AttributeValue> session(String sessionId);

    /** The ActiveSessions item, or null. */
    Map<String, AttributeValue> activeSession(String sessionId);

    /** The ids of the events stored under a client session id (SessionIndex). */
    List<String> eventIdsOfSession(String sessionId);

    /**
     * The ids of a replay run's Sessions items (Sessions' sparse ReplayIndex, docs/contract/replay.md#where-a-run-shows):
     * how the dashboard finds a run's active sessions, which have no ActiveSessions item.
     */
    List<String> sessionIdsOfRun(String run);

    /** The ids of the Sessions items of a user (Sessions' UserIndex). */
    List<String> sessionIdsOfUser(String userId);

    /** A read that failed, with the table and the store's reason. */
    final class StoredItemsException extends RuntimeException {
        public StoredItemsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
