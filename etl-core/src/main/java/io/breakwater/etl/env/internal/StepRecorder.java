package io.breakwater.etl.env.internal;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;

import io.breakwater.db.BreakwaterVersion;
import io.breakwater.etl.env.QualityResult;
import io.breakwater.etl.env.SourceReject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes the run log ({@code ingest_runs}), the rejects ({@code rejected_rows}) and the quality results
 * ({@code dq_results}) of an environment step, inside the caller's transaction.
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

    /** A succeeded run of the same source whose input had this SHA-256 (the step has nothing to do), or null. */
    public static Long succeededRunWithSameInput(DSLContext dsl, String kind, String source, String sha256,
            String mappingSha) {
        return dsl.select(INGEST_RUNS.RUN_ID).from(INGEST_RUNS)
                .where(INGEST_RUNS.SOURCE_KIND.eq(kind), INGEST_RUNS.SOURCE_NAME.eq(source),
                        INGEST_RUNS.SOURCE_SHA256.eq(sha256), INGEST_RUNS.STATUS.eq("succeeded"),
                        mappingSha == null ? DSL.noCondition() : INGEST_RUNS.MAPPING_SHA256.eq(mappingSha))
                .orderBy(INGEST_RUNS.RUN_ID.desc()).limit(1).fetchOne(INGEST_RUNS.RUN_ID);
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

    /**
     * Stores rejects. {@code rejected_rows} is keyed by (run, line): a run over several files numbers each file's
     * lines after the previous file's, {@code lineOffset(file)} gives the offset; the raw record names the file.
     */
    public static void insertRejects(DSLContext dsl, long runId, String source, List<SourceReject> rejects,
            Map<String, Long> lineOffsets) {
        var batch = dsl.batch(dsl.insertInto(REJECTED_ROWS, REJECTED_ROWS.RUN_ID, REJECTED_ROWS.LINE_NUMBER,
                REJECTED_ROWS.SOURCE_NAME, REJECTED_ROWS.COLUMN_NAME, REJECTED_ROWS.RAW_VALUE,
                REJECTED_ROWS.RAW_RECORD, REJECTED_ROWS.RULE, REJECTED_ROWS.MESSAGE)
                .values((Long) null, null, null, null, null, null, null, null));
        for (SourceReject r : rejects) {
            long offset = lineOffsets.getOrDefault(r.file(), 0L);
            batch.bind(runId, offset + r.line(), source, r.column(), r.rawValue(), r.rawRecord(), r.rule(),
                    r.message());
        }
        if (!rejects.isEmpty()) {
            batch.execute();
        }
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

    /** The most frequent reasons, most frequent first, at most {@code n}. */
    public static Map<String, Long> topReasons(List<String> reasons, int n) {
        return reasons.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** SHA-256 of the files, in order (one file: its own hash). */
    public static String sha256(List<Path> files) {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path f : files) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        one.update(buffer, 0, n);
                    }
                }
                all.update(one.digest());
            }
            if (files.size() == 1) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                return HexFormat.of().formatHex(one.digest(Files.readAllBytes(files.get(0))));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
