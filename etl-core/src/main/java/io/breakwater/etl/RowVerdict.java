package io.breakwater.etl;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on one row as its checks run: the first {@link Severity#REJECT_ROW} failure rejects it, each
 * {@link Severity#FLAG_ROW} failure adds a flag, run-level failures only count. Reused row after row.
 */
public final class RowVerdict {
    private final List<String> flags = new ArrayList<>(4);
    private SourceRecord record;
    private Reject reject;

    /** Starts the verdict on a new row. */
    public void reset(SourceRecord row) {
        this.record = row;
        this.reject = null;
        this.flags.clear();
    }

    /**
     * Records the outcome of {@code check} on this row and returns {@code ok}. A failed check with severity
     * reject_row rejects the row (the first reason wins); flag_row adds the check's name to the row's flags.
     */
    public boolean check(QualityCheck check, boolean ok, String column, String value, String message) {
        if (ok) {
            check.pass();
            return true;
        }
        check.fail(value);
        switch (check.severity()) {
            case REJECT_ROW -> {
                if (reject == null) {
                    reject = new Reject(record.line(), column, value, record.raw(), check.name(), message);
                }
            }
            case FLAG_ROW -> flags.add(check.name());
            default -> {
            }
        }
        return false;
    }

    /** The row passed {@code check}; returns {@code true}. */
    public boolean pass(QualityCheck check) {
        check.pass();
        return true;
    }

    /**
     * The row failed {@code check}; returns {@code false}. Same as {@code check(check, false, ...)}; written as
     * {@code ok ? v.pass(c) : v.fail(c, column, value, message)} it builds the message only for failing rows.
     */
    public boolean fail(QualityCheck check, String column, String value, String message) {
        return check(check, false, column, value, message);
    }

    /** Rejects the row outright for a problem that has no check (e.g. a malformed record). */
    public void reject(String rule, String column, String value, String message) {
        if (reject == null) {
            reject = new Reject(record.line(), column, value, record.raw(), rule, message);
        }
    }

    public boolean rejected() {
        return reject != null;
    }

    public Reject rejection() {
        return reject;
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }

    /** The flags, comma-separated, or {@code null} when none. */
    public String flagText() {
        return flags.isEmpty() ? null : String.join(",", flags);
    }
}
