package io.breakwater.turso;

/**
 * One contract table compared on two stores.
 *
 * @param table     the table
 * @param presentA  whether store A has the table
 * @param presentB  whether store B has the table
 * @param rowsA     rows in A (0 when absent)
 * @param rowsB     rows in B (0 when absent)
 * @param checksumA content checksum in A (SHA-256 hex), {@code null} when absent
 * @param checksumB content checksum in B, {@code null} when absent
 */
public record TableParity(String table, boolean presentA, boolean presentB, long rowsA, long rowsB, String checksumA,
        String checksumB) {

    /** Whether both stores hold this table with the same rows. */
    public boolean same() {
        return presentA && presentB && rowsA == rowsB && checksumA.equals(checksumB);
    }

    /** A one-line description of the difference, or {@code null} when there is none. */
    public String difference() {
        if (!presentA || !presentB) {
            return table + ": missing in " + (!presentA && !presentB ? "both stores" : !presentA ? "A" : "B");
        }
        if (rowsA != rowsB) {
            return table + ": row counts differ (A " + rowsA + ", B " + rowsB + ")";
        }
        if (!checksumA.equals(checksumB)) {
            return table + ": same " + rowsA + " rows but contents differ (checksum A " + checksumA.substring(0, 12)
                    + ", B " + checksumB.substring(0, 12) + ")";
        }
        return null;
    }
}
