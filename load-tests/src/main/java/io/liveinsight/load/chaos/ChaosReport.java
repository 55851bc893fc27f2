package io.liveinsight.load.chaos;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.load.check.TableCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** The faults table and the verdict, as Markdown for people and JSON for tools. */
final class ChaosReport {

    private ChaosReport() {}

    static String markdown(ChaosResult r, String command) {
        StringBuilder out = new StringBuilder();
        out.append("# Chaos run (").append(r.label()).append("): ").append(r.passed() ? "PASSED" : "FAILED");
        if (!r.notRun().isEmpty()) {
            out.append(" (NOT RUN: ").append(String.join(", ", r.notRun())).append(')');
        }
        out.append("\n\n").append(Instant.now()).append(", `").append(command).append("`\n\n");
        out.append("## Faults survived\n\n");
        out.append("| # | fault | injected | at | lasted | clients saw (503 / no answer) | live again after |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        int n = 1;
        for (FaultRecord f : r.faults()) {
            out.append(fmt(
                    "| %d | %s | %s | %.0f s | %.1f s | %,d / %,d | %s |%n",
                    n++,
                    f.name(),
                    f.injected(),
                    f.startedAtS(),
                    f.durationS(),
                    f.clients().unavailable(),
                    f.clients().noAnswer(),
                    !f.ran() ? "NOT RUN" : f.recovered() ? fmt("%.1f s", f.recoveryS()) : "NOT within 180 s"));
        }
        TableCheck c = r.check();
        out.append("\n## What the tables hold\n\n| figure | value | must be |\n|---|---|---|\n");
        row(out, "traffic", fmt("%.0f s, %,d requests (+%,d resent)", r.trafficS(), r.requests(), r.resends()), "");
        row(out, "events sent / acknowledged", fmt("%,d / %,d", r.eventsSent(), r.eventsAccepted()), "");
        row(out, "events expected in Events (acknowledged + probes)", fmt("%,d", c.expectedEvents()), "");
        row(out, "Events items stored", fmt("%,d", c.storedEvents()), fmt("%,d", c.expectedEvents()));
        row(out, "lost (acknowledged, not stored)", fmt("%,d", c.missing()), "0");
        row(out, "duplicated (stored more than once)", fmt("%,d", c.duplicated()), "0");
        row(out, "stored though never acknowledged", fmt("%,d", c.unexpected()), "0");
        row(
                out,
                "sessions / their segments (a gap over 30 min or the 24 h limit starts one; derived ids after the first)",
                fmt("%,d / %,d", c.sessionsChecked(), c.segmentsChecked()),
                "");
        row(
                out,
                "segments with a wrong or missing Sessions item",
                fmt("%,d of %,d", c.sessionsMismatched(), c.segmentsChecked()),
                "0");
        row(out, "Sessions items of no segment", fmt("%,d", c.unexpectedSessionItems()), "0");
        row(out, "ActiveSessions stale, missing or of no segment", fmt("%,d", c.activeStale()), "0");
        row(out, "requests never acknowledged", fmt("%,d", r.unacknowledged()), "0");
        row(out, "events resubmitted after their acknowledgement", fmt("%,d", r.duplicateEvents()), "");
        row(
                out,
                "poison records put / not on the dead-letter stream",
                fmt("%,d / %,d (%,d letters)", r.poisonPut(), r.poisonMissing(), r.deadLetters()),
                "- / 0");
        row(out, "workers restarted", Integer.toString(r.workerRestarts()), "");
        row(out, "drained after the traffic stopped", r.drainS() >= 0 ? fmt("%.1f s", r.drainS()) : "NO", "");
        if (!c.examples().isEmpty()) {
            out.append("\nFirst differences:\n\n");
            c.examples().forEach(e -> out.append("- ").append(e).append('\n'));
        }
        return out.toString();
    }

    /** Writes {@code chaos-latest.{md,json}} for the full size, {@code chaos-<size>-latest.*} for others. */
    static Path write(ChaosResult result, String command, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = result.label().equals("full") ? "chaos-latest" : "chaos-" + result.label() + "-latest";
        Path markdown = dir.resolve(name + ".md");
        Files.writeString(markdown, markdown(result, command));
        JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValue(dir.resolve(name + ".json").toFile(), result);
        return markdown;
    }

    private static void row(StringBuilder out, String figure, String value, String target) {
        out.append("| ")
                .append(figure)
                .append(" | ")
                .append(value)
                .append(" | ")
                .append(target)
                .append(" |\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
