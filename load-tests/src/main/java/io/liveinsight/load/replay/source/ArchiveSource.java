package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.archive.ArchiveLayout;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An archive (a folder or an S3 prefix, {@link ArchiveStore}) as requests: the objects of the partitions the range may
 * hold (listed partition by partition when the range is bounded, {@link TimeRange#partitions}; objects outside the
 * {@code dt=/hour=} layout, such as Firehose's {@code errors/}, are counted and ignored), each gzip NDJSON
 * stream records a line ({@link StreamRecordLine}), their events selected by {@code received_at}. A truncated or
 * corrupt object keeps the lines read before the damage and is reported; a line that is not a record is skipped.
 */
public final class ArchiveSource implements ReplaySource {

    private final ArchiveStore store;
    private final TimeRange range;

    public ArchiveSource(ArchiveStore store, TimeRange range) {
        this.store = store;
        this.range = range;
    }

    @Override
    public SourceRead read() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        List<String> partitions = range.partitions();
        if (partitions.isEmpty()) {
            names.addAll(store.list(""));
        } else {
            for (String partition : partitions) {
                names.addAll(store.list(partition));
            }
        }
        List<TimedRequest> requests = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int files = 0;
        int outside = 0;
        for (String name : names) {
            if (ArchiveLayout.hourOf(name).isEmpty()) {
                outside++; // Firehose's errors/ prefix, or anything else not laid out as the archive
                continue;
            }
            if (!range.mayHold(name)) {
                continue;
            }
            files++;
            readObject(name, requests, skipped);
        }
        return new SourceRead(
                "archive " + store.describe() + " (" + files + " files" + describeRange()
                        + (outside == 0 ? "" : ", " + outside + " outside the dt=/hour= layout ignored") + ")",
                requests,
                skipped);
    }

    private void readObject(String name, List<TimedRequest> requests, List<Skipped> skipped) throws IOException {
        long lines = 0;
        try (InputStream raw = store.open(name);
                InputStream in = new BufferedInputStream(new GZIPInputStream(new BufferedInputStream(raw), 65536))) {
            ByteLines reader = new ByteLines(in);
            for (ByteLines.Line line = reader.next(); line != null; line = reader.next()) {
                lines = line.number();
                Origin origin = new Origin(name, line.number());
                if (line.problem() != null) {
                    skipped.add(Skipped.at(origin, line.problem()));
                    continue;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                JsonNode json = ReplayJson.parse(line.text());
                if (json == null) {
                    skipped.add(Skipped.at(origin, ReplayJson.whyNot(line.text())));
                } else if (!StreamRecordLine.looksLikeRecord(json)) {
                    skipped.add(Skipped.at(origin, "not a stream record ({\"v\":1,\"events\":[...]})"));
                } else {
                    TimedRequest request = StreamRecordLine.read(json, origin, skipped::add);
                    if (request != null) {
                        requests.add(selected(request, origin));
                    }
                }
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            skipped.add(new Skipped(
                    name + ":" + (lines + 1),
                    "truncated or corrupt gzip (" + e.getMessage() + "): the " + lines + " lines before it are kept"));
        }
        requests.removeIf(r -> r.events().isEmpty());
    }

    private TimedRequest selected(TimedRequest request, Origin origin) {
        if (range.isAll()) {
            return request;
        }
        return new TimedRequest(
                request.receivedAtMs(),
                origin,
                request.events().stream()
                        .filter(e -> range.contains(receivedAt(e, request.receivedAtMs())))
                        .toList());
    }

    private static long receivedAt(JsonNode event, long fallback) {
        JsonNode received = event.get("received_at");
        return received != null && received.isIntegralNumber() && received.canConvertToLong()
                ? received.longValue()
                : fallback;
    }

    private String describeRange() {
        if (range.isAll()) {
            return "";
        }
        return ", received " + (range.from() == null ? "..." : range.from()) + " to "
                + (range.to() == null ? "..." : range.to());
    }
}
