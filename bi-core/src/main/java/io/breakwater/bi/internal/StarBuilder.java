package io.breakwater.bi.internal;

import io.breakwater.bi.RefreshResult;
import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.TableSummary;
import io.breakwater.db.schema.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the star and dashboard tables of one store in one transaction: empties every {@code dim_*},
 * {@code fct_*} and {@code dash_*} table, runs the dimension step, the fact steps, writes {@code dim_date} over the
 * years the facts' data fall in, then the dashboards. Use {@link StarSchema#refresh}.
 */
public final class StarBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(StarBuilder.class);
    private static final String STEP = "bi refresh";
    /**
     * The fact steps, in order, after the dimensions and before {@code dim_date} and the dashboards. A new fact table
     * is a new step here (its years go through {@link StarContext#dataYear}).
     */
    static final List<StarStep> FACT_STEPS = List.of(new StarFacts(), new CalibrationFacts(),
            context -> ForecastFacts.build(context.dsl()).forEach(context::dataYear), new BacktestFacts(),
            new PipeForecastFacts());

    private final BreakwaterStore store;
    private final Clock clock;
    private final ProgressListener progress;

    public StarBuilder(BreakwaterStore store, Clock clock, ProgressListener progress) {
        this.store = store;
        this.clock = clock;
        this.progress = progress;
    }

    public RefreshResult refresh() {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        List<Table<?>> owned = StarSchema.ownedTables();
        progress.started(STEP, owned.size(), "tables");
        int[] years = new int[2];
        try {
            store.dsl().transaction(cfg -> {
                DSLContext dsl = DSL.using(cfg);
                for (Table<?> table : owned) {
                    dsl.deleteFrom(table).execute();
                }
                StarContext context = new StarContext(dsl, progress, STEP);
                new StarDimensions().build(context);
                for (StarStep step : FACT_STEPS) {
                    step.build(context);
                }
                if (context.dataYears().isEmpty()) {
                    context.dataYear(LocalDate.now(clock).getYear());
                }
                years[0] = context.dataYears().first();
                years[1] = context.dataYears().last();
                context.insert(Tables.DIM_DATE, DateDimension.rows(years[0], years[1]));
                new StarDashboards().build(context);
            });
        } catch (DataAccessException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "BI refresh of " + store.location()
                    + " failed, nothing was changed: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        List<TableSummary> counts = new ArrayList<>();
        for (Table<?> table : owned) {
            counts.add(new TableSummary(table.getName(), store.dsl().fetchCount(table)));
        }
        counts.sort(Comparator.comparing(TableSummary::name));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        RefreshResult result = new RefreshResult(start, years[0], years[1], counts, elapsed);
        long emptyCount = result.emptyTables().size();
        progress.finished(STEP, String.format(Locale.ROOT,
                "BI refresh: %d tables rebuilt, dim_date %d..%d, %,d breaks, %d empty%s, %.1f s", counts.size(),
                years[0], years[1], result.rowCount("fct_break"), emptyCount,
                emptyCount == 0 ? "" : " " + result.emptyTables(), elapsed.toMillis() / 1000.0));
        LOG.debug("BI refresh of {}: {}", store.location(), counts);
        return result;
    }
}
