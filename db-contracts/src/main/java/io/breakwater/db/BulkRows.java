package io.breakwater.db;

import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Writes a whole list of rows into one table through a {@link BulkWriter} (DuckDB's appender, or multi-row inserts
 * bounded by SQLite's bind-value limit), on the context's connection, so inside its transaction.
 */
public final class BulkRows {
    private BulkRows() {
    }

    /** Inserts {@code rows} (every column, in the table's column order) into {@code table}; returns the row count. */
    public static <R extends TableRecord<R>> long insert(DSLContext dsl, Table<R> table, Collection<R> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (BulkWriter writer = BulkWriter.open(dsl, table)) {
            for (R row : rows) {
                writer.add(row.intoArray());
            }
            return writer.rows();
        }
    }

    /**
     * Inserts value rows into a table that has no generated class (a working table made at run time): each row
     * holds one value per field, in the order of {@code fields}, which must be every column of the table.
     */
    public static long insert(DSLContext dsl, Table<?> table, List<Field<?>> fields, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (BulkWriter writer = BulkWriter.open(dsl, table.getUnqualifiedName(), fields.toArray(Field<?>[]::new))) {
            rows.forEach(writer::add);
            return writer.rows();
        }
    }
}
