package io.liveinsight.processor.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.processor.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShardProgressTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    private final ManualClock clock = new ManualClock(T0);
    private final ShardProgress progress = new ShardProgress(clock, STUCK_AFTER);

    @Test
    void snapshot_whenNoShard_isAllZero() {
        ShardProgress.Snapshot snapshot = progress.snapshot();

        assertThat(snapshot.maxMillisBehindLatest()).isZero();
        assertThat(snapshot.oldestUnstoredBatchAge()).isZero();
        assertThat(snapshot.oldestUnstoredRecordAge()).isZero();
        assertThat(snapshot.stuckShards()).isEmpty();
    }

    @Test
    void maxMillisBehindLatest_whenShardsReportInTurn_isTheLargestNotTheLastWriter() {
        ShardProgress.Shard a = progress.open("shardId-a");
        ShardProgress.Shard b = progress.open("shardId-b");

        a.received(90_000L, null);
        a.advanced();
        b.received(10L, null);
        b.advanced();

        assertThat(progress.snapshot().maxMillisBehindLatest()).isEqualTo(90_000);

        a.received(null, null); // KCL said nothing this time: the last figure stands
        assertThat(progress.snapshot().maxMillisBehindLatest()).isEqualTo(90_000);

        a.received(5L, null);
        assertThat(progress.snapshot().maxMillisBehindLatest()).isEqualTo(10);
    }

    @Test
    void oldestUnstoredBatchAge_whenABatchWaits_growsWithTheClockUntilStored() {
        ShardProgress.Shard a = progress.open("shardId-a");
        ShardProgress.Shard b = progress.open("shardId-b");
        a.received(0L, T0.minusSeconds(30));
        clock.advance(Duration.ofSeconds(5));
        b.received(0L, T0.minusSeconds(1));
        clock.advance(Duration.ofSeconds(10));

        ShardProgress.Snapshot waiting = progress.snapshot();
        assertThat(waiting.oldestUnstoredBatchAge()).isEqualTo(Duration.ofSeconds(15));
        assertThat(waiting.oldestUnstoredRecordAge()).isEqualTo(Duration.ofSeconds(45));
        assertThat(waiting.stuckShards()).isEmpty();

        a.advanced();
        assertThat(progress.snapshot().oldestUnstoredBatchAge()).isEqualTo(Duration.ofSeconds(10));
        b.advanced();
        assertThat(progress.snapshot().oldestUnstoredBatchAge()).isZero();
        assertThat(progress.snapshot().oldestUnstoredRecordAge()).isZero();
    }

    @Test
    void stuckShards_whenABatchWaitsForTheThreshold_nameTheShardUntilItAdvances() {
        ShardProgress.Shard a = progress.open("shardId-a");
        ShardProgress.Shard b = progress.open("shardId-b");
        a.received(0L, null);
        b.received(0L, null);
        b.advanced();
        clock.advance(STUCK_AFTER.minusMillis(1));

        assertThat(progress.snapshot().stuckShards()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(progress.snapshot().stuckShards()).containsExactly("shardId-a");
        assertThat(progress.snapshot().oldestUnstoredBatchAge()).isEqualTo(STUCK_AFTER);

        a.advanced();
        assertThat(progress.snapshot().stuckShards()).isEmpty();
    }

    @Test
    void stuckShards_whenIdleLongAndThenABatchArrives_countFromItsArrivalNotFromTheLastAdvance() {
        ShardProgress.Shard a = progress.open("shardId-a");
        a.received(0L, null);
        a.advanced();
        clock.advance(Duration.ofMinutes(10)); // idle: nothing waits

        assertThat(progress.snapshot().stuckShards()).isEmpty();
        a.received(0L, null);
        clock.advance(Duration.ofSeconds(1));

        assertThat(progress.snapshot().stuckShards()).isEmpty();
        assertThat(progress.snapshot().oldestUnstoredBatchAge()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void received_whenAnEarlierBatchWasLeftUnstored_keepsTheEarlierWaitAndOldestRecord() {
        ShardProgress.Shard a = progress.open("shardId-a");
        a.received(0L, T0.minusSeconds(20));
        clock.advance(Duration.ofSeconds(40));

        a.received(0L, T0.plusSeconds(39));
        clock.advance(Duration.ofSeconds(20));

        ShardProgress.Snapshot snapshot = progress.snapshot();
        assertThat(snapshot.oldestUnstoredBatchAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(snapshot.oldestUnstoredRecordAge()).isEqualTo(Duration.ofSeconds(80));
        assertThat(snapshot.stuckShards()).containsExactly("shardId-a");
    }

    @Test
    void close_whenTheLeaseGoes_forgetsTheShardButNotItsSuccessor() {
        ShardProgress.Shard old = progress.open("shardId-a");
        old.received(70_000L, null);
        clock.advance(Duration.ofMinutes(2));
        assertThat(progress.snapshot().stuckShards()).containsExactly("shardId-a");

        old.close();
        assertThat(progress.snapshot())
                .isEqualTo(new ShardProgress.Snapshot(0, Duration.ZERO, Duration.ZERO, java.util.List.of()));

        ShardProgress.Shard successor = progress.open("shardId-a");
        successor.received(3L, null);
        old.close(); // a late call of the old processor leaves the new one alone
        assertThat(progress.snapshot().maxMillisBehindLatest()).isEqualTo(3);
    }

    @Test
    void stuckShards_whenSeveral_areSorted() {
        for (String id : new String[] {"shardId-c", "shardId-a", "shardId-b"}) {
            progress.open(id).received(0L, null);
        }
        clock.advance(STUCK_AFTER);

        assertThat(progress.snapshot().stuckShards()).containsExactly("shardId-a", "shardId-b", "shardId-c");
    }

    @Test
    void snapshot_whenTheRecordsClockIsAhead_neverGivesANegativeAge() {
        progress.open("shardId-a").received(0L, T0.plusSeconds(5));

        assertThat(progress.snapshot().oldestUnstoredRecordAge()).isZero();
    }

    @Test
    void create_whenThresholdIsNotPositive_fails() {
        assertThatThrownBy(() -> new ShardProgress(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
