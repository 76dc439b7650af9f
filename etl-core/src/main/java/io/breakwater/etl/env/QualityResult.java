package io.breakwater.etl.env;

/**
 * One row of {@code dq_results} written by a step.
 *
 * @param check           the check name, e.g. {@code pipe_match_rate}
 * @param table           the table checked
 * @param column          the column, or {@code null}
 * @param severity        reject_row, flag_row, warn_run or fail_run
 * @param status          passed, warned or failed
 * @param elementCount    rows checked
 * @param unexpectedCount rows that did not pass
 * @param threshold       share of rows that must pass, or {@code null}
 * @param observedValue   the measured number (match rate, distance percentile, ...), or {@code null}
 * @param sampleValues    a few offending values, or {@code null}
 * @param message         one line for people
 */
public record QualityResult(String check, String table, String column, String severity, String status,
        long elementCount, long unexpectedCount, Double threshold, Double observedValue, String sampleValues,
        String message) {

    public double unexpectedPercent() {
        return elementCount == 0 ? 0.0 : 100.0 * unexpectedCount / elementCount;
    }
}
