package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.RECORD_ATTRIBUTES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.Sha256;
import io.breakwater.etl.internal.Hashing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *         QualityCheck notNull = run.checks().define("id_not_null", "soil_zones", "zone_id", Severity.REJECT_ROW, QualityChecks.ROW_SHARE, "zone id present");
 *         run.checks().validateOverrides();
 *         stage = run.stage(SOIL_ZONES);
 *         RowVerdict verdict = new RowVerdict();
 *         try (RecordSource in = run.open()) {
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
    private static final java.util.Set<String> READ_THROUGH_MAPPING = java.util.Set.of("breaks", "areas", "soil", "pipes");

    /**
     * What a run is about: a file read through its mapping, or a derived step that reads the store (break-to-pipe
     * matching, soil overlay, climate merge) with the settings it was given.
     *
     * @param kind        breaks, areas, climate, soil, pipes; pipe_match, soil_overlay, climate_merge
     * @param sourceName  the mapping's {@code source}, or what a derived step writes
     * @param sourcePath  the file read, or {@code null} for a derived step
     * @param mapping     the mapping (for its SHA-256 and check overrides), or {@code null}
     * @param mode        incremental or full refresh
     * @param settings    a derived step's inputs and settings (logged as its source and hashed), or {@code null}
     */
    public record Spec(String kind, String sourceName, Path sourcePath, SourceMapping.File mapping, LoadMode mode,
            String settings) {
        public Spec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sourceName, "sourceName");
            Objects.requireNonNull(mode, "mode");
            if (sourcePath == null && settings == null) {
                throw new IllegalArgumentException("a run reads a file or, as a derived step, states its settings");
            }
        }

        /** A run that reads {@code sourcePath} through {@code mapping}. */
        public Spec(String kind, String sourceName, Path sourcePath, SourceMapping.File mapping, LoadMode mode) {
            this(kind, sourceName, sourcePath, mapping, mode, null);
        }

        /** A derived step: it reads the store, replaces what it derived before, and logs {@code settings}. */
        public static Spec derived(String kind, String sourceName, String settings) {
            return new Spec(kind, sourceName, null, null, LoadMode.FULL_REFRESH, settings);
        }

        /** The file, or the derived step's settings, for messages. */
        public String source() {
            return sourcePath != null ? sourcePath.toString() : kind + " (" + settings + ")";
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
    private final RowFilter filter;
    private final ExtraAttributes extras;
    private final QualityCheck extrasReadable;
    private final Map<String, Long> filteredRules = new LinkedHashMap<>();
    private final List<IngestReport.ReasonCount> notes = new ArrayList<>();
    private StagedTable extrasStage;
    /** The file as opened for the column check before the transaction, handed to the work by {@link #open()}. */
    private RecordSource checked;
    private long rowsRead;
    private long rowsFiltered;
    private long rowsFlagged;

    private IngestRun(BreakwaterStore store, Spec spec, long runId, Clock clock, ProgressListener progress) {
        this.store = store;
        this.spec = spec;
        this.runId = runId;
        this.clock = clock;
        this.progress = progress;
        this.checks = new QualityChecks(spec.mapping());
        if (spec.mapping() != null && "climate".equals(spec.kind())
                && (spec.mapping().mapping().filter() != null || spec.mapping().mapping().extra() != null)) {
            throw spec.mapping().invalid(spec.mapping().mapping().filter() != null ? "filter" : "extra",
                    "climate sources take no row filter or extra attributes (their columns are fixed by the format)");
        }
        this.filter = spec.mapping() == null ? null : RowFilter.of(spec.mapping());
        this.extras = spec.mapping() == null ? null : ExtraAttributes.of(spec.mapping());
        this.extrasReadable = extras == null || extras.isEmpty() ? null : checks.define(ExtraAttributes.CHECK,
                "record_attributes", null, Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "every declared extra attribute " + extras.names() + " reads as its type").describing("extra");
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

    /** Records counted by {@link #count} so far: read and kept by the mapping's filter. */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * Before the transaction opens: every column the mapping names must be in the file's header, so that a mapping
     * that does not fit its file is refused as a configuration error, not logged as a failed run. A file that cannot
     * be opened at all is left to the work, which reports it inside the run. The source stays open for
     * {@link #open()}, so that the file is opened (and a shapefile or GeoPackage read) once.
     */
    private void checkColumnsNamed() {
        if (spec.mapping() == null || !READ_THROUGH_MAPPING.contains(spec.kind())) {
            return;
        }
        List<String[]> named = MappingColumns.of(spec.mapping());
        if (filter != null) {
            named.addAll(filter.columns());
        }
        RecordSource source;
        try {
            source = RecordSource.open(spec.sourcePath(), spec.mapping().mapping().format());
        } catch (RuntimeException e) {
            return;
        }
        try {
            for (String[] columnAndKey : named) {
                source.requireColumn(columnAndKey[0], columnAndKey[1]);
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        checked = source;
    }

    /** Records the mapping's filter kept out so far. */
    public long rowsFiltered() {
        return rowsFiltered;
    }

    /**
     * Opens the run's file through its mapping: the format's reader, behind the mapping's row filter (rows it keeps
     * out are counted with their rule, never handed to the work). Every column the filter names must exist.
     */
    public RecordSource open() {
        RecordSource source = checked != null ? checked
                : RecordSource.open(spec.sourcePath(), spec.mapping().mapping().format());
        checked = null;
        if (filter == null || filter.isEmpty()) {
            return source;
        }
        try {
            return new FilteredRecordSource(source, filter.bind(source), rule -> {
                rowsFiltered++;
                filteredRules.merge(rule, 1L, Long::sum);
            });
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * The mapping's extra attributes ({@code extra:}) on the records of {@code source}; the run stores the values of
     * accepted records in {@code record_attributes} after the work's merge. Call once per run, before the first row.
     */
    public ExtraAttributes.Reader extras(RecordSource source) {
        if (extrasStage != null) {
            throw new IllegalStateException("extras(...) called twice in run " + runId);
        }
        ExtraAttributes declared = extras == null ? ExtraAttributes.NONE : extras;
        if (!declared.isEmpty()) {
            extrasStage = stage(RECORD_ATTRIBUTES);
        }
        return declared.bind(source, extrasReadable, spec.kind(), spec.sourceName(), extrasStage);
    }

    /**
     * A failure for a file that gave no record to check: empty, or (naming the rules) every record filtered out.
     */
    public BreakwaterException noRecords(String what) {
        if (rowsFiltered > 0) {
            return new BreakwaterException(ErrorCode.INVALID_INPUT, spec.sourcePath() + ": all " + rowsFiltered
                    + " " + what + " were left out by the mapping's filter (" + filteredRules.keySet()
                    + "); nothing to load");
        }
        return new BreakwaterException(ErrorCode.INVALID_INPUT, spec.sourcePath() + ": the file has a header but no "
                + what);
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

    /**
     * For derived steps, which check whole tables rather than file records: counts {@code read} rows at once, of which
     * {@code flagged} carry a finding (a break left unlinked, a pipe on no soil zone).
     */
    public void countRows(long read, long flagged) {
        rowsRead += read;
        rowsFlagged += flagged;
    }

    /** A reason the report lists beside rejects and flags, e.g. why breaks stayed unlinked. */
    public void reason(String rule, String outcome, long rows) {
        if (rows > 0) {
            notes.add(new IngestReport.ReasonCount(rule, outcome, rows));
        }
    }

    /** Runs {@code work} as one ingest run and returns its report; throws after logging a failed run. */
    public static IngestReport execute(BreakwaterStore store, Spec spec, Clock clock, ProgressListener progress, Work work) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Instant started = clock.instant();
        if (spec.sourcePath() != null && !java.nio.file.Files.isRegularFile(spec.sourcePath())) {
            // a folder, a device (/dev/zero would never end), a pipe or nothing at all: refused before any read
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, spec.sourcePath() + ": "
                    + (java.nio.file.Files.exists(spec.sourcePath()) ? "not a file (a folder, a device or a pipe)"
                            : "does not exist") + "; expected the regular file the mapping describes");
        }
        String sourceSha = spec.sourcePath() != null ? Hashing.sha256(spec.sourcePath())
                : Sha256.hex(spec.settings());
        String mappingSha = spec.mapping() == null ? null : spec.mapping().sha256();
        long runId = nextRunId(store);
        Long sameInput = store.dsl().select(DSL.max(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS)
                .where(INGEST_RUNS.SOURCE_NAME.eq(spec.sourceName()))
                .and(INGEST_RUNS.SOURCE_SHA256.eq(sourceSha))
                .and(mappingSha == null ? INGEST_RUNS.MAPPING_SHA256.isNull() : INGEST_RUNS.MAPPING_SHA256.eq(mappingSha))
                .and(INGEST_RUNS.STATUS.in("succeeded", "unchanged")).fetchOne(0, Long.class);
        IngestRun run = new IngestRun(store, spec, runId, clock, progress == null ? ProgressListener.NONE : progress);
        run.checkColumnsNamed();
        Connection connection = store.connection();
        List<CheckResult> results = List.of();
        try {
            connection.setAutoCommit(false);
            work.stage(run);
            results = run.checks.results();
            List<CheckResult> failed = results.stream().filter(CheckResult::failed).toList();
            if (!failed.isEmpty()) {
                throw new BreakwaterException(ErrorCode.QUALITY_GATE_FAILED, spec.source() + ": quality gate failed, "
                        + "nothing was loaded: " + failed.stream().map(IngestRun::describe).collect(Collectors.joining("; ")));
            }
            LoadCounts counts = work.persist(run);
            boolean extrasChanged = run.persistExtras();
            Instant finished = clock.instant();
            String status = counts.changedAnything() || extrasChanged ? "succeeded" : "unchanged";
            IngestReport report = run.report(status, counts, results, sourceSha, mappingSha, sameInput, started, finished);
            RunLog.writeRejects(run.store, runId, spec, run.rejects);
            RunLog.writeResults(run.store, runId, results, finished);
            RunLog.writeRunRow(run.store, spec, report, null);
            connection.commit();
            LOG.debug("{}", report.summary()); // the report is the caller's to show: a library run stays quiet
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
                // the rows the checks rejected are kept with their reasons: the run log of a failed run then reads
                // read = rejected + filtered + accepted but not loaded (loaded is 0), each part explained
                RunLog.writeRejects(run.store, runId, spec, run.rejects);
                RunLog.writeResults(run.store, runId, results, finished);
                RunLog.writeRunRow(run.store, spec, report, failure.getMessage() + RunLog.notLoaded(report));
                connection.commit();
            } catch (RuntimeException | SQLException logFailure) {
                rollback(connection);
                LOG.warn("could not log failed run {}: {}", runId, logFailure.getMessage());
            }
            throw failure;
        } finally {
            if (run.checked != null) { // a work that failed before opening its file
                run.checked.close();
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("restoring auto-commit", e);
            }
        }
    }

    /**
     * Merges the staged extra attributes by (kind, record, name), then drops the rows left without a value (a value
     * a newer file no longer holds); under a full refresh, the source's rows of records no longer staged go too.
     */
    private boolean persistExtras() {
        if (extrasStage == null) {
            return false;
        }
        LoadCounts merged = extrasStage.mergeInto(List.of(RECORD_ATTRIBUTES.RECORD_KIND, RECORD_ATTRIBUTES.RECORD_ID,
                RECORD_ATTRIBUTES.NAME), List.of(), spec.mode() == LoadMode.FULL_REFRESH
                        ? RECORD_ATTRIBUTES.RECORD_KIND.eq(spec.kind()).and(RECORD_ATTRIBUTES.SOURCE_NAME.eq(spec.sourceName()))
                        : null);
        int cleared = store.dsl().deleteFrom(RECORD_ATTRIBUTES).where(RECORD_ATTRIBUTES.RECORD_KIND.eq(spec.kind()))
                .and(RECORD_ATTRIBUTES.TEXT_VALUE.isNull()).and(RECORD_ATTRIBUTES.NUMBER_VALUE.isNull())
                .and(RECORD_ATTRIBUTES.DATE_VALUE.isNull()).execute();
        return merged.updated() > 0 || merged.deleted() > 0 || merged.inserted() > cleared;
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
            return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "ingest of " + spec.source()
                    + " failed in the database, nothing was loaded: " + firstLine(e.getMessage()), e);
        }
        return new BreakwaterException(ErrorCode.INTERNAL, "ingest of " + spec.source() + " failed, nothing was loaded: "
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
        filteredRules.forEach((rule, n) -> reasons.add(new IngestReport.ReasonCount(rule, "filtered", n)));
        reasons.addAll(notes);
        for (QualityCheck c : checks.all()) {
            if (c.severity() == Severity.FLAG_ROW && c.unexpected() > 0) {
                reasons.add(new IngestReport.ReasonCount(c.name(), "flagged", c.unexpected()));
            }
        }
        reasons.sort(Comparator.comparingLong(IngestReport.ReasonCount::rows).reversed()
                .thenComparing(IngestReport.ReasonCount::rule));
        long rejected = rejects.size();
        long loaded = "failed".equals(status) ? 0 : counts.loaded();
        return new IngestReport(runId, spec.kind(), spec.sourceName(), spec.source(), sourceSha, mappingSha,
                spec.mode(), status, rowsRead + rowsFiltered, loaded, counts, rejected, rowsFiltered, rowsFlagged,
                List.copyOf(reasons), results,
                List.copyOf(rejects.subList(0, Math.min(SAMPLE_REJECTS, rejects.size()))), sameInput, started, finished);
    }

}
