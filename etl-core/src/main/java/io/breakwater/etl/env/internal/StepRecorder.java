package io.breakwater.etl.env.internal;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;

import io.breakwater.db.BreakwaterVersion;
import io.breakwater.etl.env.QualityResult;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The run log ({@code ingest_runs}) and quality results ({@code dq_results}) of the derived steps that read the store
 * rather than a file (break-to-pipe matching, soil overlay, climate merge), inside the caller's transaction. File
 * ingests go through the machinery's {@link io.breakwater.etl.IngestRun} instead.
 */
public final class StepRecorder {
    private StepRecorder() {
    }

    /** The counts of a finished run. */
    public record RunCounts(long read, long loaded, long inserted, long updated, long unchanged, long rejected,
            long flagged) {
    }

    public static long nextRunId(DSLContext dsl) {
        Long max = dsl.select(DSL.max(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    public static void insertRun(DSLContext dsl, long runId, String kind, String source, String path, String sha256,
            String mappingSha, String mode, RunCounts c, String status, LocalDateTime started, Clock clock) {
        dsl.insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.RUN_ID, runId).set(INGEST_RUNS.SOURCE_KIND, kind).set(INGEST_RUNS.SOURCE_NAME, source)
                .set(INGEST_RUNS.SOURCE_PATH, path).set(INGEST_RUNS.SOURCE_SHA256, sha256)
                .set(INGEST_RUNS.MAPPING_SHA256, mappingSha).set(INGEST_RUNS.LOAD_MODE, mode)
                .set(INGEST_RUNS.ROWS_READ, c.read()).set(INGEST_RUNS.ROWS_LOADED, c.loaded())
                .set(INGEST_RUNS.ROWS_INSERTED, c.inserted()).set(INGEST_RUNS.ROWS_UPDATED, c.updated())
                .set(INGEST_RUNS.ROWS_UNCHANGED, c.unchanged()).set(INGEST_RUNS.ROWS_REJECTED, c.rejected())
                .set(INGEST_RUNS.ROWS_FLAGGED, c.flagged()).set(INGEST_RUNS.STATUS, status)
                .set(INGEST_RUNS.STARTED_AT, started).set(INGEST_RUNS.FINISHED_AT, LocalDateTime.now(clock))
                .set(INGEST_RUNS.BREAKWATER_VERSION, BreakwaterVersion.get())
                .execute();
    }

    public static void insertQuality(DSLContext dsl, long runId, List<QualityResult> results, Clock clock) {
        LocalDateTime now = LocalDateTime.now(clock);
        for (QualityResult q : results) {
            dsl.insertInto(DQ_RESULTS)
                    .set(DQ_RESULTS.RUN_ID, runId).set(DQ_RESULTS.CHECK_NAME, q.check())
                    .set(DQ_RESULTS.TABLE_NAME, q.table()).set(DQ_RESULTS.COLUMN_NAME, q.column())
                    .set(DQ_RESULTS.SEVERITY, q.severity()).set(DQ_RESULTS.STATUS, q.status())
                    .set(DQ_RESULTS.ELEMENT_COUNT, q.elementCount()).set(DQ_RESULTS.UNEXPECTED_COUNT, q.unexpectedCount())
                    .set(DQ_RESULTS.UNEXPECTED_PERCENT, q.unexpectedPercent()).set(DQ_RESULTS.THRESHOLD, q.threshold())
                    .set(DQ_RESULTS.OBSERVED_VALUE, q.observedValue()).set(DQ_RESULTS.SAMPLE_VALUES, q.sampleValues())
                    .set(DQ_RESULTS.MESSAGE, q.message()).set(DQ_RESULTS.CHECKED_AT, now)
                    .execute();
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
