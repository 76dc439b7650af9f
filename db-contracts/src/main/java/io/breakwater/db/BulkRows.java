package io.breakwater.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Writes many generated-class records into one table, the fastest portable way: DuckDB's appender on DuckDB (a
 * multi-row VALUES with thousands of bind values is slow there), multi-row inserts rendered by jOOQ elsewhere, in
 * chunks below SQLite's bind-value limit. Runs on the context's connection, so inside its transaction.
 */
public final class BulkRows {
    private static final int BIND_VALUES_PER_INSERT = 20_000;

    private BulkRows() {
    }

    /** Inserts {@code rows} (every column, in the table's column order) into {@code table}; returns the row count. */
    public static <R extends TableRecord<R>> long insert(DSLContext dsl, Table<R> table, Collection<R> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        if (dsl.dialect() == SQLDialect.DUCKDB) {
            dsl.connection(connection -> append(connection, table, rows));
        } else {
            List<R> list = rows instanceof List<R> l ? l : new ArrayList<>(rows);
            int chunk = Math.max(1, BIND_VALUES_PER_INSERT / table.fields().length);
            for (int from = 0; from < list.size(); from += chunk) {
                dsl.insertInto(table).columns(table.fields())
                        .valuesOfRecords(list.subList(from, Math.min(list.size(), from + chunk))).execute();
            }
        }
        return rows.size();
    }

    private static <R extends TableRecord<R>> void append(Connection connection, Table<R> table, Collection<R> rows)
            throws SQLException {
        Field<?>[] fields = table.fields();
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.getName())) {
            for (R row : rows) {
                appender.beginRow();
                for (Field<?> field : fields) {
                    append(appender, table, field, row.get(field));
                }
                appender.endRow();
            }
            appender.flush();
        }
    }

    private static void append(DuckDBAppender appender, Table<?> table, Field<?> field, Object value)
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
