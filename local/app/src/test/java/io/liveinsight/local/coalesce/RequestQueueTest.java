package io.liveinsight.local.coalesce;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.kinesis.PutRecordsSplitter;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker.PackedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rounds fit one PutRecords call (500 records, 5 MiB) and take requests whole, oldest first. */
@Timeout(30)
class RequestQueueTest {

    private static Waiter request(int records, int dataBytes) {
        List<PackedRecord> list = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            list.add(new PackedRecord("k" + i, new byte[dataBytes], 1));
        }
        return new Waiter(list, Instant.EPOCH);
    }

    private static List<Integer> sizes(List<Waiter> round) {
        return round.stream().map(w -> w.records.size()).toList();
    }

    @Test
    void takeRound_whenRequestsExceed500Records_endsTheRoundBeforeTheRequestThatWouldPassIt() throws Exception {
        RequestQueue queue = new RequestQueue(10_000, 1L << 30);
        queue.offer(request(200, 10));
        queue.offer(request(250, 10));
        queue.offer(request(60, 10));
        queue.offer(request(40, 10));

        assertThat(sizes(queue.takeRound())).containsExactly(200, 250);
        assertThat(sizes(queue.takeRound())).containsExactly(60, 40);
    }

    @Test
    void takeRound_whenRequestsExceed5MiB_endsTheRoundThere() throws Exception {
        RequestQueue queue = new RequestQueue(10_000, 1L << 30);
        int nearlyOneMiB = PutRecordsSplitter.MAX_RECORD_BYTES - 10;
        queue.offer(request(2, nearlyOneMiB));
        queue.offer(request(2, nearlyOneMiB));
        queue.offer(request(2, nearlyOneMiB));

        assertThat(sizes(queue.takeRound())).containsExactly(2, 2);
        assertThat(sizes(queue.takeRound())).containsExactly(2);
    }

    @Test
    void takeRound_whenOneRequestIsOverOneCall_takesItAlone() throws Exception {
        RequestQueue queue = new RequestQueue(1_000, 1L << 30);
        assertThat(queue.offer(request(600, 10))).isEqualTo(RequestQueue.Admission.QUEUED);
        assertThat(queue.offer(request(1, 10))).isEqualTo(RequestQueue.Admission.QUEUED);

        assertThat(sizes(queue.takeRound())).containsExactly(600);
        assertThat(sizes(queue.takeRound())).containsExactly(1);
    }

    @Test
    void offer_countsOnlyWhatWaits_soATakenRoundFreesItsRoom() throws Exception {
        RequestQueue queue = new RequestQueue(3, 1L << 30);
        assertThat(queue.offer(request(2, 10))).isEqualTo(RequestQueue.Admission.QUEUED);
        assertThat(queue.offer(request(2, 10))).isEqualTo(RequestQueue.Admission.FULL);

        queue.takeRound();

        assertThat(queue.offer(request(2, 10))).isEqualTo(RequestQueue.Admission.QUEUED);
    }

    @Test
    void abandon_whenStillWaiting_removesItAndItsRecords_butNotOnceTaken() throws Exception {
        RequestQueue queue = new RequestQueue(3, 1L << 30);
        Waiter first = request(1, 10);
        Waiter second = request(2, 10);
        queue.offer(first);
        queue.offer(second);

        assertThat(queue.abandon(second)).isTrue();
        assertThat(queue.offer(request(2, 10))).isEqualTo(RequestQueue.Admission.QUEUED);
        assertThat(queue.takeRound()).first().isSameAs(first);
        assertThat(queue.abandon(first)).isFalse();
    }

    @Test
    void close_returnsTheWaitingAndRefusesLaterOffers() {
        RequestQueue queue = new RequestQueue(10, 1L << 30);
        Waiter waiting = request(1, 10);
        queue.offer(waiting);

        assertThat(queue.close()).containsExactly(waiting);
        assertThat(queue.offer(request(1, 10))).isEqualTo(RequestQueue.Admission.CLOSED);
    }
}
