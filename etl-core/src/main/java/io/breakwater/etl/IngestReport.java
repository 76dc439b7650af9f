package io.breakwater.etl;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The result of one ingest run, fit for JSON and reports; the same figures are in {@code ingest_runs},
 * {@code rejected_rows} and {@code dq_results}. Always {@code rowsRead == rowsLoaded + rowsRejected + rowsFiltered}.
 *
 * @param runId             the run's id in {@code ingest_runs}
 * @param kind              breaks, areas, climate, soil, pipes
 * @param sourceName        the mapping's {@code source}
 * @param sourcePath        the file read
 * @param sourceSha256      the file's SHA-256
 * @param mappingSha256     the mapping file's SHA-256
 * @param mode              incremental or full refresh
 * @param status            {@code succeeded} (something changed) or {@code unchanged}
 * @param rowsRead          records read
 * @param rowsLoaded        records accepted (inserted + updated + unchanged)
 * @param counts            inserted / updated / unchanged / deleted by natural key
 * @param rowsRejected      records sent to {@code rejected_rows}
 * @param rowsFiltered      records the mapping's {@code filter:} kept out (neither loaded nor rejected)
 * @param rowsFlagged       accepted records carrying at least one flag
 * @param reasons           rejection rules, filter rules and flags, most frequent first
 * @param checks            every quality check's result
 * @param sampleRejects     the first rejects (at most 20), for the summary
 * @param sameInputAsRun    an earlier successful run of the same source with the same file and mapping, or null
 * @param startedAt         start of the run
 * @param finishedAt        end of the run
 */
public record IngestReport(long runId, String kind, String sourceName, String sourcePath, String sourceSha256,
        String mappingSha256, LoadMode mode, String status, long rowsRead, long rowsLoaded, LoadCounts counts,
        long rowsRejected, long rowsFiltered, long rowsFlagged, List<ReasonCount> reasons, List<CheckResult> checks,
        List<Reject> sampleRejects, Long sameInputAsRun, Instant startedAt, Instant finishedAt) {

    /**
     * How often a rule rejected or flagged a row.
     *
     * @param rule    check name
     * @param outcome {@code rejected}, {@code filtered} or {@code flagged}
     * @param rows    number of rows
     */
    public record ReasonCount(String rule, String outcome, long rows) {
    }

    public double seconds() {
        return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }

    /**
     * Checks that warn the run: run-level checks that warned, and row checks failed by more rows than their
     * threshold allows (by default half of them: the mapping probably misreads a column).
     */
    public List<CheckResult> warnings() {
        return checks.stream().filter(CheckResult::warnsRun).toList();
    }

    /** One line for people. */
    public String summary() {
        String what = counts.changedAnything()
                ? String.format(Locale.ROOT, "%,d inserted, %,d updated, %,d unchanged%s", counts.inserted(),
                        counts.updated(), counts.unchanged(),
                        counts.deleted() > 0 ? String.format(Locale.ROOT, ", %,d deleted", counts.deleted()) : "")
                : "nothing new: " + String.format(Locale.ROOT, "%,d", counts.unchanged()) + " rows already loaded"
                        + (sameInputAsRun != null ? " (same file and mapping as run " + sameInputAsRun + ")" : "");
        String filtered = rowsFiltered == 0 ? "" : String.format(Locale.ROOT, ", filtered %,d", rowsFiltered);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s %s: run %d %s; read %,d, loaded %,d, rejected %,d%s, flagged %,d; %s (%.1f s)", kind, sourceName,
                runId, status, rowsRead, rowsLoaded, rowsRejected, filtered, rowsFlagged, what, seconds()));
        for (CheckResult w : warnings()) {
            line.append(System.lineSeparator()).append("  WARNING ").append(w.checkName()).append(": ").append(w.message());
        }
        return line.toString();
    }
}
