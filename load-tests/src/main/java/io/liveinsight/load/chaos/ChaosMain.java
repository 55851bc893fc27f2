package io.liveinsight.load.chaos;

import io.liveinsight.load.cli.Args;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mvnw -B -q -pl load-tests -am -Pchaos verify -DskipTests}: the chaos run from the command line. Prints the
 * faults table, writes {@code load-tests/results/chaos-latest.{md,json}}, exits 1 unless nothing was lost, duplicated
 * or wrong.
 */
public final class ChaosMain {

    static final String COMMAND = "./mvnw -B -q -pl load-tests -am -Pchaos verify -DskipTests";

    private ChaosMain() {}

    /** The options given, as {@code -Dchaos.args} takes them (the build's own --jar, --results, --logs left out). */
    static String chaosArgs(String[] argv) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            boolean own = argv[i].equals("--jar") || argv[i].equals("--results") || argv[i].equals("--logs");
            boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
            if (own) {
                i += hasValue ? 1 : 0;
                continue;
            }
            kept.add(argv[i]);
        }
        return String.join(" ", kept);
    }

    public static void main(String[] argv) throws Exception {
        ChaosSettings settings = ChaosSettings.from(Args.parse(argv));
        long start = System.nanoTime();
        ChaosResult result = new ChaosRun(settings, System.out).run();
        String options = chaosArgs(argv);
        String command = COMMAND + (options.isEmpty() ? "" : " -Dchaos.args=\"" + options + "\"");
        System.out.println();
        System.out.println(ChaosReport.markdown(result, command));
        System.out.printf("whole run: %.1f min%n", (System.nanoTime() - start) / 60e9);
        if (settings.resultsDir() != null) {
            System.out.println("written to " + ChaosReport.write(result, command, settings.resultsDir()));
        }
        System.exit(result.passed() ? 0 : 1);
    }
}
