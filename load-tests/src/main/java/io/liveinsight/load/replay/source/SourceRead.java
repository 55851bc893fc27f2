package io.liveinsight.load.replay.source;

import java.util.List;

/**
 * What a source yielded: the requests in the order read, and what it skipped with the reason.
 *
 * @param description what was read, for the report ({@code archive /data/archive, 3 files})
 */
public record SourceRead(String description, List<TimedRequest> requests, List<Skipped> skipped) {

    public SourceRead {
        requests = List.copyOf(requests);
        skipped = List.copyOf(skipped);
    }

    public long events() {
        return requests.stream().mapToLong(r -> r.events().size()).sum();
    }
}
