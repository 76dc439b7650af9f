package io.breakwater.etl;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality checks of one run, in definition order. A mapping's {@code checks:} section overrides a check's
 * severity or threshold by name; {@link #validateOverrides()} refuses an override naming no defined check.
 */
public final class QualityChecks {
    /**
     * The default threshold of row checks: the share of rows that must pass before the run warns. A check failed by
     * more than half of a file's rows means the mapping misreads a column, which must be loud.
     */
    public static final double ROW_SHARE = 0.5;
    private final Map<String, QualityCheck> checks = new LinkedHashMap<>();
    private final SourceMapping.File mapping;

    /** Checks configured by {@code mapping} (its {@code checks:} section); {@code mapping} may be {@code null}. */
    public QualityChecks(SourceMapping.File mapping) {
        this.mapping = mapping;
    }

    /**
     * Defines a check with its default severity and threshold (share of rows that must pass, 0..1; row checks
     * usually 0, since the row itself is rejected or flagged), applying the mapping's override if any.
     */
    public QualityCheck define(String name, String table, String column, Severity severity, double threshold,
            String description) {
        return define(name, table, column, severity, threshold, description, false);
    }

    /**
     * The identifier checks of {@code column} of {@code table}: {@code NAME_not_null} ("ID present") and
     * {@code NAME_unique} ("ID unique in the file"), each rejecting the row, where ID is the column's words
     * ({@code pipe_id}: pipe id).
     */
    public IdentifierCheck identifier(String name, String table, String column) {
        String what = column.replace('_', ' ');
        return new IdentifierCheck(define(name + "_not_null", table, column, Severity.REJECT_ROW, ROW_SHARE,
                what + " present"), define(name + "_unique", table, column, Severity.REJECT_ROW, ROW_SHARE,
                what + " unique in the file"), column);
    }

    /**
     * Like {@link #define}, for a {@link Severity#REJECT_ROW} check whose failing rows can still be stored, so that a
     * mapping may lower it (the ingest then keeps such rows). A check defined by {@link #define} with reject_row keeps
     * out rows that cannot be stored (no id, no date, no usable geometry, a repeated key): a mapping that lowers it
     * is refused, naming the key, before any row is read.
     */
    public QualityCheck defineRelaxable(String name, String table, String column, Severity severity,
            double threshold, String description) {
        return define(name, table, column, severity, threshold, description, true);
    }

    private QualityCheck define(String name, String table, String column, Severity severity, double threshold,
            String description, boolean relaxable) {
        if (checks.containsKey(name)) {
            throw new IllegalArgumentException("check " + name + " defined twice");
        }
        Severity s = severity;
        double t = threshold;
        SourceMapping.CheckSetting override = overrides().get(name);
        if (override != null) {
            if (override.severity() != null) {
                s = Severity.parse(override.severity());
                if (s == null) {
                    throw invalid("checks." + name + ".severity", "expected reject_row, flag_row, warn_run or fail_run, found '"
                            + override.severity() + "'");
                }
                if (severity == Severity.REJECT_ROW && s != Severity.REJECT_ROW && !relaxable) {
                    throw invalid("checks." + name + ".severity", "must stay reject_row: a row that fails " + name
                            + " (" + description + ") cannot be stored");
                }
            }
            if (override.threshold() != null) {
                t = override.threshold();
                if (t < 0 || t > 1 || Double.isNaN(t)) {
                    throw invalid("checks." + name + ".threshold", "expected a share between 0 and 1, found " + t);
                }
            }
        }
        QualityCheck check = new QualityCheck(name, table, column, s, t, description);
        checks.put(name, check);
        return check;
    }

    /** Refuses overrides of checks that were never defined (a typo in the mapping). */
    public void validateOverrides() {
        for (String name : overrides().keySet()) {
            if (!checks.containsKey(name)) {
                throw invalid("checks." + name, "unknown check; this ingest defines " + checks.keySet());
            }
        }
    }

    public QualityCheck get(String name) {
        return checks.get(name);
    }

    public List<QualityCheck> all() {
        return List.copyOf(checks.values());
    }

    public List<CheckResult> results() {
        List<CheckResult> results = new ArrayList<>();
        for (QualityCheck c : checks.values()) {
            results.add(c.result());
        }
        return results;
    }

    private Map<String, SourceMapping.CheckSetting> overrides() {
        if (mapping == null || mapping.mapping().checks() == null) {
            return Map.of();
        }
        return mapping.mapping().checks();
    }

    private BreakwaterException invalid(String key, String problem) {
        return mapping == null ? new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, key + ": " + problem)
                : mapping.invalid(key, problem);
    }
}
