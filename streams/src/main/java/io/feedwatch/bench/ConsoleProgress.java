package io.feedwatch.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place on a terminal; elsewhere (a pipe, a test) only the start and end of each step are
 * printed, so logs stay readable.
 */
final class ConsoleProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private String step = "";
    private long stepStart;
    private long lastDraw;
    private boolean drawn;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void begin(String step) {
        this.step = step;
        this.stepStart = System.nanoTime();
        this.lastDraw = 0;
        if (!terminal) {
            out.println("  " + step + " ...");
            out.flush();
        }
    }

    /** {@code done} of {@code total} (total 0: unknown). */
    void update(long done, long total) {
        long now = System.nanoTime();
        if (!terminal || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = (now - stepStart) / 1e9;
        String bar;
        if (total > 0) {
            double f = Math.min(1, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT, "%3.0f%%", 100 * f);
        } else {
            bar = "[" + ".".repeat(WIDTH) + "]";
        }
        String rate = seconds > 0 ? String.format(Locale.ROOT, "%,.0f/s", done / seconds) : "";
        out.print(String.format(Locale.ROOT, "\r%s %-42s %,12d %12s %6.1fs ", bar, step, done, rate, seconds));
        out.flush();
        drawn = true;
    }

    void end(String summary) {
        if (terminal && drawn) {
            out.print("\r" + " ".repeat(120) + "\r");
        }
        drawn = false;
        out.println(String.format(Locale.ROOT, "  %-44s %s", step, summary));
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }
}
