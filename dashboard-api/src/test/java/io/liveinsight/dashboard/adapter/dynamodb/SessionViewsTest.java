package io.liveinsight.dashboard.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.SessionIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionViewsTest {

    @Test
    void clientSessionId_whenSegmentItem_isItsRootAndOtherwiseItsOwnId() {
        assertThat(SessionViews.clientSessionId(Map.of("session_id", "abc~2", "root_session_id", "abc")))
                .isEqualTo("abc");
        assertThat(SessionViews.clientSessionId(Map.of("session_id", "client~1")))
                .isEqualTo("client~1");
    }

    @Test
    void clientSessionId_whenDerivedIdWithoutRoot_isTheIdsClientId() {
        assertThat(SessionViews.clientSessionId(Map.of("session_id", SessionIds.segmentId("abc", 2))))
                .isEqualTo("abc");
    }

    @Test
    void of_whenFormat1Segment_dropsRootFillsCurrentPageAndAddsClientIdLast() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("session_id", "abc~2");
        item.put("root_session_id", "abc");
        item.put("exit_page", "/cart");
        item.put("last_activity", 5L);

        Map<String, Object> view = SessionViews.of(item);

        assertThat(view)
                .containsExactly(
                        Map.entry("session_id", "abc~2"),
                        Map.entry("exit_page", "/cart"),
                        Map.entry("last_activity", 5L),
                        Map.entry("current_page", "/cart"),
                        Map.entry("client_session_id", "abc"));
    }

    @Test
    void of_whenCurrentPageStoredOrNoExitPage_leavesItAsStored() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("session_id", "s");
        stored.put("exit_page", "/a");
        stored.put("current_page", "/b");

        assertThat(SessionViews.of(stored)).containsEntry("current_page", "/b");
        assertThat(SessionViews.of(Map.of("session_id", "s"))).doesNotContainKey("current_page");
    }
}
