package io.breakwater.etl;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BulkWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A staging copy of a curated table inside the run's transaction: rows are appended as they are read (DuckDB's
 * appender, batched inserts on SQLite), checked, then merged into the curated table by natural key with one
 * set-based upsert. Nothing reaches the curated table until {@link #mergeInto}; a failure or a kill rolls the stage
 * back with the rest of the transaction. Create it with {@link IngestRun#stage(Table)}.
 *
 * <p>A stage made by {@link IngestRun#stageOrAppend(Table)} whose curated table is empty at the start (a first load)
 * has no staged key that can meet an existing one: its rows are then appended straight to the curated table, still
 * inside the run's transaction, and the merge only counts them. This skips writing every row twice, a large part of
 * the cost of a big first load. Such a stage also writes on a thread of its own; the work must not use the store
 * between staging and the merge.
 */
public final class StagedTable {
    private static final Set<String> BOOKKEEPING = Set.of("run_id", "source_line");
    private final BreakwaterStore store;
    private final Table<?> target;
    private final Table<Record> stage;
    private final BulkWriter insert;
    private final boolean direct;
    private boolean dropped;

    StagedTable(BreakwaterStore store, Table<?> target, long runId, boolean appending) {
        this.store = store;
        this.target = target;
        DSLContext dsl = store.dsl();
        this.direct = appending && !dsl.fetchExists(target);
        Name name = direct ? DSL.name(target.getName()) : DSL.name("bw_stage_" + target.getName() + "_" + runId);
        if (!direct) {
            dsl.createTable(name).as(DSL.select(target.fields()).from(target).where(DSL.falseCondition())).execute();
        }
        this.stage = DSL.table(name);
        this.insert = appending ? BulkWriter.inBackground(dsl, name, target.fields())
                : BulkWriter.open(dsl, name, target.fields());
    }

    /** Appends one row, values in the order of the curated table's fields. */
    public void add(Object... values) {
        insert.add(values);
    }

    public long rows() {
        return insert.rows();
    }

    /**
     * The stage as a table with the curated table's fields, for set-based checks before the merge (on a first load,
     * the curated table itself, which then holds exactly the staged rows).
     */
    public Table<Record> table() {
        return stage;
    }

    /**
     * Merges the staged rows into the curated table. A staged key absent from the table is inserted; a present key
     * is updated when any of {@code compare} differs (when {@code compare} is empty: every field but the key and the
     * bookkeeping fields {@code run_id}, {@code source_line}), else left alone. With a {@code refreshScope} (full
     * refresh), rows of the table in that scope whose key is not staged are deleted first. Drops the stage.
     */
    public LoadCounts mergeInto(List<Field<?>> key, List<Field<?>> compare, Condition refreshScope) {
        insert.close();
        if (direct) {
            dropped = true;
            return new LoadCounts(insert.rows(), 0, 0, 0);
        }
        DSLContext dsl = store.dsl();
        Table<?> t = target.as("t");
        Table<?> s = stage.as("s");
        Condition sameKey = DSL.noCondition();
        for (Field<?> k : key) {
            sameKey = sameKey.and(eq(field(t, k), field(s, k)));
        }
        List<Field<?>> changeFields = new ArrayList<>(compare);
        if (changeFields.isEmpty()) {
            for (Field<?> f : target.fields()) {
                if (!key.contains(f) && !BOOKKEEPING.contains(f.getName())) {
                    changeFields.add(f);
                }
            }
        }
        Condition changed = DSL.falseCondition();
        for (Field<?> f : changeFields) {
            changed = changed.or(distinct(field(t, f), field(s, f)));
        }
        long staged = insert.rows();
        long inserted = dsl.fetchCount(DSL.selectOne().from(s).whereNotExists(DSL.selectOne().from(t).where(sameKey)));
        long updated = dsl.fetchCount(DSL.selectOne().from(s).join(t).on(sameKey).where(changed));
        long deleted = 0;
        if (refreshScope != null) {
            Condition keyStaged = DSL.noCondition();
            for (Field<?> k : key) {
                keyStaged = keyStaged.and(eq(field(s, k), k));
            }
            deleted = dsl.deleteFrom(target).where(refreshScope)
                    .andNotExists(DSL.selectOne().from(s).where(keyStaged)).execute();
        }
        if (inserted == staged) {
            // no staged key exists in the table: a plain insert, which is much cheaper than an upsert
            dsl.insertInto(target).columns(target.fields())
                    .select(DSL.select(Arrays.stream(target.fields()).map(f -> field(stage, f)).toArray(Field[]::new))
                            .from(stage))
                    .execute();
        } else if (inserted > 0 || updated > 0) {
            Map<Field<?>, Field<?>> set = new HashMap<>();
            for (Field<?> f : target.fields()) {
                if (!key.contains(f)) {
                    set.put(f, DSL.excluded(f));
                }
            }
            Condition excludedChanged = DSL.falseCondition();
            for (Field<?> f : changeFields) {
                excludedChanged = excludedChanged.or(distinct(f, DSL.excluded(f)));
            }
            dsl.insertInto(target).columns(target.fields())
                    .select(DSL.select(Arrays.stream(target.fields()).map(f -> field(stage, f)).toArray(Field[]::new))
                            .from(stage).where(DSL.trueCondition()))
                    .onConflict(key.toArray(Field[]::new)).doUpdate().set(set).where(excludedChanged).execute();
        }
        drop();
        return new LoadCounts(inserted, updated, staged - inserted - updated, deleted);
    }

    /** After a failure, before the rollback: stops a background writer (see {@link IngestRun#stageOrAppend}). */
    void abandon() {
        insert.abandon();
    }

    /** Drops the stage (done by {@link #mergeInto}; also safe after it). */
    public void drop() {
        if (!dropped) {
            insert.close();
            if (!direct) {
                store.dsl().dropTableIfExists(stage).execute();
            }
            dropped = true;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Condition eq(Field<T> a, Field<?> b) {
        return a.eq((Field<T>) b);
    }

    @SuppressWarnings("unchecked")
    private static <T> Condition distinct(Field<T> a, Field<?> b) {
        return a.isDistinctFrom((Field<T>) b);
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> field(Table<?> table, Field<T> f) {
        return (Field<T>) DSL.field(DSL.name(table.getName(), f.getName()), f.getDataType());
    }
}
