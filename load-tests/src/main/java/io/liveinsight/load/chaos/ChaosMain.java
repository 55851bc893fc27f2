package io.liveinsight.load.chaos;

import io.liveinsight.load.Args;

/**
 * {@code ./mvnw -B -q -pl load-tests -am -Pchaos verify -DskipTests}: the chaos run from the command line. Prints the
 * faults table, writes {@code load-tests/results/chaos-latest.{md,json}}, exits 1 unless nothing was lost, duplicated
 * or wrong.
 */
public final class ChaosMain {

    static final String COMMAND = "./mvnw -B -q -pl load-tests -am -Pchaos verify -DskipTests";

    private ChaosMain() {}

    public static void main(String[] argv) throws Exception {
        ChaosSettings settings = ChaosSettings.from(Args.parse(argv));
        long start = System.nanoTime();
        ChaosResult result = new ChaosRun(settings, System.out).run();
        String command = COMMAND + (settings.label().equals("short") ? " -Dchaos.args=--short" : "");
        System.out.println();
        System.out.println(ChaosReport.markdown(result, command));
        System.out.printf("whole run: %.1f min%n", (System.nanoTime() - start) / 60e9);
        if (settings.resultsDir() != null) {
            System.out.println("written to " + ChaosReport.write(result, command, settings.resultsDir()));
        }
        System.exit(result.passed() ? 0 : 1);
    }
}
