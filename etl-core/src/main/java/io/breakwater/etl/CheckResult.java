package io.breakwater.etl;

import java.util.List;

/**
 * The outcome of one quality check in one run, as stored in {@code dq_results}.
 *
 * @param checkName         e.g. {@code date_parses}, {@code inside_service_area}
 * @param tableName         the table the check guards
 * @param columnName        the column checked, or {@code null}
 * @param severity          what a failure does
 * @param status            {@code passed}, {@code warned} or {@code failed}
 * @param elementCount      rows (or items) checked
 * @param unexpectedCount   rows that did not pass
 * @param unexpectedPercent 100 * unexpected / elements (0 when nothing was checked)
 * @param threshold         share of rows that must pass (0..1)
 * @param observedValue     a measured number, for checks that measure one (e.g. days since the newest record)
 * @param sampleValues      up to five offending values
 * @param message           a one-line explanation for people
 */
public record CheckResult(String checkName, String tableName, String columnName, Severity severity, String status,
        long elementCount, long unexpectedCount, double unexpectedPercent, Double threshold, Double observedValue,
        List<String> sampleValues, String message) {

    public boolean failed() {
        return "failed".equals(status);
    }

    public boolean passed() {
        return "passed".equals(status);
    }

    /**
     * Whether this result warns the whole run: a run-level check that did not pass, or a row check whose rows passed
     * in a smaller share than its threshold (by default half: a mapping that misreads a column fails most rows).
     */
    public boolean warnsRun() {
        if (passed()) {
            return false;
        }
        if (severity == Severity.WARN_RUN || severity == Severity.FAIL_RUN) {
            return true;
        }
        return elementCount > 0 && threshold != null
                && (elementCount - unexpectedCount) < threshold * elementCount;
    }
}
