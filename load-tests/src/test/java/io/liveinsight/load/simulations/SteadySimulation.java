package io.liveinsight.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/** Steady traffic: {@code -Drps} tracker beacons a second (about 4.5 events each) for {@code -DdurationS} seconds. */
public class SteadySimulation extends Simulation {

    static ScenarioBuilder beacons(String name, long seed) {
        return scenario(name)
                .feed(Beacons.endless(seed))
                .exec(http("POST /events (beacon)")
                        .post("/events")
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .body(StringBody("#{body}"))
                        .check(status().is(200), jsonPath("$.accepted").ofInt().isEL("#{events}")));
    }

    {
        setUp(beacons("steady", 1_000)
                        .injectOpen(constantUsersPerSec(Knobs.number("rps", 50))
                                .during(Duration.ofSeconds(Knobs.integer("durationS", 60)))))
                .protocols(Knobs.http())
                .assertions(Knobs.assertions());
    }
}
