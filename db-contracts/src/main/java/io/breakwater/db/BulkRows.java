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
    /**
     * Bind values per multi-row insert elsewhere than DuckDB: above SQLite's historical limit of 999, jOOQ inlines
     * every value into the SQL text, and a few area polygons then exceed SQLite's statement length (SQLITE_TOOBIG).
     */
    private static final int BIND_VALUES_PER_INSERT = 999;

    private BulkRows() {
    }

    /** Inserts {@code rows} (every column, in the table's column order) into {@code table}; returns the row count. */
    public static <R extends TableRecord<R>> long insert(DSLContext dsl, Table<R> table, Collection<R> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        if (dsl.dialect() == SQLDialect.DUCKDB) {
            dsl.connection(connection -> append(connection, table, table.fields(), rows, (row, i) -> row.get(i)));
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

    /**
     * Inserts value rows into a table that has no generated class (a working table made at run time): each row
     * holds one value per field, in the order of {@code fields}, which must be every column of the table.
     */
    public static long insert(DSLContext dsl, Table<?> table, List<Field<?>> fields, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Field<?>[] columns = fields.toArray(Field<?>[]::new);
        if (dsl.dialect() == SQLDialect.DUCKDB) {
            dsl.connection(connection -> append(connection, table, columns, rows, (row, i) -> row[i]));
        } else {
            int chunk = Math.max(1, BIND_VALUES_PER_INSERT / columns.length);
            for (int from = 0; from < rows.size(); from += chunk) {
                var insert = dsl.insertInto(table).columns(columns);
                for (Object[] row : rows.subList(from, Math.min(rows.size(), from + chunk))) {
                    insert = insert.values(row);
                }
                insert.execute();
            }
        }
        return rows.size();
    }

    private static <T> void append(Connection connection, Table<?> table, Field<?>[] fields, Collection<T> rows,
            ObjIntFunction<T> value) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.getName())) {
            for (T row : rows) {
                appender.beginRow();
                for (int i = 0; i < fields.length; i++) {
                    append(appender, table, fields[i], value.apply(row, i));
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

    /** The value of a row's i-th column. */
    @FunctionalInterface
    private interface ObjIntFunction<T> {
        Object apply(T row, int column);
    }
}
