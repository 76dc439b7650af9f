package io.breakwater.turso;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a parity check leaves out of the content comparison: whole tables (whose presence and row counts are still
 * compared) and columns, each named either {@code column} (in every table that has it) or {@code table.column}.
 *
 * <p>{@link #NONE} compares everything: the right check for a published copy against its source.
 * {@link #RUN_TIME} leaves out what legitimately differs between two runs of the same pipeline on the same inputs
 * (clock readings, file locations, timings), so that two runs compare equal exactly when they computed the same
 * data: see {@code docs/backends.md} for the list and why each entry is there.
 *
 * @param tables  tables whose content is not compared, lower case
 * @param columns columns not compared, lower case, {@code column} or {@code table.column}
 */
public record ParityExclusions(Set<String> tables, Set<String> columns) {
    /** Nothing left out: every column of every table is compared. */
    public static final ParityExclusions NONE = new ParityExclusions(Set.of(), Set.of());

    /**
     * The columns that hold when or where a run happened rather than what it computed: clock readings, a duration,
     * file locations, and the BI tables' copies of them. Listed and explained in docs/backends.md.
     */
    public static final ParityExclusions RUN_TIME = new ParityExclusions(Set.of(), Set.of(
            // clock readings of ingest runs, quality checks, feature builds, training and scoring
            "ingest_runs.started_at", "ingest_runs.finished_at", "dq_results.checked_at",
            "feature_sets.as_of", "feature_sets.built_at", "feature_sets.build_millis",
            "model_registry.created_at", "model_evaluations.created_at", "pipe_break_risk_scores.scored_at",
            "forecast_runs.created_at",
            // where the run read its files and wrote its model files (the inputs' content stays compared through
            // ingest_runs.source_sha256/mapping_sha256, the model's through model_registry.artifact_sha256)
            "ingest_runs.source_path", "model_registry.artifact_path",
            // BI copies of the same readings
            "dim_model.created_at", "fct_ingest_run.started_at", "fct_ingest_run.date_key",
            "fct_dq_result.date_key"));

    public ParityExclusions {
        tables = normalise(tables);
        columns = normalise(columns);
        for (String column : columns) {
            if (column.isEmpty() || column.startsWith(".") || column.endsWith(".") || column.chars().filter(c -> c == '.').count() > 1) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot leave out column '" + column
                        + "': expected COLUMN or TABLE.COLUMN");
            }
        }
    }

    /**
     * Exclusions from comma-separated lists as a user types them ({@code "ingest_runs, feature_build_months"},
     * {@code "scored_at,model_registry.created_at"}); {@code null}, blank or {@code none} is an empty list.
     */
    public static ParityExclusions parse(String tables, String columns) {
        return new ParityExclusions(split(tables), split(columns));
    }

    /** These exclusions and {@code other}'s together. */
    public ParityExclusions and(ParityExclusions other) {
        Set<String> t = new LinkedHashSet<>(tables);
        t.addAll(other.tables);
        Set<String> c = new LinkedHashSet<>(columns);
        c.addAll(other.columns);
        return new ParityExclusions(t, c);
    }

    /** Whether the content of {@code table} is left out. */
    public boolean leavesOutTable(String table) {
        return tables.contains(table.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code column} of {@code table} is left out. */
    public boolean leavesOut(String table, String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return columns.contains(c) || columns.contains(table.toLowerCase(Locale.ROOT) + "." + c);
    }

    /** Whether nothing is left out. */
    public boolean isEmpty() {
        return tables.isEmpty() && columns.isEmpty();
    }

    /** The lists as a user would type them, e.g. {@code "tables: none; columns: a.b, c"}. */
    public String describe() {
        return "tables: " + (tables.isEmpty() ? "none" : String.join(", ", tables)) + "; columns: "
                + (columns.isEmpty() ? "none" : String.join(", ", columns));
    }

    private static Set<String> split(String list) {
        if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("none")) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> normalise(Collection<String> names) {
        List<String> sorted = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).sorted().distinct().toList();
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
    }
}
