package io.breakwater.features.internal;

import static io.breakwater.db.schema.Tables.ASSET_NEIGHBOURS;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_BREAKS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_BREAK_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_CLIMATE;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_MONTHS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.partitionBy;
import static org.jooq.impl.DSL.orderBy;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import io.breakwater.db.schema.tables.records.FeatureBuildMonthsRecord;
import io.breakwater.features.Grain;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.WindowSpecification;
import org.jooq.WindowSpecificationRowsStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The set-based steps of a build, all in jOOQ DSL (INSERT ... SELECT with joins and window functions), rendered for
 * the store's dialect. Each method is one statement, or a few; none moves panel rows through Java.
 */
public final class PanelQueries {
    /** Months read before the panel's first month, so that 3- and 6-month climate windows are whole from the start. */
    public static final int CLIMATE_LEAD_MONTHS = 5;

    private final DSLContext ctx;
    private final String fs;

    public PanelQueries(DSLContext ctx, String featureSetId) {
        this.ctx = ctx;
        this.fs = featureSetId;
    }

    /** Deletes every row of the feature set, in the output and working tables. */
    public void deleteFeatureSet() {
        ctx.deleteFrom(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(fs)).execute();
        ctx.deleteFrom(ASSET_NEIGHBOURS).where(ASSET_NEIGHBOURS.FEATURE_SET_ID.eq(fs)).execute();
        ctx.deleteFrom(FEATURE_ASSETS).where(FEATURE_ASSETS.FEATURE_SET_ID.eq(fs)).execute();
        deleteWorkingRows();
    }

    /** Empties the working tables of this feature set. */
    public void deleteWorkingRows() {
        ctx.deleteFrom(FEATURE_BUILD_MONTHS).where(FEATURE_BUILD_MONTHS.FEATURE_SET_ID.eq(fs)).execute();
        ctx.deleteFrom(FEATURE_BUILD_BREAKS).where(FEATURE_BUILD_BREAKS.FEATURE_SET_ID.eq(fs)).execute();
        ctx.deleteFrom(FEATURE_BUILD_BREAK_ASSETS).where(FEATURE_BUILD_BREAK_ASSETS.FEATURE_SET_ID.eq(fs)).execute();
        ctx.deleteFrom(FEATURE_BUILD_CLIMATE).where(FEATURE_BUILD_CLIMATE.FEATURE_SET_ID.eq(fs)).execute();
    }

    /** The month spine: the panel's months (index 0..n-1) and the climate lead months before them (negative). */
    public List<FeatureBuildMonthsRecord> months(YearMonth first, YearMonth last) {
        List<FeatureBuildMonthsRecord> months = new ArrayList<>();
        for (YearMonth m = first.minusMonths(CLIMATE_LEAD_MONTHS); !m.isAfter(last); m = m.plusMonths(1)) {
            int index = (int) (first.until(m, java.time.temporal.ChronoUnit.MONTHS));
            double angle = 2 * Math.PI * (m.getMonthValue() - 1) / 12.0;
            months.add(new FeatureBuildMonthsRecord(fs, index, m.atDay(1), m.getYear(), m.getMonthValue(),
                    Math.sin(angle), Math.cos(angle)));
        }
        return months;
    }

    /** Links each break in the month range to its pipe or area (by id); grid links are computed in Java. */
    public int linkBreaksById(Grain grain, int firstMonthKey, int lastMonthKey) {
        Field<String> key = grain.kind() == Grain.Kind.PIPE ? PIPE_BREAKS_CLEAN.PIPE_ID : PIPE_BREAKS_CLEAN.AREA_ID;
        return ctx.insertInto(FEATURE_BUILD_BREAK_ASSETS, FEATURE_BUILD_BREAK_ASSETS.FEATURE_SET_ID,
                        FEATURE_BUILD_BREAK_ASSETS.BREAK_ID, FEATURE_BUILD_BREAK_ASSETS.ASSET_ID)
                .select(select(inline(fs), PIPE_BREAKS_CLEAN.BREAK_ID, FEATURE_ASSETS.ASSET_ID)
                        .from(PIPE_BREAKS_CLEAN)
                        .join(FEATURE_ASSETS).on(FEATURE_ASSETS.FEATURE_SET_ID.eq(fs))
                        .and(FEATURE_ASSETS.ASSET_ID.eq(key))
                        .where(AssetBuilder.monthKey().between(firstMonthKey, lastMonthKey))
                        .and(AssetBuilder.counted()))
                .execute();
    }

