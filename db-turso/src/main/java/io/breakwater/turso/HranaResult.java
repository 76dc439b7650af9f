package io.breakwater.turso;

import java.util.List;

/**
 * The result of one statement.
 *
 * @param columns          the column names
 * @param rows             the rows, each a list of values in column order
 * @param affectedRowCount rows changed by an insert, update or delete
 */
public record HranaResult(List<String> columns, List<List<HranaValue>> rows, long affectedRowCount) {
    public HranaResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The single value of a one-row, one-column result, or {@code null} when there is no row. */
    public HranaValue singleValue() {
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }
}
