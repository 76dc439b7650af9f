package io.breakwater.turso;

import java.util.List;

/**
 * The outcome of a parity check between two stores.
 *
 * @param storeA            store A, as described to a user
 * @param storeB            store B
 * @param schemaVersionA    A's schema version ({@code null}: none)
 * @param schemaVersionB    B's schema version
 * @param significantDigits the float tolerance: doubles were rounded to this many significant digits before hashing
 * @param exclusions        what the check was told to leave out of the content comparison
 * @param tables            every contract table, in name order
 * @param differences       one line per difference (schema version, then tables); empty when the stores agree
 */
public record ParityResult(String storeA, String storeB, String schemaVersionA, String schemaVersionB,
        int significantDigits, ParityExclusions exclusions, List<TableParity> tables, List<String> differences) {

    public ParityResult {
        tables = List.copyOf(tables);
        differences = List.copyOf(differences);
    }

    /** Whether the two stores hold the same schema version and the same contents (in the compared columns). */
    public boolean same() {
        return differences.isEmpty();
    }

    /** The tables that differ. */
    public List<TableParity> differingTables() {
        return tables.stream().filter(t -> !t.same()).toList();
    }

    /**
     * What was actually left out, one line per table: {@code "ingest_runs: started_at, finished_at"}, or
     * {@code "feature_build_months: content (row counts compared)"}. Empty when every column of every table was
     * compared.
     */
    public List<String> leftOut() {
        return tables.stream().filter(t -> !t.contentCompared() || !t.columnsLeftOut().isEmpty())
                .map(t -> t.table() + ": " + (t.contentCompared() ? String.join(", ", t.columnsLeftOut())
                        : "content (row counts compared)"))
                .toList();
    }
}
