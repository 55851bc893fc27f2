package io.liveinsight.local;

import com.sun.net.httpserver.HttpHandler;
import io.liveinsight.local.tracker.TrackerAssets;
import java.util.Map;

/** The tracker's routes on the local edge: {@code /tracker.js} and the demo shop at {@code /demo}. */
final class TrackerRoutes {

    private TrackerRoutes() {}

    /** Served from the tracker module's jar (see {@link TrackerAssets}); the same on every configuration. */
    static Map<String, HttpHandler> create(LocalConfig config) {
        return TrackerAssets.routes();
    }
}
