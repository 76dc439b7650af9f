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
 * @param tables            every contract table, in name order
 * @param differences       one line per difference (schema version, then tables); empty when the stores agree
 */
public record ParityResult(String storeA, String storeB, String schemaVersionA, String schemaVersionB,
        int significantDigits, List<TableParity> tables, List<String> differences) {

    public ParityResult {
        tables = List.copyOf(tables);
        differences = List.copyOf(differences);
    }

    /** Whether the two stores hold the same schema version and the same contents. */
    public boolean same() {
        return differences.isEmpty();
    }

    /** The tables that differ. */
    public List<TableParity> differingTables() {
        return tables.stream().filter(t -> !t.same()).toList();
    }
}
