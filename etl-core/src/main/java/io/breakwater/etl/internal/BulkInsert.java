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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.BatchBindStep;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The fastest correct way to append many rows to one table of a store, inside the caller's transaction: DuckDB's
 * appender, or batched prepared inserts (rendered by jOOQ) on SQLite. Values come in the table's field order.
 *
 * <p>{@link #inBackground} writes on a thread of its own, so that the caller's work on the next rows overlaps the
 * database's work on the last ones. Rows still go in order, into the same connection and transaction; while such an
 * insert is open the caller must not use the connection, and must {@link #close} it (or {@link #abandon} it on
 * failure) before it does.
 */
public final class BulkInsert implements AutoCloseable {
    private static final int SQLITE_BATCH = 2_000;
    private static final int HANDOFF_BATCH = 1_024;
    private static final Object[][] END = new Object[0][];
    private final BreakwaterStore store;
    private final Table<?> table;
    private final Field<?>[] fields;
    private final boolean duckDb;
    private final List<Object[]> pending;
    private DuckDBAppender appender; // confined to the thread that writes
    private final BlockingQueue<Object[][]> handoff;
    private final Thread writer;
    private volatile Throwable writerFailure;
    private Object[][] batch;
    private int inBatch;
    private long rows;
    private boolean closed;

    public BulkInsert(BreakwaterStore store, Table<?> table) {
        this(store, table.getName(), table.fields());
    }

    /** Appends to the table named {@code tableName} whose columns are {@code columns} (names and types). */
    public BulkInsert(BreakwaterStore store, String tableName, Field<?>[] columns) {
        this(store, tableName, columns, false);
    }

    /** Like {@link #BulkInsert(BreakwaterStore, String, Field[])}, writing on a background thread (see the class). */
    public static BulkInsert inBackground(BreakwaterStore store, String tableName, Field<?>[] columns) {
        return new BulkInsert(store, tableName, columns, true);
    }

    private BulkInsert(BreakwaterStore store, String tableName, Field<?>[] columns, boolean background) {
        this.store = store;
        this.table = DSL.table(DSL.name(tableName));
        this.fields = java.util.Arrays.stream(columns).map(f -> DSL.field(DSL.name(f.getName()), f.getDataType()))
                .toArray(Field[]::new);
        this.duckDb = store.isDuckDb();
        this.pending = duckDb ? null : new ArrayList<>(SQLITE_BATCH);
        if (duckDb && !background) {
            this.appender = openAppender();
        }
        if (background) {
            this.handoff = new ArrayBlockingQueue<>(8);
            this.batch = new Object[HANDOFF_BATCH][];
            this.writer = new Thread(this::writeHandedOff, "bulk-insert-" + tableName);
            writer.setDaemon(true);
            writer.start();
        } else {
            this.handoff = null;
            this.writer = null;
        }
    }

    /** Appends one row; {@code values} in the order of the table's fields. */
    public void add(Object... values) {
        if (values.length != fields.length) {
            throw new IllegalArgumentException(table.getName() + ": expected " + fields.length + " values, got " + values.length);
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

    private DuckDBAppender openAppender() {
        try {
            return store.connection().unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                    table.getName());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void write(Object[] values) {
        if (!duckDb) {
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
        if (writer != null) {
            handOff(Arrays.copyOf(batch, inBatch));
            handOff(END);
            awaitWriter();
            rethrowWriterFailure();
            return;
        }
        finish();
    }

    /** Writes what is buffered, on the thread that writes. */
    private void finish() {
        if (!duckDb) {
            flushSqlite();
            return;
        }
        try {
            appender.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * After a failure elsewhere: stops the background writer without waiting for the rows it has not written, so
     * that the caller may roll back. The rows written so far stay in the transaction the caller rolls back.
     */
    public void abandon() {
        if (closed || writer == null) {
            return;
        }
        closed = true;
        writer.interrupt();
        awaitWriter();
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
