package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.BREAK_ANOMALIES;
import static io.breakwater.db.schema.Tables.BREAK_FORECASTS;
import static io.breakwater.db.schema.Tables.FCT_BREAK_ANOMALY;
import static io.breakwater.db.schema.Tables.FCT_BREAK_FORECAST;
import static io.breakwater.db.schema.Tables.FORECAST_RUNS;

import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.FctBreakAnomalyRecord;
import io.breakwater.db.schema.tables.records.FctBreakForecastRecord;
import io.breakwater.db.schema.tables.records.ForecastRunsRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * The star facts of the latest forecast run ({@code fct_break_forecast}, {@code fct_break_anomaly}), rebuilt with the
 * rest of the star schema; nothing when no forecast has run.
 */
public final class ForecastFacts {
    private ForecastFacts() {
    }

    /** The latest forecast run, or null. */
    static ForecastRunsRecord latest(DSLContext dsl) {
        return dsl.selectFrom(FORECAST_RUNS).orderBy(FORECAST_RUNS.CREATED_AT.desc(), FORECAST_RUNS.FORECAST_ID.desc())
                .limit(1).fetchOne();
    }

    /** Inserts the facts; returns the years their months fall in (the date dimension must span them). */
    public static Set<Integer> build(DSLContext dsl) {
        Set<Integer> years = new TreeSet<>();
        ForecastRunsRecord run = latest(dsl);
        if (run == null) {
            return years;
        }
        String id = run.getForecastId();
        List<FctBreakForecastRecord> forecasts = new ArrayList<>();
        for (var f : dsl.selectFrom(BREAK_FORECASTS).where(BREAK_FORECASTS.FORECAST_ID.eq(id)).fetch()) {
            years.add(f.getMonthStart().getYear());
            forecasts.add(new FctBreakForecastRecord(key(f.getScope(), f.getAreaId(), f.getMonthStart())
                    + ":" + f.getScenario(), id, monthKey(f.getMonthStart()), areaKey(f.getAreaId()), f.getScope(),
                    f.getScenario(), run.getMethod(), f.getExpectedBreaks(), f.getLower_80(), f.getUpper_80(),
                    f.getLower_95(), f.getUpper_95(), f.getFreezingIndex(), f.getFreezeThawDays()));
        }
        BulkRows.insert(dsl, FCT_BREAK_FORECAST, forecasts);
        List<FctBreakAnomalyRecord> anomalies = new ArrayList<>();
        for (var a : dsl.selectFrom(BREAK_ANOMALIES).where(BREAK_ANOMALIES.FORECAST_ID.eq(id)).fetch()) {
            years.add(a.getMonthStart().getYear());
            anomalies.add(new FctBreakAnomalyRecord(key(a.getScope(), a.getAreaId(), a.getMonthStart()), id,
                    monthKey(a.getMonthStart()), areaKey(a.getAreaId()), a.getScope(), a.getObservedBreaks(),
                    a.getExpectedBreaks(), a.getLower_95(), a.getUpper_95(), a.getExpectedNormal(),
                    a.getUpper_95Normal(), a.getUpper_95Cold(), a.getTailProbability(), a.getDirection(),
                    a.getFlagged(), a.getDriver(), a.getDriverDetail()));
        }
        BulkRows.insert(dsl, FCT_BREAK_ANOMALY, anomalies);
        return years;
    }

    private static String key(String scope, String areaId, LocalDate month) {
        return scope + ":" + areaId + ":" + monthKey(month) / 100;
    }

    static int monthKey(LocalDate month) {
        return month.getYear() * 10_000 + month.getMonthValue() * 100 + 1;
    }

    private static String areaKey(String areaId) {
        return "*".equals(areaId) ? null : areaId;
    }
}
