package io.liveinsight.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.UUID;

/**
 * The original LiveInsight's own load test: {@code -Dusers} (100) users, each sending 5 single-event requests 0.1-1 s
 * apart ({@code application/json}, one event per request, as the original client did), users ramped over
 * {@code -DrampS} (10) seconds, or all at once with {@code -DrampS=0} (the original test's start).
 */
public class OriginalPatternSimulation extends Simulation {

    {
        setUp(scenario("original pattern")
                        .exec(session -> session.set("session", "orig-" + UUID.randomUUID())
                                .set("user", "orig-user-" + UUID.randomUUID()))
                        .repeat(5, "n")
                        .on(exec(http("POST /events (one event)")
                                        .post("/events")
                                        .header("Content-Type", "application/json")
                                        .body(StringBody("{\"user_id\":\"#{user}\",\"session_id\":\"#{session}\","
                                                + "\"event_type\":\"page_view\","
                                                + "\"page_url\":\"https://shop.example.com/p/#{n}\"}"))
                                        .check(status().is(200)))
                                .pause(Duration.ofMillis(100), Duration.ofMillis(1_000)))
                        .injectOpen(users()))
                .protocols(Knobs.http())
                .assertions(Knobs.assertions());
    }

    /** {@code -DrampS=0}: every user starts at once, as the original test started them. */
    private static OpenInjectionStep users() {
        int users = Knobs.integer("users", 100);
        int rampS = Knobs.integer("rampS", 10);
        return rampS == 0 ? atOnceUsers(users) : rampUsers(users).during(Duration.ofSeconds(rampS));
    }
}
