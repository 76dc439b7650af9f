package io.breakwater.turso.internal;

import io.breakwater.db.BulkWriter;
import io.breakwater.turso.HranaStatement;
import io.breakwater.turso.HranaValue;
import io.breakwater.turso.TursoClient;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Statements that write a remote copy: upserts by primary key (so that replaying a batch changes nothing), deletes
 * by primary key, and the per-table progress marker that makes a publish resumable.
 */
public final class RemoteWriter {
    /** Remote-only table recording how far each contract table's copy has come. Not part of the contract. */
    public static final String STATE_TABLE = "breakwater_publish_state";

    private final Map<String, String> upsertSql = new HashMap<>();

    /** The marker of one table: which local content was being copied and how many rows of it are on the remote. */
    public record Marker(String table, String sourceChecksum, long sourceRows, long rowsDone, boolean completed) {
    }

    public static HranaStatement createStateTable() {
        return HranaStatement.of(Sql.SQLITE.createTableIfNotExists(STATE_TABLE)
                .column("table_name", org.jooq.impl.SQLDataType.VARCHAR.notNull())
                .column("source_checksum", org.jooq.impl.SQLDataType.VARCHAR.notNull())
                .column("source_rows", org.jooq.impl.SQLDataType.BIGINT.notNull())
                .column("rows_done", org.jooq.impl.SQLDataType.BIGINT.notNull())
                .column("completed", org.jooq.impl.SQLDataType.BOOLEAN.notNull())
                .column("updated_at", org.jooq.impl.SQLDataType.LOCALDATETIME(3).notNull())
                .primaryKey("table_name")
                .getSQL());
    }

    public static Map<String, Marker> readMarkers(TursoClient remote) {
        Map<String, Marker> markers = new HashMap<>();
        String sql = Sql.SQLITE.select(DSL.field(DSL.name("table_name")), DSL.field(DSL.name("source_checksum")),
                DSL.field(DSL.name("source_rows")), DSL.field(DSL.name("rows_done")), DSL.field(DSL.name("completed")))
                .from(DSL.table(DSL.name(STATE_TABLE))).getSQL();
        for (List<HranaValue> row : remote.execute(HranaStatement.of(sql)).rows()) {
            String table = String.valueOf(row.get(0).javaValue());
            markers.put(table, new Marker(table, String.valueOf(row.get(1).javaValue()),
                    ((Number) row.get(2).javaValue()).longValue(), ((Number) row.get(3).javaValue()).longValue(),
                    ((Number) row.get(4).javaValue()).longValue() != 0));
        }
        return markers;
    }

    public static HranaStatement writeMarker(Marker marker, LocalDateTime now) {
        Table<Record> state = DSL.table(DSL.name(STATE_TABLE));
        Field<Object> table = DSL.field(DSL.name("table_name"));
        List<Field<?>> fields = List.of(table, DSL.field(DSL.name("source_checksum")),
                DSL.field(DSL.name("source_rows")), DSL.field(DSL.name("rows_done")), DSL.field(DSL.name("completed")),
                DSL.field(DSL.name("updated_at")));
        Map<Field<?>, Field<?>> updates = new java.util.LinkedHashMap<>();
        for (Field<?> f : fields.subList(1, fields.size())) {
            updates.put(f, excludedRaw(f));
        }
        var set = Sql.SQLITE.insertInto(state, fields).values(Collections.nCopies(fields.size(), DSL.val((Object) null)))
                .onConflict(table).doUpdate().set(updates);
        return new HranaStatement(set.getSQL(ParamType.INDEXED), List.of(HranaValue.of(marker.table()),
                HranaValue.of(marker.sourceChecksum()), HranaValue.of(marker.sourceRows()),
                HranaValue.of(marker.rowsDone()), HranaValue.of(marker.completed() ? 1 : 0), Values.toHrana(now)));
    }

    /**
     * Upserts of {@code rows} (values in {@code table.fields()} order), several rows per statement: at most a quarter
     * of SQLite's bind-value limit ({@link BulkWriter#SQLITE_MAX_VARIABLES}, the bound of every bulk write), which
     * keeps each request to the remote small enough to answer well inside its timeout.
     */
    public List<HranaStatement> upserts(Table<?> table, List<Object[]> rows) {
        int width = table.fields().length;
        int perStatement = Math.max(1, BulkWriter.SQLITE_MAX_VARIABLES / 4 / width);
        List<HranaStatement> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            List<HranaValue> args = new ArrayList<>(chunk.size() * width);
            for (Object[] row : chunk) {
                for (Object value : row) {
                    args.add(Values.toHrana(value));
                }
            }
            statements.add(new HranaStatement(upsertSql(table, chunk.size()), args));
        }
        return statements;
    }

    private String upsertSql(Table<?> table, int rows) {
        return upsertSql.computeIfAbsent(table.getName() + "/" + rows, k -> renderUpsert(table, rows));
    }

    private static String renderUpsert(Table<?> table, int rows) {
        Field<?>[] fields = table.fields();
        List<Field<?>> keys = Sql.keyFields(table);
        InsertValuesStepN<?> insert = Sql.SQLITE.insertInto(table, fields);
        List<Field<?>> placeholders = Collections.nCopies(fields.length, DSL.val((Object) null));
        for (int i = 0; i < rows; i++) {
            insert = insert.values(placeholders);
        }
        if (table.getPrimaryKey() == null) {
            // a keyless table (the feature build's working tables, empty between builds): a plain insert, since
            // ON CONFLICT needs a key; the remote copy is still verified by the parity check
            return insert.getSQL(ParamType.INDEXED);
        }
        List<Field<?>> others = new ArrayList<>();
        for (Field<?> field : fields) {
            if (!keys.contains(field)) {
                others.add(field);
            }
        }
        if (others.isEmpty()) {
            return insert.onConflict(keys).doNothing().getSQL(ParamType.INDEXED);
        }
        Map<Field<?>, Field<?>> updates = new java.util.LinkedHashMap<>();
        for (Field<?> field : others) {
            updates.put(field, excludedRaw(field));
        }
        var update = insert.onConflict(keys).doUpdate().set(updates);
        return update.getSQL(ParamType.INDEXED);
    }

    private static Field<?> excludedRaw(Field<?> field) {
        return DSL.field(DSL.name("excluded", field.getName()), field.getDataType());
    }

    /** Deletes of the rows with these primary keys (values in {@code Sql.keyFields(table)} order). */
    @SuppressWarnings("unchecked")
    public static List<HranaStatement> deletes(Table<?> table, List<Object[]> keys) {
        List<Field<?>> keyFields = Sql.keyFields(table);
        List<HranaStatement> statements = new ArrayList<>();
        String sql = Sql.SQLITE.deleteFrom(table).where(DSL.and(keyFields.stream()
                .map(f -> ((Field<Object>) f).eq(DSL.val((Object) null))).toList())).getSQL(ParamType.INDEXED);
        for (Object[] key : keys) {
            List<HranaValue> args = new ArrayList<>();
            for (Object value : key) {
                args.add(Values.toHrana(value));
            }
            statements.add(new HranaStatement(sql, args));
        }
        return statements;
    }
}
