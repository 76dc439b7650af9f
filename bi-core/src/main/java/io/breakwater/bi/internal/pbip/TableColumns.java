package io.breakwater.bi.internal.pbip;

import java.util.List;

/**
 * The columns of one exported table as its file holds them, read back from the file (or, for CSV, from the query that
 * wrote it), so that the model is generated from what was exported and never from a list kept by hand.
 *
 * @param table   the star table
 * @param file    the file name inside the export folder
 * @param columns the columns in file order
 */
public record TableColumns(String table, String file, List<Column> columns) {

    public TableColumns {
        columns = List.copyOf(columns);
    }

    /** Whether the table has a column of that name. */
    public boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    /**
     * One column.
     *
     * @param name     the column name
     * @param duckType its DuckDB type as DESCRIBE names it (VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP)
     */
    public record Column(String name, String duckType) {
    }
}
