package io.breakwater.turso.internal;

import io.breakwater.db.BreakwaterStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Cursor;
import org.jooq.Record;
import org.jooq.SelectSeekStepN;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/** Reads a local DuckDB or SQLite store through its jOOQ context. */
public record LocalReader(BreakwaterStore store) implements TableReader {
    @Override
    public String describe() {
        return store.location().describe();
    }

    @Override
    public String schemaVersion() {
        return store.schemaVersion();
    }

    @Override
    public Set<String> tableNames() {
        Set<String> names = new HashSet<>();
        for (Table<?> table : store.dsl().meta().getTables()) {
            names.add(table.getName().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    @Override
    public long count(Table<?> table) {
        return store.dsl().fetchCount(table);
    }

    @Override
    public void scan(Table<?> table, long skip, int pageRows, PageConsumer pages) {
        SelectSeekStepN<Record> select = store.dsl().select(table.fields()).from(table)
                .orderBy(Sql.keyOrder(table));
        int width = table.fields().length;
        try (Cursor<Record> cursor = (skip > 0 ? select.offset(skip) : select).fetchSize(pageRows).fetchLazy()) {
            List<Object[]> page = new ArrayList<>(pageRows);
            for (Record record : cursor) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = record.get(i);
                }
                page.add(row);
                if (page.size() == pageRows) {
                    if (!pages.accept(page)) {
                        return;
                    }
                    page = new ArrayList<>(pageRows);
                }
            }
            if (!page.isEmpty()) {
                pages.accept(page);
            }
        } catch (DataAccessException e) {
            throw new io.breakwater.db.BreakwaterException(io.breakwater.db.ErrorCode.DATABASE_UNAVAILABLE,
                    "cannot read table " + table.getName() + " of " + describe() + ": " + e.getMessage(), e);
        }
    }
}