    /** Breaks in the month range, whether linked to an asset or not (repeats of another source's break aside). */
    public int breaksInRange(int firstMonthKey, int lastMonthKey) {
        return ctx.fetchCount(PIPE_BREAKS_CLEAN, AssetBuilder.monthKey().between(firstMonthKey, lastMonthKey)
                .and(AssetBuilder.counted()));
    }

    /**
     * Sparse break counts: for each asset and month with a break on it or on a neighbour, how many. Neighbour counts
     * come from each break joined to the neighbours of its asset, so the work grows with breaks, not with the panel.
     */
    public int countBreaks(int firstMonthKey) {
        Field<Integer> monthIndex = AssetBuilder.monthKey().minus(firstMonthKey);
        Field<Integer> asset = field(name("asset_index"), Integer.class);
        Field<Integer> index = field(name("month_index"), Integer.class);
        Field<Integer> own = field(name("own"), Integer.class);
        Field<Integer> neighbour = field(name("neighbour"), Integer.class);
        var a = FEATURE_ASSETS;
        var link = FEATURE_BUILD_BREAK_ASSETS;
        Table<?> events = select(a.ASSET_INDEX.as(asset), monthIndex.as(index), inline(1).as(own),
                        inline(0).as(neighbour))
                .from(link)
                .join(PIPE_BREAKS_CLEAN).on(PIPE_BREAKS_CLEAN.BREAK_ID.eq(link.BREAK_ID))
                .join(a).on(a.FEATURE_SET_ID.eq(fs)).and(a.ASSET_ID.eq(link.ASSET_ID))
                .where(link.FEATURE_SET_ID.eq(fs))
                .unionAll(select(a.ASSET_INDEX, monthIndex, inline(0), inline(1))
                        .from(link)
                        .join(PIPE_BREAKS_CLEAN).on(PIPE_BREAKS_CLEAN.BREAK_ID.eq(link.BREAK_ID))
                        // pairs are stored both ways: the break's asset is asset_id, the receiving asset its
                        // neighbour_id, so that the join follows the primary key (feature_set_id, asset_id, ...)
                        .join(ASSET_NEIGHBOURS).on(ASSET_NEIGHBOURS.FEATURE_SET_ID.eq(fs))
                        .and(ASSET_NEIGHBOURS.ASSET_ID.eq(link.ASSET_ID))
                        .join(a).on(a.FEATURE_SET_ID.eq(fs)).and(a.ASSET_ID.eq(ASSET_NEIGHBOURS.NEIGHBOUR_ID))
                        .where(link.FEATURE_SET_ID.eq(fs)))
                .asTable("events");
        Field<Integer> assetIndex = events.field(asset).coerce(Integer.class);
        return ctx.insertInto(FEATURE_BUILD_BREAKS, FEATURE_BUILD_BREAKS.FEATURE_SET_ID,
                        FEATURE_BUILD_BREAKS.ASSET_INDEX, FEATURE_BUILD_BREAKS.MONTH_INDEX, FEATURE_BUILD_BREAKS.BREAKS,
                        FEATURE_BUILD_BREAKS.NEIGHBOUR_BREAKS)
                .select(select(inline(fs), assetIndex, events.field(index),
                        sum(events.field(own)).cast(SQLDataType.INTEGER),
                        sum(events.field(neighbour)).cast(SQLDataType.INTEGER))
                        .from(events)
                        .groupBy(assetIndex, events.field(index)))
                .execute();
    }

