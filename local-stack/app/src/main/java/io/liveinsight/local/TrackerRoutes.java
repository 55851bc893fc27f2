package io.liveinsight.local;

import com.sun.net.httpserver.HttpHandler;
import java.util.Map;

/** The tracker's routes on the local edge: {@code /tracker.js} and the demo shop at {@code /demo}. */
final class TrackerRoutes {

    private TrackerRoutes() {}

    /** None yet: the tracker module arrives with its issue, and mounts itself here. */
    static Map<String, HttpHandler> create(LocalStackConfig config) {
        return Map.of();
    }
}
