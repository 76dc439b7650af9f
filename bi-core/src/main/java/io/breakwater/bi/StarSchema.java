package io.breakwater.bi;

import io.breakwater.bi.internal.StarBuilder;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.DefaultSchema;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jooq.Table;

/**
 * The star schema BI tools read: {@code dim_*} and {@code fct_*} tables plus one {@code dash_*} table per dashboard,
 * all rebuilt from the curated, feature and model tables by {@link #refresh}. A refresh is one transaction and is
 * idempotent: running it twice on the same data leaves the same rows, with the same keys.
 *
 * <pre>{@code
 * try (BreakwaterStore store = BreakwaterStore.open("breakwater.duckdb")) {
 *     RefreshResult result = StarSchema.refresh(store, Clock.systemUTC(), ProgressListener.NONE);
 * }
 * }</pre>
 */
public final class StarSchema {
    private StarSchema() {
    }

    /** Rebuilds every star and dashboard table of {@code store} from its source tables, in one transaction. */
    public static RefreshResult refresh(BreakwaterStore store, Clock clock, ProgressListener progress) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        return new StarBuilder(store, clock, progress == null ? ProgressListener.NONE : progress).refresh();
    }

    /** The dimension and fact tables ({@code dim_*}, {@code fct_*}), in name order. */
    public static List<Table<?>> starTables() {
        return tablesStartingWith("dim_", "fct_");
    }

    /** The dashboard tables ({@code dash_*}), in name order. */
    public static List<Table<?>> dashboardTables() {
        return tablesStartingWith("dash_");
    }

    /**
     * What a Power BI export writes, in name order: every dimension, fact and dashboard table. The dashboard tables
     * are flat (names and measures joined in) and stand alone: no relationship points at them.
     */
    public static List<Table<?>> exportedTables() {
        return tablesStartingWith("dash_", "dim_", "fct_");
    }

    /** Every table a refresh rebuilds: the same set as {@link #exportedTables()}. */
    public static List<Table<?>> ownedTables() {
        return exportedTables();
    }

    /** The relationships between the exported tables: {@link Relationship#all()}, the one list BI models follow. */
    public static List<Relationship> relationships() {
        return Relationship.all();
    }

    private static List<Table<?>> tablesStartingWith(String... prefixes) {
        return DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .filter(t -> List.of(prefixes).stream().anyMatch(p -> t.getName().startsWith(p)))
                .sorted(Comparator.comparing(Table::getName))
                .<Table<?>>map(t -> t)
                .toList();
    }
}
