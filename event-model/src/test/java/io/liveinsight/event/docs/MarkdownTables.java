package io.liveinsight.event.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tables of a markdown page: the first table under a heading, as rows of column name to cell text. */
public final class MarkdownTables {

    private MarkdownTables() {}

    /** The first table after the heading whose text is {@code heading} (any level). */
    public static List<Map<String, String>> under(String markdown, String heading) {
        List<String> lines = markdown.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).matches("#{1,6} " + java.util.regex.Pattern.quote(heading))) {
                start = i + 1;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no heading '" + heading + "'");
        }
        while (start < lines.size() && !lines.get(start).startsWith("|")) {
            if (lines.get(start).startsWith("#")) {
                throw new IllegalArgumentException("no table under '" + heading + "'");
            }
            start++;
        }
        List<String> columns = cells(lines.get(start));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), c < cells.size() ? cells.get(c) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** A cell's text without the backticks of code spans. */
    public static String plain(String cell) {
        return cell.replace("`", "").strip();
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
