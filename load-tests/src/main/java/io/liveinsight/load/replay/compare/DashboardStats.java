package io.liveinsight.load.replay.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The dashboard's statistics routes (docs/contract/api.md#statistics): one GET, its JSON answer. */
public interface DashboardStats {

    /** {@code route} such as {@code /api/stats/summary}; throws {@link DashboardException} on any non-200. */
    JsonNode get(String route, Map<String, String> query);

    /** The dashboard did not answer 200: the status and its error, as the report shows it. */
    final class DashboardException extends RuntimeException {
        private final int status;

        /** {@code status} 0 when there was no answer. */
        public DashboardException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** A 4xx: asking again gives the same answer. */
        public boolean isFinal() {
            return status >= 400 && status < 500;
        }
    }
}
