package io.liveinsight.event.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.IndexSchema.Projection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void keyAttributes_whenIndexesRepeatAKey_listEachAttributeOnce() {
        assertThat(Tables.EVENTS.keyAttributes())
                .containsExactly(
                        KeyAttribute.string("event_id"),
                        KeyAttribute.number("timestamp"),
                        KeyAttribute.string("user_id"),
                        KeyAttribute.string("session_id"));
        assertThat(Tables.ACTIVE_SESSIONS.keyAttributes())
                .containsExactly(
                        KeyAttribute.string("session_id"),
                        KeyAttribute.string("site"),
                        KeyAttribute.number("start_time"));
    }

    @Test
    void keyAttributes_whenAnIndexGivesAKeyAnotherType_fail() {
        TableSchema clash = new TableSchema(
                "Clash",
                KeyAttribute.string("id"),
                Optional.empty(),
                List.of(new IndexSchema("ByTime", KeyAttribute.number("id"), KeyAttribute.number("t"), Projection.ALL)),
                Optional.empty(),
                true);

        assertThatThrownBy(clash::keyAttributes).hasMessageContaining("id is both STRING and NUMBER");
    }

    @Test
    void tableNames_whenPrefixed_followTheSchemaSuffixes() {
        assertThat(TableNames.withPrefix("dev-LiveInsight"))
                .isEqualTo(new TableNames(
                        "dev-LiveInsight-Events",
                        "dev-LiveInsight-Sessions",
                        "dev-LiveInsight-ActiveSessions",
                        "dev-LiveInsight-Stats",
                        "dev-LiveInsight-Sites"));
        assertThat(TableNames.defaults().events()).isEqualTo("LiveInsight-Events");
        TableNames own = new TableNames("e", "s", "a", "r", "k");
        assertThat(Tables.all().stream().map(own::of)).containsExactly("e", "s", "a", "r", "k");
    }

    @Test
    void activeSessionsStatsAndSites_expire_onlyActiveSessionsGoWithoutBackups() {
        assertThat(Tables.all())
                .filteredOn(table -> table.timeToLiveAttribute().isPresent())
                .containsExactly(Tables.ACTIVE_SESSIONS, Tables.STATS, Tables.SITES);
        assertThat(Tables.all()).filteredOn(table -> !table.backedUp()).containsExactly(Tables.ACTIVE_SESSIONS);
    }

    @Test
    void stage_whenOutsideThePattern_isRefusedWithTheRule() {
        assertThat(Defaults.checkStage("prod-eu.1")).isEqualTo("prod-eu.1");
        assertThatThrownBy(() -> Defaults.checkStage("a b"))
                .hasMessage("STAGE must match [A-Za-z0-9._-]{1,64}, is a b");
        assertThat(Defaults.stagePrefix("dev")).isEqualTo("dev-LiveInsight");
    }
}
