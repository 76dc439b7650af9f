package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.etl.internal.BulkInsert;
import io.breakwater.etl.internal.Hashing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery every ingest shares: one run, one transaction. {@link #execute} assigns the run id, hashes the
 * source, opens the transaction, lets the {@link Work} read, check and stage rows, evaluates the run-level checks
 * (a failed {@link Severity#FAIL_RUN} check aborts), lets the work merge its staged rows, then writes the rejects,
 * the check results and the run log, and commits. Any failure rolls everything back and logs the run as failed in
 * its own transaction; a kill leaves the database as it was.
 *
 * <pre>{@code
 * IngestReport report = IngestRun.execute(store, spec, clock, progress, new IngestRun.Work() {
 *     StagedTable stage;
 *     public void stage(IngestRun run) {
 *         QualityCheck notNull = run.checks().define("id_not_null", "soil_zones", "zone_id", Severity.REJECT_ROW, 0, "zone id present");
 *         run.checks().validateOverrides();
 *         stage = run.stage(SOIL_ZONES);
 *         RowVerdict verdict = new RowVerdict();
 *         try (RecordSource in = RecordSource.open(file, mapping.format())) {
 *             for (SourceRecord r; (r = in.next()) != null; ) {
 *                 verdict.reset(r);
 *                 verdict.check(notNull, r.trimmed(0) != null, "zone_id", r.get(0), "zone_id is empty");
 *                 if (run.count(verdict)) { stage.add(...); }
 *             }
 *         }
 *     }
 *     public LoadCounts persist(IngestRun run) {
 *         return stage.mergeInto(List.of(SOIL_ZONES.ZONE_ID), List.of(), null);
 *     }
 * });
 * }</pre>
 */
public final class IngestRun {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRun.class);
    private static final int SAMPLE_REJECTS = 20;

    /**
     * What a run is about.
     *
     * @param kind        breaks, areas, climate, soil, pipes
     * @param sourceName  the mapping's {@code source}
     * @param sourcePath  the file read
     * @param mapping     the mapping (for its SHA-256 and check overrides), or {@code null}
     * @param mode        incremental or full refresh
     */
    public record Spec(String kind, String sourceName, Path sourcePath, SourceMapping.File mapping, LoadMode mode) {
        public Spec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sourceName, "sourceName");
            Objects.requireNonNull(sourcePath, "sourcePath");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** The kind-specific part of an ingest. */
    public interface Work {
        /** Reads, cleans and checks every record; counts each through {@link #count}; stages accepted rows. */
        void stage(IngestRun run);

        /** Merges the staged rows into the curated table(s); called only when no fail_run check failed. */
        LoadCounts persist(IngestRun run);
    }

    private final BreakwaterStore store;
    private final Spec spec;
    private final long runId;
    private final Clock clock;
    private final ProgressListener progress;
    private final QualityChecks checks;
    private final List<Reject> rejects = new ArrayList<>();
    private final Map<String, Long> rejectRules = new HashMap<>();
    private final List<StagedTable> appending = new ArrayList<>();
    private long rowsRead;
    private long rowsFlagged;

    private IngestRun(BreakwaterStore store, Spec spec, long runId, Clock clock, ProgressListener progress) {
        this.store = store;
        this.spec = spec;
        this.runId = runId;
        this.clock = clock;
        this.progress = progress;
        this.checks = new QualityChecks(spec.mapping());
    }

    public long runId() {
        return runId;
    }

    public BreakwaterStore store() {
        return store;
    }

    public Spec spec() {
        return spec;
    }

    public Clock clock() {
        return clock;
    }

    public ProgressListener progress() {
        return progress;
    }

    public QualityChecks checks() {
        return checks;
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** A staging copy of {@code target} for this run (see {@link StagedTable}). */
    public StagedTable stage(Table<?> target) {
        return new StagedTable(store, target, runId, false);
    }

    /**
     * Like {@link #stage(Table)}, but rows are written on a thread of their own (overlapping the work's reading and
     * checking), and when {@code target} is empty (a first load) they are appended straight to it inside the run's
     * transaction, the merge only counting them. For works that do not use the store between staging and the merge.
     */
    public StagedTable stageOrAppend(Table<?> target) {
        StagedTable stage = new StagedTable(store, target, runId, true);
        appending.add(stage);
        return stage;
    }

    /**
     * Counts one record read with its verdict: a rejected record goes to the rejects, a flagged one is counted.
     * Returns {@code true} when the record is accepted (the caller stages it).
     */
    public boolean count(RowVerdict verdict) {
        rowsRead++;
        if (verdict.rejected()) {
            Reject r = verdict.rejection();
            rejects.add(r);
            rejectRules.merge(r.rule(), 1L, Long::sum);
            return false;
        }
        if (verdict.flagged()) {
            rowsFlagged++;
        }
        return true;
    }

    /** Runs {@code work} as one ingest run and returns its report; throws after logging a failed run. */
    public static IngestReport execute(BreakwaterStore store, Spec spec, Clock clock, ProgressListener progress, Work work) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Instant started = clock.instant();
        String sourceSha = Hashing.sha256(spec.sourcePath());
        String mappingSha = spec.mapping() == null ? null : spec.mapping().sha256();
        long runId = nextRunId(store);
        Long sameInput = store.dsl().select(DSL.max(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS)
                .where(INGEST_RUNS.SOURCE_NAME.eq(spec.sourceName()))
                .and(INGEST_RUNS.SOURCE_SHA256.eq(sourceSha))
                .and(mappingSha == null ? INGEST_RUNS.MAPPING_SHA256.isNull() : INGEST_RUNS.MAPPING_SHA256.eq(mappingSha))
                .and(INGEST_RUNS.STATUS.in("succeeded", "unchanged")).fetchOne(0, Long.class);
        IngestRun run = new IngestRun(store, spec, runId, clock, progress == null ? ProgressListener.NONE : progress);
        Connection connection = store.connection();
        List<CheckResult> results = List.of();
        try {
            connection.setAutoCommit(false);
            work.stage(run);
            results = run.checks.results();
            List<CheckResult> failed = results.stream().filter(CheckResult::failed).toList();
            if (!failed.isEmpty()) {
                throw new BreakwaterException(ErrorCode.QUALITY_GATE_FAILED, spec.sourcePath() + ": quality gate failed, "
                        + "nothing was loaded: " + failed.stream().map(IngestRun::describe).collect(Collectors.joining("; ")));
            }
            LoadCounts counts = work.persist(run);
            Instant finished = clock.instant();
            String status = counts.changedAnything() ? "succeeded" : "unchanged";
            IngestReport report = run.report(status, counts, results, sourceSha, mappingSha, sameInput, started, finished);
            run.writeRejects();
            run.writeResults(results, finished);
            run.writeRunRow(report, null);
            connection.commit();
            LOG.info("{}", report.summary());
            return report;
        } catch (RuntimeException | SQLException | Error e) {
            run.appending.forEach(StagedTable::abandon);
            rollback(connection);
            BreakwaterException failure = asBreakwater(spec, e);
            try {
                Instant finished = clock.instant();
                IngestReport report = run.report("failed", LoadCounts.NONE, results, sourceSha, mappingSha, null, started,
                        finished);
                connection.setAutoCommit(false);
                run.writeResults(results, finished);
                run.writeRunRow(report, failure.getMessage());
                connection.commit();
            } catch (RuntimeException | SQLException logFailure) {
                rollback(connection);
                LOG.warn("could not log failed run {}: {}", runId, logFailure.getMessage());
            }
            throw failure;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("restoring auto-commit", e);
            }
        }
    }

    private static long nextRunId(BreakwaterStore store) {
        Long max = store.dsl().select(DSL.max(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    private static String describe(CheckResult c) {
        return String.format(java.util.Locale.ROOT, "%s: %d of %d rows (%.1f%%) did not pass, at most %.1f%% allowed",
                c.checkName(), c.unexpectedCount(), c.elementCount(), c.unexpectedPercent(),
                100 * (1 - (c.threshold() == null ? 1 : c.threshold())));
    }

    private static BreakwaterException asBreakwater(Spec spec, Throwable e) {
        if (e instanceof BreakwaterException be) {
            return be;
        }
        if (e instanceof org.jooq.exception.DataAccessException || e instanceof SQLException) {
            return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "ingest of " + spec.sourcePath()
                    + " failed in the database, nothing was loaded: " + firstLine(e.getMessage()), e);
        }
        return new BreakwaterException(ErrorCode.INTERNAL, "ingest of " + spec.sourcePath() + " failed, nothing was loaded: "
                + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(s);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private IngestReport report(String status, LoadCounts counts, List<CheckResult> results, String sourceSha,
            String mappingSha, Long sameInput, Instant started, Instant finished) {
        List<IngestReport.ReasonCount> reasons = new ArrayList<>();
        rejectRules.forEach((rule, n) -> reasons.add(new IngestReport.ReasonCount(rule, "rejected", n)));
        for (QualityCheck c : checks.all()) {
            if (c.severity() == Severity.FLAG_ROW && c.unexpected() > 0) {
                reasons.add(new IngestReport.ReasonCount(c.name(), "flagged", c.unexpected()));
            }
        }
        reasons.sort(Comparator.comparingLong(IngestReport.ReasonCount::rows).reversed()
                .thenComparing(IngestReport.ReasonCount::rule));
        long rejected = rejects.size();
        long loaded = "failed".equals(status) ? 0 : counts.loaded();
        return new IngestReport(runId, spec.kind(), spec.sourceName(), spec.sourcePath().toString(), sourceSha, mappingSha,
                spec.mode(), status, rowsRead, loaded, counts, rejected, rowsFlagged, List.copyOf(reasons), results,
                List.copyOf(rejects.subList(0, Math.min(SAMPLE_REJECTS, rejects.size()))), sameInput, started, finished);
    }

    private void writeRejects() {
        if (rejects.isEmpty()) {
            return;
        }
        try (BulkInsert insert = new BulkInsert(store, REJECTED_ROWS)) {
            for (Reject r : rejects) {
                insert.add(runId, r.line(), spec.sourceName(), r.column(), truncate(r.rawValue()), truncate(r.rawRecord()),
                        r.rule(), r.message());
            }
        }
    }

    private void writeResults(List<CheckResult> results, Instant at) {
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

    private void writeRunRow(IngestReport r, String error) {
        store.dsl().insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.RUN_ID, runId)
                .set(INGEST_RUNS.SOURCE_KIND, spec.kind())
                .set(INGEST_RUNS.SOURCE_NAME, spec.sourceName())
                .set(INGEST_RUNS.SOURCE_PATH, spec.sourcePath().toAbsolutePath().toString())
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
                .set(INGEST_RUNS.STATUS, r.status())
                .set(INGEST_RUNS.ERROR_MESSAGE, error)
                .set(INGEST_RUNS.STARTED_AT, LocalDateTime.ofInstant(r.startedAt(), ZoneOffset.UTC))
                .set(INGEST_RUNS.FINISHED_AT, LocalDateTime.ofInstant(r.finishedAt(), ZoneOffset.UTC))
                .set(INGEST_RUNS.BREAKWATER_VERSION, BreakwaterVersion.get())
                .set(INGEST_RUNS.ATTRIBUTION, spec.mapping() == null ? null : spec.mapping().mapping().attribution())
                .execute();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000) + "...";
    }
}
