package io.breakwater.turso.internal;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.turso.HranaResult;
import io.breakwater.turso.HranaStatement;
import io.breakwater.turso.HranaValue;
import io.breakwater.turso.TursoClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/** Reads a remote Turso database over Hrana, page by page ({@code LIMIT/OFFSET} in primary-key order). */
public record RemoteReader(TursoClient client) implements TableReader {
    @Override
    public String describe() {
        return client.url();
    }

    @Override
    public String schemaVersion() {
        if (!tableNames().contains(BreakwaterStore.HISTORY_TABLE)) {
            return null;
        }
        HranaResult result = client.execute(HranaStatement.of(Sql.SQLITE
                .select(DSL.field(DSL.name("version"), String.class))
                .from(DSL.table(DSL.name(BreakwaterStore.HISTORY_TABLE)))
                .where(DSL.field(DSL.name("success")).eq(DSL.inline(1)))
                .and(DSL.field(DSL.name("version")).isNotNull())
                .getSQL(ParamType.INLINED)));
        return result.rows().stream().map(r -> String.valueOf(r.get(0).javaValue()))
                .max(RemoteReader::compareVersions).orElse(null);
    }

    /** Compares Flyway versions such as {@code 1}, {@code 1.1}, {@code 2.0.3} part by part, numerically. */
    public static int compareVersions(String a, String b) {
        long[] x = Arrays.stream(a.split("[._]")).mapToLong(RemoteReader::part).toArray();
        long[] y = Arrays.stream(b.split("[._]")).mapToLong(RemoteReader::part).toArray();
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long part(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A comparator of Flyway versions. */
    public static Comparator<String> versionOrder() {
        return RemoteReader::compareVersions;
    }

    @Override
    public Set<String> tableNames() {
        HranaResult result = client.execute(HranaStatement.of(
                "SELECT name FROM sqlite_master WHERE type = 'table'"));
        Set<String> names = new HashSet<>();
        for (List<HranaValue> row : result.rows()) {
            names.add(String.valueOf(row.get(0).javaValue()).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    @Override
    public long count(Table<?> table) {
        HranaValue value = client.execute(HranaStatement.of(Sql.SQLITE.selectCount().from(table).getSQL()))
                .singleValue();
        return value == null ? 0 : ((Number) value.javaValue()).longValue();
    }

    @Override
    public void scan(Table<?> table, long skip, int pageRows, PageConsumer pages) {
        Field<?>[] fields = table.fields();
        long offset = skip;
        while (true) {
            String sql = Sql.SQLITE.select(fields).from(table).orderBy(Sql.keyOrder(table))
                    .limit(DSL.inline(pageRows)).offset(DSL.inline(offset)).getSQL(ParamType.INLINED);
            HranaResult result = client.execute(HranaStatement.of(sql));
            List<Object[]> page = new ArrayList<>(result.rows().size());
            for (List<HranaValue> values : result.rows()) {
                Object[] row = new Object[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    row[i] = Values.fromHrana(values.get(i), fields[i].getType(),
                            table.getName() + "." + fields[i].getName());
                }
                page.add(row);
            }
            if (!page.isEmpty() && !pages.accept(page)) {
                return;
            }
            if (page.size() < pageRows) {
                return;
            }
            offset += page.size();
        }
    }
}
