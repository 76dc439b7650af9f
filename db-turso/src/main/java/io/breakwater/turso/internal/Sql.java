package io.breakwater.turso.internal;

import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** SQL for remote Turso databases, rendered by jOOQ in the SQLite dialect (jOOQ has no libSQL dialect). */
public final class Sql {
    /** A jOOQ context without a connection: it only renders. */
    public static final DSLContext SQLITE = DSL.using(SQLDialect.SQLITE, new Settings()
            .withRenderSchema(false)
            .withRenderCatalog(false)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
            .withExecuteLogging(false));

    private Sql() {
    }

    /** The primary-key columns of {@code table}, or every column when it has no primary key. */
    public static List<Field<?>> keyFields(Table<?> table) {
        UniqueKey<?> key = table.getPrimaryKey();
        return key == null ? Arrays.asList(table.fields()) : List.copyOf(key.getFields());
    }

    /** The ordering that makes a scan deterministic on every store: the primary key, ascending. */
    public static List<SortField<?>> keyOrder(Table<?> table) {
        return keyFields(table).stream().<SortField<?>>map(Field::asc).toList();
    }
}
