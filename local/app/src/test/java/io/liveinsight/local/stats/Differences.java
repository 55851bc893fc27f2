package io.liveinsight.local.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What an answer got wrong, collected so a failure names every difference at once. */
final class Differences {

    private final String route;
    private final List<String> found = new ArrayList<>();

    Differences(String route) {
        this.route = route;
    }

    void equal(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            found.add(route + " " + what + ": expected " + expected + ", was " + actual);
        }
    }

    void near(String what, double expected, double actual, double tolerance) {
        if (Math.abs(expected - actual) > tolerance) {
            found.add(route + " " + what + ": expected " + expected + " (within " + tolerance + "), was " + actual);
        }
    }

    void add(String difference) {
        found.add(route + " " + difference);
    }

    List<String> list() {
        return List.copyOf(found);
    }
}
