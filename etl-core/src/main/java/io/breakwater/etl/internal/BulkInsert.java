package io.breakwater.etl.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.BatchBindStep;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The fastest correct way to append many rows to one table of a store, inside the caller's transaction: DuckDB's
 * appender, or batched prepared inserts (rendered by jOOQ) on SQLite. Values come in the table's field order.
 */
public final class BulkInsert implements AutoCloseable {
    private static final int SQLITE_BATCH = 2_000;
    private final BreakwaterStore store;
    private final Table<?> table;
    private final Field<?>[] fields;
    private final DuckDBAppender appender;
    private final List<Object[]> pending;
    private long rows;
    private boolean closed;

    public BulkInsert(BreakwaterStore store, Table<?> table) {
        this(store, table.getName(), table.fields());
    }

    /** Appends to the table named {@code tableName} whose columns are {@code columns} (names and types). */
    public BulkInsert(BreakwaterStore store, String tableName, Field<?>[] columns) {
        this.store = store;
        this.table = DSL.table(DSL.name(tableName));
        this.fields = java.util.Arrays.stream(columns).map(f -> DSL.field(DSL.name(f.getName()), f.getDataType()))
                .toArray(Field[]::new);
        try {
            this.appender = store.isDuckDb()
                    ? store.connection().unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                            table.getName())
                    : null;
        } catch (SQLException e) {
            throw failure(e);
        }
        this.pending = appender == null ? new ArrayList<>(SQLITE_BATCH) : null;
    }

    /** Appends one row; {@code values} in the order of the table's fields. */
    public void add(Object... values) {
        if (values.length != fields.length) {
            throw new IllegalArgumentException(table.getName() + ": expected " + fields.length + " values, got " + values.length);
        }
        rows++;
        if (appender == null) {
            pending.add(values);
            if (pending.size() >= SQLITE_BATCH) {
                flushSqlite();
            }
            return;
        }
        try {
            appender.beginRow();
            for (Object v : values) {
                appendValue(v);
            }
            appender.endRow();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Writes what is buffered; the rows stay inside the caller's transaction. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (appender == null) {
            flushSqlite();
            return;
        }
        try {
            appender.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void appendValue(Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
        } else if (v instanceof String s) {
            appender.append(s);
        } else if (v instanceof Long l) {
            appender.append(l.longValue());
        } else if (v instanceof Integer i) {
            appender.append(i.intValue());
        } else if (v instanceof Double d) {
            appender.append(d.doubleValue());
        } else if (v instanceof LocalDate d) {
            appender.append(d);
        } else if (v instanceof LocalDateTime t) {
            appender.append(t);
        } else if (v instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (v instanceof BigDecimal b) {
            appender.append(b.doubleValue());
        } else {
            throw new IllegalArgumentException("cannot append a " + v.getClass().getName() + " to " + table.getName());
        }
    }

    private void flushSqlite() {
        if (pending.isEmpty()) {
            return;
        }
        Object[] nulls = new Object[fields.length];
        BatchBindStep batch = store.dsl().batch(store.dsl().insertInto(table).columns(fields).values(nulls));
        for (Object[] row : pending) {
            batch.bind(row);
        }
        batch.execute();
        pending.clear();
    }

    private BreakwaterException failure(SQLException e) {
        return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                "cannot write to " + table.getName() + " in " + store.location() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "BulkInsert[" + table.getName() + ", " + Arrays.toString(fields) + "]";
    }
}
