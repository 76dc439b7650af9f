package io.breakwater.etl;

import java.util.HashSet;
import java.util.Set;

/**
 * The two row checks of a record's identifier, for one file: {@code NAME_not_null} (the id is not empty) and
 * {@code NAME_unique} (no earlier row of the file held it), both rejecting the row. Defined by
 * {@link QualityChecks#identifier}; each ingest of records with an id (pipes, soil zones) checks them the same way.
 */
public final class IdentifierCheck {
    private final QualityCheck present;
    private final QualityCheck unique;
    private final String column;
    private final String what;
    private final Set<String> seen = new HashSet<>();

    IdentifierCheck(QualityCheck present, QualityCheck unique, String column) {
        this.present = present;
        this.unique = unique;
        this.column = column;
        this.what = column.replace('_', ' ');
    }

    /**
     * Checks {@code id} of the row {@code verdict} judges; {@code at} places the row in messages ("line 12"):
     * "line 12: pipe id is empty", "line 12: pipe id 'P1' appears more than once in the file".
     */
    public void check(RowVerdict verdict, String id, String at) {
        if (verdict.check(present, id != null, column, id, at + ": " + what + " is empty")) {
            verdict.check(unique, seen.add(id), column, id, at + ": " + what + " '" + id + "' appears more than once "
                    + "in the file");
        }
    }
}
