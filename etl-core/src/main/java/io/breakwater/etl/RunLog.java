package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.BulkWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The log of one ingest run: its row in {@code ingest_runs}, its rejects and its check results. */
final class RunLog {
    private RunLog() {
    }

    /** The figures of a failed run, for its log row: what was read, rejected, filtered and accepted but not loaded. */
    static String notLoaded(IngestReport failed) {
        if (failed.rowsRead() == 0) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, " (read %,d: rejected %,d, filtered %,d, accepted but not loaded "
                + "because the run failed %,d)", failed.rowsRead(), failed.rowsRejected(), failed.rowsFiltered(),
                failed.rowsRead() - failed.rowsRejected() - failed.rowsFiltered());
    }

    static void writeRejects(BreakwaterStore store, long runId, IngestRun.Spec spec, List<Reject> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        try (BulkWriter insert = BulkWriter.open(store.dsl(), REJECTED_ROWS)) {
            for (Reject r : rejects) {
                insert.add(runId, r.line(), spec.sourceName(), truncate(r.column()), truncate(r.rawValue()),
                        truncate(r.rawRecord()), r.rule(), truncate(r.message()));
            }
        }
    }

    static void writeResults(BreakwaterStore store, long runId, List<CheckResult> results, Instant at) {
        LocalDateTime checkedAt = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        for (CheckResult c : results) {
            store.dsl().insertInto(DQ_RESULTS)
                    .set(DQ_RESULTS.RUN_ID, runId)
                    .set(DQ_RESULTS.CHECK_NAME, c.checkName())
                    .set(DQ_RESULTS.TABLE_NAME, c.tableName())
                    .set(DQ_RESULTS.COLUMN_NAME, c.columnName())
                    .set(DQ_RESULTS.SEVERITY, c.severity().label())
                    .set(DQ_RESULTS.STATUS, c.status())
                    .set(DQ_RESULTS.ELEMENT_COUNT, c.elementCount())
                    .set(DQ_RESULTS.UNEXPECTED_COUNT, c.unexpectedCount())
                    .set(DQ_RESULTS.UNEXPECTED_PERCENT, c.unexpectedPercent())
                    .set(DQ_RESULTS.THRESHOLD, c.threshold())
                    .set(DQ_RESULTS.OBSERVED_VALUE, c.observedValue())
                    .set(DQ_RESULTS.SAMPLE_VALUES, c.sampleValues().isEmpty() ? null : String.join(" | ", c.sampleValues()))
                    .set(DQ_RESULTS.MESSAGE, c.message())
                    .set(DQ_RESULTS.CHECKED_AT, checkedAt)
                    .execute();
        }
    }

    static void writeRunRow(BreakwaterStore store, IngestRun.Spec spec, IngestReport r, String error) {
        store.dsl().insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.RUN_ID, r.runId())
                .set(INGEST_RUNS.SOURCE_KIND, spec.kind())
                .set(INGEST_RUNS.SOURCE_NAME, spec.sourceName())
                .set(INGEST_RUNS.SOURCE_PATH, spec.sourcePath() != null ? spec.sourcePath().toAbsolutePath().toString()
                        : spec.settings())
                .set(INGEST_RUNS.SOURCE_SHA256, r.sourceSha256())
                .set(INGEST_RUNS.MAPPING_SHA256, r.mappingSha256())
                .set(INGEST_RUNS.LOAD_MODE, spec.mode().label())
                .set(INGEST_RUNS.ROWS_READ, r.rowsRead())
                .set(INGEST_RUNS.ROWS_LOADED, r.rowsLoaded())
                .set(INGEST_RUNS.ROWS_INSERTED, r.counts().inserted())
                .set(INGEST_RUNS.ROWS_UPDATED, r.counts().updated())
                .set(INGEST_RUNS.ROWS_UNCHANGED, r.counts().unchanged())
                .set(INGEST_RUNS.ROWS_REJECTED, r.rowsRejected())
                .set(INGEST_RUNS.ROWS_FLAGGED, r.rowsFlagged())
                .set(INGEST_RUNS.ROWS_FILTERED, r.rowsFiltered())
                .set(INGEST_RUNS.STATUS, r.status())
                .set(INGEST_RUNS.ERROR_MESSAGE, error)
                .set(INGEST_RUNS.STARTED_AT, LocalDateTime.ofInstant(r.startedAt(), ZoneOffset.UTC))
                .set(INGEST_RUNS.FINISHED_AT, LocalDateTime.ofInstant(r.finishedAt(), ZoneOffset.UTC))
                .set(INGEST_RUNS.BREAKWATER_VERSION, BreakwaterVersion.get())
                .set(INGEST_RUNS.ATTRIBUTION, spec.mapping() == null ? null : spec.mapping().mapping().attribution())
                .execute();
    }

    /** A stored text of at most 2,000 characters, whatever the input (one 10 MB field must not grow the store). */
    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1000) + " ... (" + (s.length() - 2000)
                + " characters left out) ... " + s.substring(s.length() - 1000);
    }
}
