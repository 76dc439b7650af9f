package io.breakwater.etl.env;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one environment step did (climate, soil, pipes ingest; soil overlay; break-to-pipe matching), fit for JSON.
 *
 * @param runId         the {@code ingest_runs} row of this step
 * @param kind          climate, soil, pipes, soil_overlay or pipe_match
 * @param sourceName    the logical source
 * @param status        succeeded or unchanged (a failure throws and leaves the database as it was)
 * @param rowsRead      source rows read
 * @param rowsLoaded    rows accepted (inserted + updated + unchanged)
 * @param rowsInserted  new rows
 * @param rowsUpdated   changed rows
 * @param rowsRejected  rows written to {@code rejected_rows}
 * @param rowsFlagged   accepted rows carrying a quality flag
 * @param topReasons    the most frequent reject and flag reasons with their counts
 * @param quality       the quality results stored for the run
 * @param details       step-specific figures (months written, gaps, match rate, ...)
 * @param elapsed       wall time
 */
public record StepReport(long runId, String kind, String sourceName, String status, long rowsRead, long rowsLoaded,
        long rowsInserted, long rowsUpdated, long rowsRejected, long rowsFlagged, Map<String, Long> topReasons,
        List<QualityResult> quality, Map<String, Object> details, Duration elapsed) {

    /** One line for people, as the CLI prints it. */
    public String summary() {
        return String.format("%s %s: %s, read %,d, loaded %,d (%,d new, %,d updated), rejected %,d, flagged %,d%s",
                kind, sourceName, status, rowsRead, rowsLoaded, rowsInserted, rowsUpdated, rowsRejected, rowsFlagged,
                topReasons.isEmpty() ? "" : "; top reasons: " + topReasons);
    }
}
