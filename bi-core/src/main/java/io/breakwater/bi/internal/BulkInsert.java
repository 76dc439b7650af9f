package io.breakwater.bi.internal;

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
import org.jooq.exception.DataAccessException;

/**
 * Writes many rows of one table. DuckDB gets its appender (a multi-row VALUES with thousands of bind values is slow
 * there); every other database gets multi-row inserts rendered by jOOQ, in chunks below SQLite's bind-value limit.
 */
public final class BulkInsert {
    private BulkInsert() {
    }

    public static <R extends TableRecord<R>> void insert(DSLContext dsl, Table<R> table, Collection<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (dsl.dialect() == SQLDialect.DUCKDB) {
            appendDuckDb(dsl, table, rows);
            return;
        }
        List<R> list = rows instanceof List<R> l ? l : new ArrayList<>(rows);
        int chunk = Math.max(1, 20_000 / table.fields().length);
        for (int from = 0; from < list.size(); from += chunk) {
            dsl.insertInto(table).columns(table.fields())
                    .valuesOfRecords(list.subList(from, Math.min(list.size(), from + chunk))).execute();
        }
    }

    private static <R extends TableRecord<R>> void appendDuckDb(DSLContext dsl, Table<R> table, Collection<R> rows) {
        Connection connection = dsl.configuration().connectionProvider().acquire();
        try {
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            Field<?>[] fields = table.fields();
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.getName())) {
                for (R row : rows) {
                    appender.beginRow();
                    for (Field<?> field : fields) {
                        append(appender, row.get(field));
                    }
                    appender.endRow();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("appending to " + table.getName() + ": " + e.getMessage(), e);
        } finally {
            dsl.configuration().connectionProvider().release(connection);
        }
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
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
            throw new IllegalArgumentException("no appender mapping for " + value.getClass().getName());
        }
    }
}
