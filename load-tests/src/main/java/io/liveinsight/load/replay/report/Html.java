package io.liveinsight.load.replay.report;

/** Text into HTML (and SVG): every character that could open markup escaped, control characters replaced. Pure. */
final class Html {

    private Html() {}

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
