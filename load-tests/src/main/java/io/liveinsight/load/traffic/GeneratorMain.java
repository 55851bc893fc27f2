package io.liveinsight.load.traffic;

import io.liveinsight.load.cli.Args;
import java.nio.file.Path;
import java.util.List;

/** {@code generate --seed 42 --sessions 2000 --duration-s 600 --bots 0.05 --malformed 0.005 --out recording.ndjson}. */
public final class GeneratorMain {

    private GeneratorMain() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        GeneratorSettings defaults = GeneratorSettings.defaults();
        GeneratorSettings settings = defaults.withSeed(args.longValue("seed", defaults.seed()))
                .withSessions(args.intValue("sessions", defaults.sessions()))
                .withDurationMs(args.longValue("duration-s", defaults.durationMs() / 1000) * 1000)
                .withShares(
                        args.doubleValue("bots", defaults.botShare()),
                        args.doubleValue("malformed", defaults.malformedShare()));
        Path out = Path.of(args.value("out", "target/recording.ndjson"));
        List<RecordedLine> lines = TrafficGenerator.generate(settings);
        Recording.write(out, lines);
        long events = lines.stream().filter(l -> !l.isMalformed()).count();
        System.out.printf(
                "wrote %s: %d sessions, %d events, %d malformed requests (seed %d)%n",
                out, settings.sessions(), events, lines.size() - events, settings.seed());
    }
}
