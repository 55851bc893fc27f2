package io.liveinsight.load;

import io.liveinsight.load.bench.BenchmarkMain;
import io.liveinsight.load.cost.CostMain;
import io.liveinsight.load.replay.ReplayMain;
import io.liveinsight.load.traffic.GeneratorMain;
import java.util.Arrays;

/** One entry point for the module's tools: {@code generate}, {@code replay}, {@code cost}, {@code benchmark}. */
public final class Tools {

    private Tools() {}

    public static void main(String[] argv) throws Exception {
        String tool = argv.length == 0 ? "help" : argv[0];
        String[] rest = argv.length == 0 ? argv : Arrays.copyOfRange(argv, 1, argv.length);
        switch (tool) {
            case "generate" -> GeneratorMain.main(rest);
            case "replay" -> ReplayMain.main(rest);
            case "cost" -> CostMain.main(rest);
            case "benchmark" -> BenchmarkMain.main(rest);
            default -> System.out.println("""
                    tools: generate | replay | cost | benchmark
                      generate --seed 42 --sessions 2000 --duration-s 600 --bots 0.05 --malformed 0.005 --out FILE
                      replay   --in FILE --url http://127.0.0.1:8080 --speed 1|10|0 --concurrency 32
                      cost     [--results load-tests/results/latest.json] [--events-per-second 1000]
                      benchmark (see the module README)""");
        }
    }
}
