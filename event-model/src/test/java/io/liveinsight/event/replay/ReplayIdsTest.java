package io.liveinsight.event.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.EventValidator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/contract/replay.md#ids */
class ReplayIdsTest {

    private static final ReplayKey KEY = ReplayKey.of("a-replay-key-of-some-length");

    @Test
    void sameRunAndKey_mapTheSameIdTheSameWay() {
        ReplayIds first = new ReplayIds(KEY, "run-1");
        ReplayIds again = new ReplayIds(ReplayKey.fromSha256Hex(KEY.sha256Hex()), "run-1");
        assertThat(again.sessionId("s1")).isEqualTo(first.sessionId("s1"));
        assertThat(again.eventId("e1")).isEqualTo(first.eventId("e1"));
        assertThat(again.userId("u1")).isEqualTo(first.userId("u1"));
    }

    @Test
    void otherRunOrKindOrKey_mapsElsewhere() {
        ReplayIds one = new ReplayIds(KEY, "run-1");
        ReplayIds two = new ReplayIds(KEY, "run-2");
        ReplayIds otherKey = new ReplayIds(ReplayKey.of("another-replay-key-0123"), "run-1");
        Set<String> ids = new HashSet<>();
        ids.add(one.sessionId("s1"));
        ids.add(one.userId("s1"));
        ids.add(two.sessionId("s1"));
        ids.add(otherKey.sessionId("s1"));
        ids.add(one.sessionId("s2"));
        assertThat(ids).hasSize(5);
        assertThat(one.sessionId("s1")).startsWith("r~run-1~");
    }

    @Test
    void hostileAndLongestIds_mapToValidIds() {
        ReplayIds ids = new ReplayIds(KEY, "r".repeat(ReplayLane.MAX_RUN_CHARS));
        String astral = "\uD83D\uDE00".repeat(128);
        for (String original : new String[] {astral, "~", "a#b|c~d", "<script>alert(1)</script>", "x".repeat(64)}) {
            String eventId = ids.eventId(original);
            assertThat(eventId.length()).isLessThanOrEqualTo(64);
            assertThat(eventId).matches("[A-Za-z0-9_.:-]+");
            assertThat(ids.sessionId(original)
                            .codePointCount(0, ids.sessionId(original).length()))
                    .isLessThanOrEqualTo(128);
        }
    }

    @Test
    void badRun_isRefused() {
        assertThat(ReplayLane.runError("ok-run-9")).isNull();
        for (String bad : new String[] {"", "-x", "Upper", "a b", "a~b", "x".repeat(41)}) {
            assertThat(ReplayLane.runError(bad)).as(bad).isNotNull();
            assertThatThrownBy(() -> new ReplayIds(KEY, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ReplayLane.runError(null)).isNotNull();
    }

    @Test
    void key_matchesOnlyItself_andIsNeverShort() {
        assertThat(KEY.matches("a-replay-key-of-some-length")).isTrue();
        assertThat(KEY.matches("a-replay-key-of-some-lengtH")).isFalse();
        assertThat(KEY.matches(null)).isFalse();
        assertThat(ReplayKey.fromSha256Hex(KEY.sha256Hex()).matches("a-replay-key-of-some-length"))
                .isTrue();
        assertThatThrownBy(() -> ReplayKey.of("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsSite_isApartFromEveryLiveSite() {
        assertThat(ReplayLane.statsSite("default", "run-1")).isEqualTo("default~replay~run-1");
        assertThatThrownBy(() -> ReplayLane.statsSite("default", "Bad")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayRun_isAnEdgeField_soNoClientSetsIt() {
        assertThat(EventValidator.EDGE_FIELDS).contains("replay_run");
    }
}
