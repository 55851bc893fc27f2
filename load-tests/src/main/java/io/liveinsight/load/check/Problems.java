package io.liveinsight.load.check;

import java.util.ArrayList;
import java.util.List;

/** A kind of problem found: how many, and the first {@link #KEPT} described (thread-safe). */
public final class Problems {

    public static final int KEPT = 20;

    private long count;
    private final List<String> first = new ArrayList<>();

    public synchronized void add(String description) {
        count++;
        if (first.size() < KEPT) {
            first.add(description);
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<String> first() {
        return List.copyOf(first);
    }
}
