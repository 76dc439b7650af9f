package io.breakwater.cli;

import io.breakwater.bench.ProcessFigures;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** How every {@code bench} command prints its figures: one line a call, in {@link Locale#ROOT}, on its output. */
final class BenchFigures {
    private final PrintWriter out;

    BenchFigures(PrintWriter out) {
        this.out = out;
    }

    /** One line: {@code format} (of {@link String#format}, without the line end) filled with {@code args}. */
    BenchFigures line(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
        return this;
    }

    /** The process's peak resident memory and the machine's load average, in {@code format}'s order. */
    BenchFigures process(String format) {
        return line(format, mb(ProcessFigures.peakResidentBytes()), ProcessFigures.loadAverage());
    }

    /** Seconds, to be printed as {@code %.1f}. */
    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** "1,234 MB", or "-" when unknown. */
    static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }
}
