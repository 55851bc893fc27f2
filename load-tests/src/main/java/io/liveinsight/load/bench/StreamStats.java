package io.liveinsight.load.bench;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.EventCodec;
import io.liveinsight.load.check.StreamReader;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Reads the whole stream once from its start: records, data bytes and events (the records decoded). */
record StreamStats(long records, long bytes, long events, long undecodable) {

    static StreamStats read(KinesisClient kinesis, String stream) throws InterruptedException {
        EventCodec codec = new EventCodec();
        long[] totals = new long[4]; // records, bytes, events, undecodable
        StreamReader.forEachRecord(kinesis, stream, record -> {
            byte[] data = record.data().asByteArrayUnsafe();
            totals[0]++;
            totals[1] += data.length;
            if (codec.decode(data) instanceof DecodeResult.Decoded decoded) {
                totals[2] += decoded.events().size();
            } else {
                totals[3]++;
            }
        });
        return new StreamStats(totals[0], totals[1], totals[2], totals[3]);
    }
}
