package io.liveinsight.load.replay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report.json and report.html into the report folder. */
public final class JsonReport {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReport() {}

    public static String json(ReplayReport report) throws IOException {
        return JSON.writeValueAsString(report);
    }

    public static void write(ReplayReport report, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.json"), json(report), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("report.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
    }
}
