package io.liveinsight.load.replay;

import java.io.PrintStream;

/** {@code [##########----------]  50%  2,500/5,000 requests  12,345 events accepted  1,234 ev/s} on one line. */
public final class ConsoleProgressBar implements Replayer.ProgressListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000;

    private final PrintStream out;
    private final String label;
    private final java.util.function.LongSupplier unavailable;
    private long lastDraw = Long.MIN_VALUE;
    private String lastLine = "";

    public ConsoleProgressBar(PrintStream out, String label) {
        this(out, label, null);
    }

    /** With {@code unavailable}, the line also shows the 503 answers so far. */
    public ConsoleProgressBar(PrintStream out, String label, java.util.function.LongSupplier unavailable) {
        this.out = out;
        this.label = label;
        this.unavailable = unavailable;
    }

    @Override
    public synchronized void onProgress(long done, long total, long accepted, long plannedEvents, long elapsedNanos) {
        if (done < total && lastDraw != Long.MIN_VALUE && elapsedNanos - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = elapsedNanos;
        lastLine = line(label, done, total, accepted, elapsedNanos)
                + (unavailable == null ? "" : String.format("  503 x %,d", unavailable.getAsLong()));
        out.print("\r" + lastLine);
        out.flush();
    }

    @Override
    public synchronized void onFinished() {
        out.println();
    }

    static String line(String label, long done, long total, long accepted, long elapsedNanos) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double seconds = elapsedNanos / 1e9;
        return String.format(
                "%s [%s%s] %3d%%  %,d/%,d requests  %,d events accepted  %,.0f ev/s",
                label,
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                total == 0 ? 100 : 100 * done / total,
                done,
                total,
                accepted,
                seconds <= 0 ? 0.0 : accepted / seconds);
    }
}