    /**
     * The climate of each month of the spine and its trailing 3- and 6-month summaries. A summary is NULL unless every
     * month of its window has a value: missing climate stays missing.
     */
    public int climate(String seriesId) {
        var m = FEATURE_BUILD_MONTHS;
        var c = CLIMATE_MONTHLY;
        WindowSpecification w3 = orderBy(m.MONTH_INDEX).rowsBetweenPreceding(2).andCurrentRow();
        WindowSpecification w6 = orderBy(m.MONTH_INDEX).rowsBetweenPreceding(5).andCurrentRow();
        Field<Double> drop = c.T_MEAN_CHANGE.neg();
        var t = FEATURE_BUILD_CLIMATE;
        return ctx.insertInto(t, t.FEATURE_SET_ID, t.MONTH_INDEX, t.T_MEAN, t.T_MIN, t.FREEZING_INDEX,
                        t.FREEZE_THAW_DAYS, t.PRECIP_MM, t.T_MEAN_CHANGE,
                        t.T_MEAN_3M, t.T_MIN_3M, t.FREEZING_INDEX_3M, t.FREEZE_THAW_DAYS_3M, t.PRECIP_MM_3M,
                        t.T_DROP_MAX_3M,
                        t.T_MEAN_6M, t.T_MIN_6M, t.FREEZING_INDEX_6M, t.FREEZE_THAW_DAYS_6M, t.PRECIP_MM_6M,
                        t.T_DROP_MAX_6M)
                .select(select(inline(fs), m.MONTH_INDEX, c.T_MEAN, c.T_MIN, c.FREEZING_INDEX, c.FREEZE_THAW_DAYS,
                        c.PRECIP_MM, c.T_MEAN_CHANGE,
                        whole(avg(c.T_MEAN), c.T_MEAN, w3, 3), whole(min(c.T_MIN), c.T_MIN, w3, 3),
                        whole(sum(c.FREEZING_INDEX), c.FREEZING_INDEX, w3, 3),
                        whole(sum(c.FREEZE_THAW_DAYS), c.FREEZE_THAW_DAYS, w3, 3).cast(SQLDataType.INTEGER),
                        whole(sum(c.PRECIP_MM), c.PRECIP_MM, w3, 3), whole(max(drop), drop, w3, 3),
                        whole(avg(c.T_MEAN), c.T_MEAN, w6, 6), whole(min(c.T_MIN), c.T_MIN, w6, 6),
                        whole(sum(c.FREEZING_INDEX), c.FREEZING_INDEX, w6, 6),
                        whole(sum(c.FREEZE_THAW_DAYS), c.FREEZE_THAW_DAYS, w6, 6).cast(SQLDataType.INTEGER),
                        whole(sum(c.PRECIP_MM), c.PRECIP_MM, w6, 6), whole(max(drop), drop, w6, 6))
                        .from(m)
                        .leftJoin(c).on(c.SERIES_ID.eq(seriesId))
                        .and(c.YEAR.eq(m.YEAR)).and(c.MONTH_OF_YEAR.eq(m.MONTH_OF_YEAR))
                        .where(m.FEATURE_SET_ID.eq(fs)))
                .execute();
    }

    /** {@code aggregate OVER w} when all {@code months} months of the window have {@code value}, else NULL. */
    private static <T extends Number> Field<Double> whole(org.jooq.AggregateFunction<T> aggregate, Field<?> value,
            WindowSpecification w, int months) {
        return when(count(value).over(w).eq(months), aggregate.over(w).cast(SQLDataType.DOUBLE));
    }

    /**
     * Writes the dense panel: every asset x every month of the panel, with rolling, lagged and cumulative break counts,
     * neighbour counts, climate, soil, pipe attributes, exposure, seasonality and labels, in one INSERT ... SELECT.
     */
    public int panel(Grain grain, int monthCount, int horizon, boolean yearly) {
        var p = PIPE_FEATURES_MONTHLY;
        return ctx.insertInto(p, p.FEATURE_SET_ID, p.ASSET_ID, p.MONTH_START, p.YEAR, p.MONTH_OF_YEAR,
                        p.BREAKS_IN_MONTH, p.BREAKS_LAG_1, p.BREAKS_LAG_2, p.BREAKS_LAG_3, p.BREAKS_3M, p.BREAKS_6M,
                        p.BREAKS_12M, p.BREAKS_36M, p.BREAKS_CUMULATIVE, p.MONTHS_SINCE_LAST_BREAK,
                        p.BREAKS_PER_KM_12M, p.BREAKS_PER_KM_36M, p.NEIGHBOUR_BREAKS_12M, p.NEIGHBOUR_BREAKS_36M,
                        p.T_MEAN, p.T_MIN, p.FREEZING_INDEX, p.FREEZE_THAW_DAYS, p.PRECIP_MM, p.T_MEAN_CHANGE,
                        p.T_MEAN_3M, p.T_MIN_3M, p.FREEZING_INDEX_3M, p.FREEZE_THAW_DAYS_3M, p.PRECIP_MM_3M,
                        p.T_DROP_MAX_3M, p.T_MEAN_6M, p.T_MIN_6M, p.FREEZING_INDEX_6M, p.FREEZE_THAW_DAYS_6M,
                        p.PRECIP_MM_6M, p.T_DROP_MAX_6M, p.SOIL_CORROSIVITY, p.SOIL_SHRINK_SWELL,
                        p.PIPE_AGE_YEARS, p.MATERIAL, p.DIAMETER_MM, p.LENGTH_M, p.LOG_LENGTH, p.EXPOSURE_KM,
                        p.AREA_KM2, p.MONTH_SIN, p.MONTH_COS, p.LABEL_BREAKS, p.LABEL_ANY, p.MONTH_INDEX,
                        p.BEFORE_INSTALL)
                .select(panelRows(grain, monthCount, horizon, yearly))
                .execute();
    }

