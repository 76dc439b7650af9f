package io.breakwater.etl;

import java.util.ArrayList;
import java.util.List;

/**
 * One quality check of a run, in the manner of Great Expectations and dbt tests: it counts the elements it saw and
 * those that did not pass, keeps a few sample values, and turns into a {@link CheckResult}. Row checks call
 * {@link #pass()} or {@link #fail(String)} per row (usually through {@link RowVerdict}); run checks call
 * {@link #measure}. Created by {@link QualityChecks#define}. Not thread-safe, like a run.
 */
public final class QualityCheck {
    private static final int SAMPLES = 5;
    private final String name;
    private final String table;
    private final String column;
    private final Severity severity;
    private final double threshold;
    private final String description;
    private long elements;
    private long unexpected;
    private Double observed;
    private String note;
    private String mappingKey;
    private final List<String> samples = new ArrayList<>(SAMPLES);

    QualityCheck(String name, String table, String column, Severity severity, double threshold, String description) {
        this.name = name;
        this.table = table;
        this.column = column;
        this.severity = severity;
        this.threshold = threshold;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public String column() {
        return column;
    }

    public Severity severity() {
        return severity;
    }

    public double threshold() {
        return threshold;
    }

    public String description() {
        return description;
    }

    /** Names the mapping key whose column this check reads, for the message when most rows fail; returns this. */
    public QualityCheck describing(String key) {
        this.mappingKey = key;
        return this;
    }

    /** One element passed. */
    public void pass() {
        elements++;
    }

    /** One element did not pass; {@code sample} is kept among the first few. */
    public void fail(String sample) {
        elements++;
        unexpected++;
        if (samples.size() < SAMPLES && sample != null && !samples.contains(sample)) {
            samples.add(sample.length() > 200 ? sample.substring(0, 200) : sample);
        }
    }

    /** For run-level checks: sets the counts at once, with an optional measured value and note. */
    public void measure(long elementCount, long unexpectedCount, Double observedValue, String message) {
        this.elements = elementCount;
        this.unexpected = unexpectedCount;
        this.observed = observedValue;
        this.note = message;
    }

    /** Adds a sample value without counting (e.g. the offending value of a run-level measure). */
    public void sample(String value) {
        if (samples.size() < SAMPLES && value != null && !samples.contains(value)) {
            samples.add(value);
        }
    }

    public long elements() {
        return elements;
    }

    public long unexpected() {
        return unexpected;
    }

    /** Share of elements that passed; 1 when nothing was checked. */
    public double passShare() {
        return elements == 0 ? 1.0 : (elements - unexpected) / (double) elements;
    }

    /**
     * The result. A row check (reject_row, flag_row) passed when no row failed it, else warned; it warns the whole
     * run when its pass share falls below the threshold (then its message names the mapping key and samples: the
     * mapping probably misreads that column). A run check passed when the pass share reaches the threshold;
     * otherwise failed for fail_run, else warned.
     */
    public CheckResult result() {
        boolean rowCheck = severity == Severity.REJECT_ROW || severity == Severity.FLAG_ROW;
        boolean ok = rowCheck ? unexpected == 0 : passShare() >= threshold;
        String status = ok ? "passed" : severity == Severity.FAIL_RUN ? "failed" : "warned";
        double percent = elements == 0 ? 0.0 : 100.0 * unexpected / elements;
        String message = note != null ? note
                : unexpected == 0 ? description
                : String.format(java.util.Locale.ROOT, "%s: %d of %d (%.2f%%) did not pass", description, unexpected,
                        elements, percent);
        if (rowCheck && unexpected > 0 && passShare() < threshold) {
            message += String.format(java.util.Locale.ROOT, "; more than %.0f%% of rows failed, so %s probably does "
                    + "not read this column as written (e.g. %s)", 100 * (1 - threshold),
                    mappingKey == null ? "the mapping" : "mapping key " + mappingKey,
                    samples.isEmpty() ? "no sample" : samples.stream().map(v -> "'" + v + "'")
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        return new CheckResult(name, table, column, severity, status, elements, unexpected, percent, threshold,
                observed, List.copyOf(samples), message);
    }
}
