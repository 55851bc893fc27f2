package io.liveinsight.load.replay.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts: lines over the seconds of the replay, or points. All text escaped. Pure. */
final class Svg {

    /** One line (or set of points): its name, colour and a value per x (NaN: none there). */
    record Series(String name, String color, double[] values) {}

    static final int WIDTH = 760;
    static final int HEIGHT = 250;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    private Svg() {}

    static String lines(String title, String unit, double[] xs, double xMax, List<Series> series) {
        return chart(title, unit, xs, xMax, series, false);
    }

    static String points(String title, String unit, double[] xs, double xMax, List<Series> series) {
        return chart(title, unit, xs, xMax, series, true);
    }

    /** {@code xMax}: the x axis ends there at least (the charts of one replay share their time axis). */
    private static String chart(
            String title, String unit, double[] xs, double xMax, List<Series> series, boolean dots) {
        double maxX = Math.max(1, xMax);
        for (double x : xs) {
            maxX = Math.max(maxX, x);
        }
        double maxY = 0;
        for (Series s : series) {
            for (double y : s.values()) {
                if (!Double.isNaN(y)) {
                    maxY = Math.max(maxY, y);
                }
            }
        }
        maxY = nice(maxY);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                WIDTH,
                HEIGHT,
                Html.escape(title)));
        svg.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"16\" class=\"title\">")
                .append(Html.escape(title));
        svg.append("</text>");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"axis\""
                            + " text-anchor=\"end\">%s</text>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    LEFT - 6,
                    y + 4,
                    Html.escape(label(maxY * i / 4.0))));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%s s</text>"
                        + "<text x=\"%d\" y=\"%d\" class=\"axis\">0</text>"
                        + "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>",
                WIDTH - RIGHT,
                HEIGHT - BOTTOM + 16,
                Html.escape(label(maxX)),
                LEFT,
                HEIGHT - BOTTOM + 16,
                8,
                TOP - 4,
                Html.escape(unit)));
        int legendX = LEFT;
        for (Series s : series) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>",
                    legendX,
                    HEIGHT - 14,
                    Html.escape(s.color()),
                    legendX + 14,
                    HEIGHT - 5,
                    Html.escape(s.name())));
            legendX += 24 + 7 * s.name().length();
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < xs.length && i < s.values().length; i++) {
                if (Double.isNaN(s.values()[i])) {
                    continue; // no value here (a dot series' gaps)
                }
                double x = LEFT + plotW * xs[i] / maxX;
                double y = TOP + plotH - (maxY == 0 ? 0 : plotH * s.values()[i] / maxY);
                if (dots) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
                            x,
                            y,
                            Html.escape(s.color())));
                } else {
                    path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            if (!dots && !path.isEmpty()) {
                svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                        .append(Html.escape(s.color()))
                        .append("\" points=\"")
                        .append(path.toString().strip())
                        .append("\"/>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The next of 1, 2, 5 x 10^n at or above {@code value} (at least 1). */
    static double nice(double value) {
        if (value <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
