package io.breakwater.cli;

import io.breakwater.db.ProgressListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Draws a progress bar on standard error for each step (me.tongfei:progressbar), and prints each step's summary to
 * the command's output. Without bars it prints the summaries only; quiet, nothing.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter out;
    private final boolean bars;
    private final boolean summaries;
    private final Map<String, ProgressBar> open = new HashMap<>();

    /**
     * Bars when asked and the process runs on a terminal ({@link System#console()}): a redirected or piped run (CI, a
     * scheduler, a test) gets the finished lines only, never bar frames glued to its error line.
     */
    ConsoleProgress(PrintWriter out, boolean bars, boolean summaries) {
        this.out = out;
        this.bars = bars && System.console() != null;
        this.summaries = summaries;
    }

    @Override
    public void started(String step, long totalUnits, String unit) {
        if (!bars) {
            return;
        }
        PrintStream stream = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(step)
                .setInitialMax(totalUnits)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .hideEta()
                .build();
        open.put(step, bar);
    }

    @Override
    public void progressed(String step, long unitsDone) {
        ProgressBar bar = open.get(step);
        if (bar != null) {
            bar.stepTo(unitsDone);
        }
    }

    @Override
    public void finished(String step, String summary) {
        ProgressBar bar = open.remove(step);
        if (bar != null) {
            if (bar.getMax() > 0) {
                bar.stepTo(bar.getMax());
            }
            bar.close();
        }
        if (summaries && summary != null && !summary.isBlank()) {
            out.println(summary);
            out.flush();
        }
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
