package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.event.SessionIds;
import io.liveinsight.event.contract.ItemAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Sessions item (its public attributes, as JSON-ready values) as the port's session view: storage formats read
 * here, and nowhere else. {@code root_session_id} tells a format-1 later segment's client id and is dropped;
 * {@code current_page}, which the processor leaves out when it equals {@code exit_page}, is filled in; and the
 * client's session id is added ({@link DashboardStore#CLIENT_SESSION_ID}).
 */
public final class SessionViews {

    private SessionViews() {}

    public static Map<String, Object> of(Map<String, Object> item) {
        Map<String, Object> view = new LinkedHashMap<>(item);
        view.remove(ItemAttributes.ROOT_SESSION_ID);
        if (!view.containsKey(ItemAttributes.CURRENT_PAGE) && view.get(ItemAttributes.EXIT_PAGE) != null) {
            view.put(ItemAttributes.CURRENT_PAGE, view.get(ItemAttributes.EXIT_PAGE));
        }
        view.put(DashboardStore.CLIENT_SESSION_ID, clientSessionId(item));
        return view;
    }

    /**
     * The client's session id of a Sessions item, the key its events are stored under: a later segment (a derived
     * id, longer than any client id: {@link SessionIds}) names it in {@code root_session_id} (format 1), and its id
     * gives it back too; a client's own id is its own, whatever characters it holds.
     */
    static String clientSessionId(Map<String, Object> item) {
        return item.get(ItemAttributes.ROOT_SESSION_ID) instanceof String root
                ? root
                : SessionIds.clientSessionId(String.valueOf(item.get(ItemAttributes.SESSION_ID)));
    }
}
