package io.liveinsight.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A burst: {@code -DbaseRps} beacons a second for {@code -DbeforeS}, {@code -DburstFactor} (10) times that for
 * {@code -DburstS} (60), then the base rate again for {@code -DafterS}. The end-to-end benchmark checks what the
 * consumer made of it (nothing lost, lag back under 5 s); this measures the edge.
 */
public class BurstSimulation extends Simulation {

    {
        double base = Knobs.number("baseRps", 20);
        setUp(SteadySimulation.beacons("burst", 2_000)
                        .injectOpen(
                                constantUsersPerSec(base).during(Duration.ofSeconds(Knobs.integer("beforeS", 20))),
                                constantUsersPerSec(base * Knobs.number("burstFactor", 10))
                                        .during(Duration.ofSeconds(Knobs.integer("burstS", 60))),
                                constantUsersPerSec(base).during(Duration.ofSeconds(Knobs.integer("afterS", 60)))))
                .protocols(Knobs.http())
                .assertions(Knobs.assertions());
    }
}