    /**
     * The SELECT of {@link #panel}: the panel's rows, in the column order of its INSERT. With {@code yearly} only the
     * December rows and the last month's are kept; the window functions still run over every month, so each kept row
     * carries the same trailing, cumulative and label values as in the monthly panel.
     */
    public Select<? extends Record> panelRows(Grain grain, int monthCount, int horizon, boolean yearly) {
        var a = FEATURE_ASSETS;
        var m = FEATURE_BUILD_MONTHS;
        var b = FEATURE_BUILD_BREAKS;
        var cl = FEATURE_BUILD_CLIMATE;
        var s = SOIL_ZONES;
        boolean pipeGrain = grain.kind() == Grain.Kind.PIPE;

        // 1. the rows the windows run over: every asset x kept month, with its breaks (0 when none), asset
        // attributes, climate and soil; with yearly snapshots also each asset's months with a break event (own or
        // neighbour) that are not kept, so that the windows see every event without the dense asset x month grid
        Condition kept = yearly ? m.MONTH_OF_YEAR.eq(12).or(m.MONTH_INDEX.eq(monthCount - 1)) : DSL.noCondition();
        Field<Integer> br = coalesce(b.BREAKS, inline(0)).as("br");
        Field<Integer> nb = coalesce(b.NEIGHBOUR_BREAKS, inline(0)).as("nb");
        List<Field<?>> baseFields = List.of(a.ASSET_ID, a.ASSET_INDEX, m.MONTH_INDEX, m.MONTH_START, m.YEAR,
                m.MONTH_OF_YEAR, m.MONTH_SIN, m.MONTH_COS, br, nb, a.MATERIAL, a.DIAMETER_MM, a.INSTALL_YEAR,
                a.LENGTH_M, a.LOG_LENGTH, a.EXPOSURE_KM, a.AREA_KM2,
                s.CORROSIVITY_INDEX, s.SHRINK_SWELL_INDEX,
                cl.T_MEAN, cl.T_MIN, cl.FREEZING_INDEX, cl.FREEZE_THAW_DAYS, cl.PRECIP_MM, cl.T_MEAN_CHANGE,
                cl.T_MEAN_3M, cl.T_MIN_3M, cl.FREEZING_INDEX_3M, cl.FREEZE_THAW_DAYS_3M, cl.PRECIP_MM_3M,
                cl.T_DROP_MAX_3M, cl.T_MEAN_6M, cl.T_MIN_6M, cl.FREEZING_INDEX_6M, cl.FREEZE_THAW_DAYS_6M,
                cl.PRECIP_MM_6M, cl.T_DROP_MAX_6M);
        Select<Record> keptRows = select(baseFields)
                .from(a)
                .join(m).on(m.FEATURE_SET_ID.eq(a.FEATURE_SET_ID)).and(m.MONTH_INDEX.ge(0)).and(kept)
                .leftJoin(b).on(b.FEATURE_SET_ID.eq(a.FEATURE_SET_ID)).and(b.ASSET_INDEX.eq(a.ASSET_INDEX))
                .and(b.MONTH_INDEX.eq(m.MONTH_INDEX))
                .leftJoin(cl).on(cl.FEATURE_SET_ID.eq(a.FEATURE_SET_ID)).and(cl.MONTH_INDEX.eq(m.MONTH_INDEX))
                .leftJoin(s).on(s.ZONE_ID.eq(a.SOIL_ZONE_ID))
                .where(a.FEATURE_SET_ID.eq(fs));
        Table<?> base = (yearly ? keptRows.unionAll(select(baseFields)
                .from(b)
                .join(a).on(a.FEATURE_SET_ID.eq(b.FEATURE_SET_ID)).and(a.ASSET_INDEX.eq(b.ASSET_INDEX))
                .join(m).on(m.FEATURE_SET_ID.eq(b.FEATURE_SET_ID)).and(m.MONTH_INDEX.eq(b.MONTH_INDEX))
                .and(m.MONTH_INDEX.ge(0)).andNot(kept)
                .leftJoin(cl).on(cl.FEATURE_SET_ID.eq(b.FEATURE_SET_ID)).and(cl.MONTH_INDEX.eq(b.MONTH_INDEX))
                .leftJoin(s).on(s.ZONE_ID.eq(a.SOIL_ZONE_ID))
                .where(b.FEATURE_SET_ID.eq(fs))) : keptRows).asTable("base");

        // 2. window functions over each asset's months, in month order; the frames are ranges of months, so that
        // a month absent from the sparse yearly rows counts as a month without breaks
        Field<Integer> assetId = base.field(a.ASSET_INDEX);
        Field<Integer> idx = base.field(m.MONTH_INDEX);
        Field<Integer> brk = base.field(br);
        Field<Integer> nbk = base.field(nb);
        // a jOOQ window specification is a builder that its frame clause changes: one per window
        Supplier<WindowSpecificationRowsStep> byAsset = () -> partitionBy(assetId).orderBy(idx);
        Field<Integer> lastBreakIndex = max(when(brk.gt(0), idx)).over(byAsset.get().rangeUnboundedPreceding());
        Field<Integer> label = when(idx.plus(horizon).le(monthCount - 1), coalesce(sum(brk)
                .over(byAsset.get().rangeBetweenFollowing(1).andFollowing(horizon)), inline(BigDecimal.ZERO))
                .cast(SQLDataType.INTEGER));

        List<Field<?>> windowed = new ArrayList<>(List.of(base.fields()));
        for (int k = 1; k <= 3; k++) {
            windowed.add(when(idx.ge(k), coalesce(sum(brk).over(byAsset.get().rangeBetweenPreceding(k).andPreceding(k)),
                    inline(BigDecimal.ZERO)).cast(SQLDataType.INTEGER)).as("lag" + k));
        }
        windowed.add(trailing(brk, byAsset, 3).as("b3"));
        windowed.add(trailing(brk, byAsset, 6).as("b6"));
        windowed.add(trailing(brk, byAsset, 12).as("b12"));
        windowed.add(trailing(brk, byAsset, 36).as("b36"));
        windowed.add(sum(brk).over(byAsset.get().rangeUnboundedPreceding()).cast(SQLDataType.INTEGER).as("bcum"));
        windowed.add(idx.minus(lastBreakIndex).as("since"));
        windowed.add(trailing(nbk, byAsset, 12).as("n12"));
        windowed.add(trailing(nbk, byAsset, 36).as("n36"));
        windowed.add(label.as("lbl"));
        Table<?> w = select(windowed).from(base).asTable("w");

        // 3. derived columns, in the order of the INSERT below
        Field<Integer> year = w.field(m.YEAR);
        Field<Integer> installYear = w.field(a.INSTALL_YEAR);
        Field<Double> km = w.field(a.EXPOSURE_KM);
        Field<Integer> b12 = w.field("b12", Integer.class);
        Field<Integer> b36 = w.field("b36", Integer.class);
        Field<Integer> labelW = w.field("lbl", Integer.class);
        var beforeInstall = installYear.isNotNull().and(year.lt(installYear));
        Field<Double> age = pipeGrain
                ? when(installYear.isNull().or(year.lt(installYear)), castNull(SQLDataType.DOUBLE))
                        .otherwise(year.minus(installYear).cast(SQLDataType.DOUBLE)
                                .plus(w.field(m.MONTH_OF_YEAR).minus(1).cast(SQLDataType.DOUBLE).div(12.0)))
                : castNull(SQLDataType.DOUBLE);
        Field<String> material = pipeGrain
                ? when(beforeInstall, castNull(SQLDataType.VARCHAR)).otherwise(w.field(a.MATERIAL))
                : castNull(SQLDataType.VARCHAR);
        Field<Double> diameter = pipeGrain
                ? when(beforeInstall, castNull(SQLDataType.DOUBLE)).otherwise(w.field(a.DIAMETER_MM))
                : castNull(SQLDataType.DOUBLE);
        Field<Boolean> before = pipeGrain
                ? when(installYear.isNull(), castNull(SQLDataType.BOOLEAN))
                        .when(year.lt(installYear), inline(true)).otherwise(inline(false))
                : castNull(SQLDataType.BOOLEAN);
        Field<Boolean> labelAny = when(labelW.isNull(), castNull(SQLDataType.BOOLEAN))
                .when(labelW.gt(0), inline(true)).otherwise(inline(false));

        Select<? extends Record> rows = select(inline(fs), w.field(a.ASSET_ID), w.field(m.MONTH_START), year,
                w.field(m.MONTH_OF_YEAR), w.field(br), w.field("lag1", Integer.class), w.field("lag2", Integer.class),
                w.field("lag3", Integer.class), w.field("b3", Integer.class), w.field("b6", Integer.class), b12, b36,
                w.field("bcum", Integer.class), w.field("since", Integer.class),
                perKm(b12, km), perKm(b36, km),
                w.field("n12", Integer.class), w.field("n36", Integer.class),
                w.field(FEATURE_BUILD_CLIMATE.T_MEAN), w.field(FEATURE_BUILD_CLIMATE.T_MIN),
                w.field(FEATURE_BUILD_CLIMATE.FREEZING_INDEX), w.field(FEATURE_BUILD_CLIMATE.FREEZE_THAW_DAYS),
                w.field(FEATURE_BUILD_CLIMATE.PRECIP_MM), w.field(FEATURE_BUILD_CLIMATE.T_MEAN_CHANGE),
                w.field(FEATURE_BUILD_CLIMATE.T_MEAN_3M), w.field(FEATURE_BUILD_CLIMATE.T_MIN_3M),
                w.field(FEATURE_BUILD_CLIMATE.FREEZING_INDEX_3M), w.field(FEATURE_BUILD_CLIMATE.FREEZE_THAW_DAYS_3M),
                w.field(FEATURE_BUILD_CLIMATE.PRECIP_MM_3M), w.field(FEATURE_BUILD_CLIMATE.T_DROP_MAX_3M),
                w.field(FEATURE_BUILD_CLIMATE.T_MEAN_6M), w.field(FEATURE_BUILD_CLIMATE.T_MIN_6M),
                w.field(FEATURE_BUILD_CLIMATE.FREEZING_INDEX_6M), w.field(FEATURE_BUILD_CLIMATE.FREEZE_THAW_DAYS_6M),
                w.field(FEATURE_BUILD_CLIMATE.PRECIP_MM_6M), w.field(FEATURE_BUILD_CLIMATE.T_DROP_MAX_6M),
                w.field(SOIL_ZONES.CORROSIVITY_INDEX), w.field(SOIL_ZONES.SHRINK_SWELL_INDEX),
                age, material, diameter, w.field(a.LENGTH_M), w.field(a.LOG_LENGTH), km, w.field(a.AREA_KM2),
                w.field(m.MONTH_SIN), w.field(m.MONTH_COS), labelW, labelAny, w.field(m.MONTH_INDEX), before)
                .from(w)
                .where(yearly ? w.field(m.MONTH_OF_YEAR).eq(12).or(w.field(m.MONTH_INDEX).eq(monthCount - 1))
                        : DSL.noCondition());
        return rows;
    }

    /** Sum over the trailing {@code months} months, the current one included. */
    private static Field<Integer> trailing(Field<Integer> value, Supplier<WindowSpecificationRowsStep> byAsset,
            int months) {
        return sum(value).over(byAsset.get().rangeBetweenPreceding(months - 1).andCurrentRow()).cast(SQLDataType.INTEGER);
    }

    private static Field<Double> perKm(Field<Integer> breaks, Field<Double> km) {
        return when(km.gt(0.0), breaks.cast(SQLDataType.DOUBLE).div(km));
    }
}
