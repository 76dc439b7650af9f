package io.breakwater.turso;

import java.util.List;

/**
 * One contract table compared on two stores.
 *
 * @param table             the table
 * @param presentA          whether store A has the table
 * @param presentB          whether store B has the table
 * @param rowsA             rows in A (0 when absent)
 * @param rowsB             rows in B (0 when absent)
 * @param checksumA         content checksum in A (SHA-256 hex over the compared columns), {@code null} when absent
 *                          or when the table's content is not compared
 * @param checksumB         content checksum in B, likewise
 * @param contentCompared   {@code false} when the table was left out of the content comparison (row counts only)
 * @param columnsLeftOut    the table's columns left out of the checksums, in column order
 * @param differingColumns  the compared columns whose values differ, in column order (empty when the same)
 */
public record TableParity(String table, boolean presentA, boolean presentB, long rowsA, long rowsB, String checksumA,
        String checksumB, boolean contentCompared, List<String> columnsLeftOut, List<String> differingColumns) {

    public TableParity {
        columnsLeftOut = List.copyOf(columnsLeftOut);
        differingColumns = List.copyOf(differingColumns);
    }

    /** Whether both stores hold this table with the same rows (in the compared columns). */
    public boolean same() {
        return presentA && presentB && rowsA == rowsB && (!contentCompared || checksumA.equals(checksumB));
    }

    /** A one-line description of the difference, or {@code null} when there is none. */
    public String difference() {
        if (!presentA || !presentB) {
            return table + ": missing in " + (!presentA && !presentB ? "both stores" : !presentA ? "A" : "B");
        }
        if (rowsA != rowsB) {
            return table + ": row counts differ (A " + rowsA + ", B " + rowsB + ")";
        }
        if (contentCompared && !checksumA.equals(checksumB)) {
            return table + ": same " + rowsA + " rows but contents differ"
                    + (differingColumns.isEmpty() ? "" : " in " + String.join(", ", differingColumns))
                    + " (checksum A " + checksumA.substring(0, 12) + ", B " + checksumB.substring(0, 12) + ")";
        }
        return null;
    }
}
