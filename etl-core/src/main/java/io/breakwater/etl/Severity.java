package io.breakwater.etl;

import io.breakwater.db.Words;

/** What a failed quality check does: to the row (reject, flag) or to the run (warn, fail). */
public enum Severity {
    /** The row goes to the rejects table with the check's name as its rule. */
    REJECT_ROW,
    /** The row is loaded with the check's name in its {@code flags}. */
    FLAG_ROW,
    /** The run succeeds with a warning when fewer than the threshold's share of rows pass. */
    WARN_RUN,
    /** The run fails, and nothing is persisted, when fewer than the threshold's share of rows pass. */
    FAIL_RUN;

    /** Parses a label as written in a mapping ({@code reject_row}, ...), or {@code null} when unknown. */
    public static Severity parse(String label) {
        return Words.find(Severity.class, Severity::label, label).orElse(null);
    }

    /** The name stored in {@code dq_results.severity}: reject_row, flag_row, warn_run, fail_run. */
    public String label() {
        return Words.of(this);
    }
}
