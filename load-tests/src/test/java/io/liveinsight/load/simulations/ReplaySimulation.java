package io.liveinsight.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import io.liveinsight.load.replay.Beacon;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Replays recorded traffic at its pacing ({@code -Dspeed}, 10 by default): one virtual user per tracker request, each
 * waiting for its due time. Malformed requests from the recording are expected to get 400; everything else 200.
 */
public class ReplaySimulation extends Simulation {

    private static final List<Beacon> PLAN = Beacons.replayPlan();
    private static volatile long started;

    @Override
    public void before() {
        started = System.currentTimeMillis();
    }

    {
        Iterator<Beacon> beacons = PLAN.iterator();
        Iterator<Map<String, Object>> feeder = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return beacons.hasNext();
            }

            @Override
            public synchronized Map<String, Object> next() {
                Beacon beacon = beacons.next();
                return Map.of(
                        "body", beacon.body(),
                        "dueMs", beacon.sendAtMs(),
                        "expectedStatus", beacon.isMalformed() ? 400 : 200);
            }
        };
        setUp(scenario("replay")
                        .feed(feeder)
                        .pause(session -> Duration.ofMillis(
                                Math.max(0, session.getLong("dueMs") - (System.currentTimeMillis() - started))))
                        .exec(http("POST /events (recorded)")
                                .post("/events")
                                .header("Content-Type", "text/plain;charset=UTF-8")
                                .body(StringBody("#{body}"))
                                .check(status().is(session -> session.getInt("expectedStatus"))))
                        .injectOpen(atOnceUsers(PLAN.size())))
                .protocols(Knobs.http())
                .assertions(Knobs.assertions());
    }
}
