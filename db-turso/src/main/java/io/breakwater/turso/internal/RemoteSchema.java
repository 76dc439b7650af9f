package io.breakwater.turso.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.turso.HranaStatement;
import io.breakwater.turso.HranaValue;
import io.breakwater.turso.TursoClient;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Brings a remote database to the local store's schema version by replaying the same Flyway migration scripts, each
 * in one transaction with its {@code breakwater_schema_history} row, so the remote's history reads like the local
 * one.
 */
public final class RemoteSchema {
    /** Flyway's own history table for SQLite, as Flyway creates it in a SQLite file. */
    private static final List<String> HISTORY_DDL = List.of("""
            CREATE TABLE IF NOT EXISTS "breakwater_schema_history" (
                "installed_rank" INT NOT NULL PRIMARY KEY,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS \"breakwater_schema_history_s_idx\" ON \"breakwater_schema_history\" (\"success\")");
    private static final String[] COLUMNS = {"installed_rank", "version", "description", "type", "script", "checksum",
        "installed_by", "installed_on", "execution_time", "success"};

    private RemoteSchema() {
    }

    /** One applied migration, as recorded in a schema history table. */
    public record Migration(int installedRank, String version, String description, String type, String script,
            Integer checksum, String installedBy, String installedOn, int executionTime) {
    }

    /**
     * Applies to {@code remote} the migrations {@code local} has and the remote lacks.
     *
     * @return the migrations applied
     */
    public static int migrate(BreakwaterStore local, TursoClient remote) {
        List<Migration> wanted = localHistory(local);
        if (wanted.isEmpty()) {
            throw new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "store " + local.location().describe()
                    + " has no schema history: migrate it and run the pipeline on it before publishing it");
        }
        Map<String, Migration> present = remoteHistory(remote);
        for (Migration m : present.values()) {
            if (wanted.stream().noneMatch(w -> Objects.equals(w.version(), m.version()))) {
                throw new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "Turso database " + remote.url()
                        + " has schema migration " + m.version() + " (" + m.script() + ") that "
                        + local.location().describe() + " lacks: migrate the local store first");
            }
        }
        int applied = 0;
        boolean first = present.isEmpty();
        for (Migration m : wanted) {
            Migration there = present.get(m.version());
            if (there != null) {
                if (!Objects.equals(there.checksum(), m.checksum())) {
                    throw new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "Turso database " + remote.url()
                            + " applied migration " + m.version() + " with checksum " + there.checksum()
                            + " but " + local.location().describe() + " has checksum " + m.checksum()
                            + " (a migration was edited after it was applied)");
                }
                continue;
            }
            if (!"SQL".equalsIgnoreCase(m.type())) {
                throw new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "migration " + m.version() + " of "
                        + local.location().describe() + " is of type " + m.type() + ": only SQL migrations can be "
                        + "replayed on a remote database");
            }
            List<HranaStatement> statements = new ArrayList<>();
            if (first) {
                HISTORY_DDL.forEach(sql -> statements.add(HranaStatement.of(sql)));
                first = false;
            }
            MigrationScripts.statements(m.script()).forEach(sql -> statements.add(HranaStatement.of(sql)));
            statements.add(historyInsert(m));
            remote.transaction(statements);
            applied++;
        }
        return applied;
    }

    private static HranaStatement historyInsert(Migration m) {
        List<Field<?>> fields = new ArrayList<>();
        for (String column : COLUMNS) {
            fields.add(DSL.field(DSL.name(column)));
        }
        String sql = Sql.SQLITE.insertInto(DSL.table(DSL.name(BreakwaterStore.HISTORY_TABLE)), fields)
                .values(java.util.Collections.nCopies(COLUMNS.length, DSL.val((Object) null)))
                .getSQL(ParamType.INDEXED);
        return new HranaStatement(sql, List.of(HranaValue.of(m.installedRank()), HranaValue.of(m.version()),
                HranaValue.of(m.description()), HranaValue.of(m.type()), HranaValue.of(m.script()),
                m.checksum() == null ? HranaValue.NULL : HranaValue.of(m.checksum()), HranaValue.of(m.installedBy()),
                HranaValue.of(m.installedOn()), HranaValue.of(m.executionTime()), HranaValue.of(1)));
    }

    /** The successful migrations of a local store, in the order they were applied. */
    public static List<Migration> localHistory(BreakwaterStore local) {
        var history = DSL.table(DSL.name(BreakwaterStore.HISTORY_TABLE));
        boolean exists = local.dsl().meta().getTables().stream()
                .anyMatch(t -> t.getName().equalsIgnoreCase(BreakwaterStore.HISTORY_TABLE));
        if (!exists) {
            return List.of();
        }
        List<Migration> out = new ArrayList<>();
        for (Record r : local.dsl().select(fieldsOf()).from(history)
                .orderBy(DSL.field(DSL.name("installed_rank"))).fetch()) {
            Object success = r.get("success");
            boolean ok = success instanceof Boolean b ? b : success instanceof Number n ? n.intValue() != 0
                    : "true".equalsIgnoreCase(String.valueOf(success)) || "1".equals(String.valueOf(success));
            if (!ok || r.get("version") == null) {
                continue;
            }
            out.add(new Migration(((Number) r.get("installed_rank")).intValue(), String.valueOf(r.get("version")),
                    String.valueOf(r.get("description")), String.valueOf(r.get("type")), String.valueOf(r.get("script")),
                    r.get("checksum") == null ? null : ((Number) r.get("checksum")).intValue(),
                    String.valueOf(r.get("installed_by")), timestampText(r.get("installed_on")),
                    r.get("execution_time") == null ? 0 : ((Number) r.get("execution_time")).intValue()));
        }
        return out;
    }

    private static List<Field<?>> fieldsOf() {
        List<Field<?>> fields = new ArrayList<>();
        for (String column : COLUMNS) {
            fields.add(DSL.field(DSL.name(column)));
        }
        return fields;
    }

    private static String timestampText(Object value) {
        if (value instanceof Timestamp t) {
            return t.toString();
        }
        if (value instanceof LocalDateTime t) {
            return Timestamp.valueOf(t).toString();
        }
        if (value instanceof OffsetDateTime t) {
            return Timestamp.valueOf(t.toLocalDateTime()).toString();
        }
        return String.valueOf(value);
    }

    /** The successful migrations recorded on the remote, by version; empty when it has no history table. */
    static Map<String, Migration> remoteHistory(TursoClient remote) {
        RemoteReader reader = new RemoteReader(remote);
        Map<String, Migration> out = new HashMap<>();
        if (!reader.tableNames().contains(BreakwaterStore.HISTORY_TABLE)) {
            return out;
        }
        String sql = Sql.SQLITE.select(fieldsOf()).from(DSL.table(DSL.name(BreakwaterStore.HISTORY_TABLE)))
                .where(DSL.field(DSL.name("success")).eq(DSL.inline(1)))
                .orderBy(DSL.field(DSL.name("installed_rank"))).getSQL(ParamType.INLINED);
        for (List<HranaValue> row : remote.execute(HranaStatement.of(sql)).rows()) {
            Object version = row.get(1).javaValue();
            if (version == null) {
                continue;
            }
            Object checksum = row.get(5).javaValue();
            out.put(version.toString(), new Migration(((Number) row.get(0).javaValue()).intValue(), version.toString(),
                    String.valueOf(row.get(2).javaValue()), String.valueOf(row.get(3).javaValue()),
                    String.valueOf(row.get(4).javaValue()), checksum == null ? null : ((Number) checksum).intValue(),
                    String.valueOf(row.get(6).javaValue()), String.valueOf(row.get(7).javaValue()),
                    ((Number) row.get(8).javaValue()).intValue()));
        }
        return out;
    }
}
