package io.breakwater.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * The one way Breakwater appends many rows to a table, inside the caller's transaction (the context's connection):
 * DuckDB's appender on DuckDB; on SQLite, multi-row inserts of as many rows as fit in one statement's bind values
 * ({@link #SQLITE_MAX_VARIABLES}, or the connection's own lower limit). Values come one row at a time, one value per
 * column in the order the writer was opened with, which must be every column of the table in table order.
 *
 * <p>{@link #inBackground} writes on a thread of its own, so that the caller's work on the next rows overlaps the
 * database's work on the last ones. Rows still go in order, into the same connection and transaction; while such a
 * writer is open the caller must not use the connection, and must {@link #close} it (or {@link #abandon} it on
 * failure) before it does. {@link BulkRows} writes a whole list at once.
 */
public final class BulkWriter implements AutoCloseable {
    /**
     * SQLite's default limit on bind values in one statement ({@code SQLITE_MAX_VARIABLE_NUMBER}, 32,766 since SQLite
     * 3.32), also the bound for statements sent to Turso. A multi-row insert takes {@code limit / columns} rows.
     */
    public static final int SQLITE_MAX_VARIABLES = 32_766;
    private static final int HANDOFF_BATCH = 1_024;
    private static final Object[][] END = new Object[0][];
    private final DSLContext dsl;
    private final Table<?> table;
    private final Field<?>[] fields;
    private final boolean duckDb;
    private final int rowsPerInsert;
    private final List<Object[]> pending;
    /** Connections a background writer is appending on, with how many. */
    private static final Map<Connection, Integer> BACKGROUND = Collections.synchronizedMap(new WeakHashMap<>());
    private final Connection connection; // DuckDB only
    private DuckDBAppender appender; // confined to the thread that writes
    private final BlockingQueue<Object[][]> handoff;
    private final Thread writer;
    private volatile Throwable writerFailure;
    private Object[][] batch;
    private int inBatch;
    private long rows;
    private boolean closed;

    private BulkWriter(DSLContext dsl, Name table, Field<?>[] columns, boolean background) {
        if (columns.length == 0) {
            throw new IllegalArgumentException(table + ": no columns to write");
        }
        this.table = DSL.table(table);
        this.fields = Arrays.stream(columns).map(f -> DSL.field(DSL.name(f.getName()), f.getDataType()))
                .toArray(Field<?>[]::new);
        this.duckDb = dsl.dialect() == SQLDialect.DUCKDB;
        int maxVariables = duckDb ? 0 : maxVariables(dsl);
        this.rowsPerInsert = Math.max(1, maxVariables / fields.length);
        // jOOQ inlines every value past its dialect default (999 on SQLite); bind up to the real limit instead
        this.dsl = duckDb ? dsl : DSL.using(dsl.configuration().derive(
                SettingsTools.clone(dsl.settings()).withInlineThreshold(maxVariables)));
        this.pending = duckDb ? null : new ArrayList<>(rowsPerInsert);
        if (duckDb) {
            this.connection = dsl.configuration().connectionProvider().acquire();
            try {
                beginTransaction(connection);
            } catch (SQLException e) {
                throw failure(e);
            }
            if (!background) {
                this.appender = openAppender();
            }
        } else {
            this.connection = null;
        }
        if (background) {
            if (connection != null) {
                BACKGROUND.merge(connection, 1, Integer::sum);
            }
            this.handoff = new ArrayBlockingQueue<>(8);
            this.batch = new Object[HANDOFF_BATCH][];
            this.writer = new Thread(this::writeHandedOff, "bulk-writer-" + this.table.getName());
            writer.setDaemon(true);
            writer.start();
        } else {
            this.handoff = null;
            this.writer = null;
        }
    }

    /** A writer to every column of {@code table}, on the context's connection. */
    public static BulkWriter open(DSLContext dsl, Table<?> table) {
        return new BulkWriter(dsl, table.getUnqualifiedName(), table.fields(), false);
    }

    /**
     * A writer to the table named {@code table} (one made at run time, without a generated class) whose columns are
     * {@code columns} (names and types, every column in table order).
     */
    public static BulkWriter open(DSLContext dsl, Name table, Field<?>... columns) {
        return new BulkWriter(dsl, table, columns, false);
    }

    /** Like {@link #open(DSLContext, Name, Field[])}, writing on a thread of its own (see the class). */
    public static BulkWriter inBackground(DSLContext dsl, Name table, Field<?>... columns) {
        return new BulkWriter(dsl, table, columns, true);
    }

    /** Bind values one statement may hold on this SQLite connection: its own limit, at most the default. */
    private static int maxVariables(DSLContext dsl) {
        return dsl.connectionResult(c -> {
            if (c.isWrapperFor(SQLiteConnection.class)) {
                int own = c.unwrap(SQLiteConnection.class).getDatabase()
                        .limit(SQLiteLimits.SQLITE_LIMIT_VARIABLE_NUMBER.getId(), -1);
                return own > 0 ? Math.min(own, SQLITE_MAX_VARIABLES) : SQLITE_MAX_VARIABLES;
            }
            return SQLITE_MAX_VARIABLES;
        });
    }

    /** Rows a multi-row insert holds on this connection (DuckDB: 1, it appends instead). */
    int rowsPerInsert() {
        return rowsPerInsert;
    }

    /** Appends one row; {@code values} in the order of the writer's columns. */
    public void add(Object... values) {
        if (values.length != fields.length) {
            throw new IllegalArgumentException(table.getName() + ": expected " + fields.length + " values, got "
                    + values.length);
        }
        if (closed) {
            throw new IllegalStateException("the writer of " + table.getName() + " is closed");
        }
        rows++;
        if (writer != null) {
            batch[inBatch++] = values;
            if (inBatch == HANDOFF_BATCH) {
                handOff(batch);
                batch = new Object[HANDOFF_BATCH][];
                inBatch = 0;
            }
            return;
        }
        write(values);
    }

    /** Rows added so far. */
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
        if (writer != null) {
            handOff(Arrays.copyOf(batch, inBatch));
            handOff(END);
            awaitWriter();
            rethrowWriterFailure();
            return;
        }
        finish();
    }

    /**
     * After a failure elsewhere: stops a background writer without waiting for the rows it has not written, so that
     * the caller may roll back. The rows written so far stay in the transaction the caller rolls back.
     */
    public void abandon() {
        if (closed || writer == null) {
            return;
        }
        closed = true;
        writer.interrupt();
        awaitWriter();
    }

    /**
     * DuckDB begins a JDBC transaction at its first statement, and an appender is none: unless a statement ran first,
     * the appended rows would commit on their own instead of with the caller's work. So one runs here, on the
     * caller's thread, unless a background writer is busy on the connection (its own opening began the transaction,
     * and a statement now would collide with its appends).
     */
    private static void beginTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit() && !BACKGROUND.containsKey(connection)) {
            try (var begin = connection.createStatement()) {
                begin.execute("SELECT 1");
            }
        }
    }

    private DuckDBAppender openAppender() {
        try {
            return connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                    table.getName());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void write(Object[] values) {
        if (!duckDb) {
            pending.add(values);
            if (pending.size() == rowsPerInsert) {
                flushInserts();
            }
            return;
        }
        try {
            appender.beginRow();
            for (int i = 0; i < values.length; i++) {
                append(i, values[i]);
            }
            appender.endRow();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Writes what is buffered, on the thread that writes. */
    private void finish() {
        if (!duckDb) {
            flushInserts();
            return;
        }
        try {
            appender.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void flushInserts() {
        if (pending.isEmpty()) {
            return;
        }
        InsertValuesStepN<Record> insert = dsl.insertInto(DSL.table(table.getUnqualifiedName())).columns(fields);
        for (Object[] row : pending) {
            insert = insert.values(row);
        }
        insert.execute();
        pending.clear();
    }

    private void append(int column, Object v) throws SQLException {
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
            throw new IllegalArgumentException("cannot write a " + v.getClass().getSimpleName() + " to "
                    + table.getName() + "." + fields[column].getName());
        }
    }

    private void handOff(Object[][] rowsToWrite) {
        try {
            while (!handoff.offer(rowsToWrite, 100, TimeUnit.MILLISECONDS)) {
                if (!writer.isAlive()) {
                    rethrowWriterFailure();
                    throw new IllegalStateException("the writer of " + table.getName() + " stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BreakwaterException(ErrorCode.INTERNAL, "interrupted while writing to " + table.getName(), e);
        }
    }

    private void writeHandedOff() {
        try {
            if (duckDb) {
                appender = openAppender();
            }
            for (Object[][] b; (b = handoff.take()) != END; ) {
                for (Object[] row : b) {
                    write(row);
                }
            }
            finish();
        } catch (InterruptedException e) {
            closeQuietly(); // abandoned: the caller rolls back
        } catch (RuntimeException | Error e) {
            writerFailure = e;
            closeQuietly();
        } finally {
            if (connection != null) {
                BACKGROUND.computeIfPresent(connection, (c, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    private void closeQuietly() {
        try {
            if (appender != null) {
                appender.close();
            }
        } catch (SQLException | RuntimeException e) {
            // the transaction is being rolled back anyway
        }
    }

    private void awaitWriter() {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BreakwaterException(ErrorCode.INTERNAL, "interrupted while writing to " + table.getName(), e);
        }
    }

    private void rethrowWriterFailure() {
        Throwable f = writerFailure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private BreakwaterException failure(SQLException e) {
        return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                "cannot write to " + table.getName() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "BulkWriter[" + table.getName() + ", " + Arrays.toString(fields) + "]";
    }
}
