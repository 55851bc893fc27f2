package io.liveinsight.load.replay.report;

import io.liveinsight.load.check.Problems;
import java.util.List;

/** How many of a kind, and the first 20 described. */
public record Counted(long count, List<String> first) {

    public static final Counted NONE = new Counted(0, List.of());

    public Counted {
        first = List.copyOf(first);
    }

    public static Counted of(Problems problems) {
        return new Counted(problems.count(), problems.first());
    }

    public Counted plus(Counted other) {
        List<String> both = new java.util.ArrayList<>(first);
        other.first.stream().limit(Math.max(0, Problems.KEPT - both.size())).forEach(both::add);
        return new Counted(count + other.count, both);
    }
}
