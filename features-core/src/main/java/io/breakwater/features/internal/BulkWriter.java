package io.breakwater.features.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Writes many small rows computed in Java (assets, neighbour pairs, break-to-cell links). On DuckDB through its
 * appender (the bulk path, in the connection's open transaction); elsewhere as multi-row INSERTs through jOOQ.
 */
public final class BulkWriter {
    private static final int ROWS_PER_INSERT = 500;

    private BulkWriter() {
    }

    /** Appends {@code records} (all columns, in the table's column order) to {@code table}; returns the row count. */
    public static <R extends TableRecord<R>> long write(DSLContext ctx, boolean duckDb, Table<R> table, List<R> records) {
        if (records.isEmpty()) {
            return 0;
        }
        if (duckDb) {
            ctx.connection(c -> append(c, table, records));
        } else {
            for (int from = 0; from < records.size(); from += ROWS_PER_INSERT) {
                List<R> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_INSERT));
                ctx.insertInto(table).columns(table.fields()).valuesOfRecords(chunk).execute();
            }
        }
        return records.size();
    }

    private static <R extends TableRecord<R>> void append(Connection connection, Table<R> table, List<R> records)
            throws SQLException {
        Field<?>[] fields = table.fields();
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.getName())) {
            for (R record : records) {
                appender.beginRow();
                for (Field<?> field : fields) {
                    appendValue(appender, table, field, record.get(field));
                }
                appender.endRow();
            }
            appender.flush();
        }
    }

    private static void appendValue(DuckDBAppender appender, Table<?> table, Field<?> field, Object value)
            throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String s) {
            appender.append(s);
        } else if (value instanceof Integer i) {
            appender.append(i.intValue());
        } else if (value instanceof Long l) {
            appender.append(l.longValue());
        } else if (value instanceof Double d) {
            appender.append(d.doubleValue());
        } else if (value instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (value instanceof LocalDate d) {
            appender.append(d);
        } else if (value instanceof LocalDateTime t) {
            appender.append(t);
        } else {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot append " + value.getClass().getSimpleName()
                    + " to " + table.getName() + "." + field.getName());
        }
    }
}
