package io.breakwater.turso.internal;

import java.util.List;
import java.util.Set;
import org.jooq.Table;

/** Reads the contract tables of one store, local or remote, as the Java types of the generated jOOQ classes. */
public interface TableReader {
    /** The store, for messages. */
    String describe();

    /** The schema version recorded in the store's schema history, or {@code null} when it has none. */
    String schemaVersion();

    /** The names of the tables the store holds, lower case. */
    Set<String> tableNames();

    /** Rows in {@code table}. */
    long count(Table<?> table);

    /**
     * Passes the rows of {@code table} to {@code pages}, in primary-key order, starting after the first {@code skip}
     * rows, {@code pageRows} at a time; each row holds the values of {@code table.fields()} in order.
     */
    void scan(Table<?> table, long skip, int pageRows, PageConsumer pages);

    /** Receives pages of rows; returns {@code false} to stop the scan. */
    @FunctionalInterface
    interface PageConsumer {
        boolean accept(List<Object[]> rows);
    }
}
