package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.MODEL_METRICS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;

import io.breakwater.db.ClimateSeries;
import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.DimAssetRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.DqResultsRecord;
import io.breakwater.db.schema.tables.records.FctBreakRecord;
import io.breakwater.db.schema.tables.records.FctClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.FctDqResultRecord;
import io.breakwater.db.schema.tables.records.FctIngestRunRecord;
import io.breakwater.db.schema.tables.records.FctModelFeatureRecord;
import io.breakwater.db.schema.tables.records.FctModelMetricRecord;
import io.breakwater.db.schema.tables.records.FctRiskDriverRecord;
import io.breakwater.db.schema.tables.records.FctRiskScoreRecord;
import io.breakwater.db.schema.tables.records.IngestRunsRecord;
import io.breakwater.db.schema.tables.records.ModelMetricsRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The facts read straight from the curated, model and run-log tables: {@code fct_break}, {@code fct_climate_monthly},
 * {@code fct_risk_score}, {@code fct_risk_driver}, {@code fct_model_metric}, {@code fct_model_feature},
 * {@code fct_ingest_run}, {@code fct_dq_result}. Breaks, climate months and score months bound {@code dim_date};
 * ingest runs and checks do not (their day is when the pipeline ran, not a day of the data).
 */
final class StarFacts implements StarStep {
    private DSLContext dsl;
    private StarContext context;

    @Override
    public void build(StarContext context) {
        this.context = context;
        this.dsl = context.dsl();
        context.breaks = fctBreak();
        context.insert(Tables.FCT_BREAK, context.breaks);
        context.climate = fctClimate();
        context.insert(Tables.FCT_CLIMATE_MONTHLY, context.climate);
        context.scores = fctRiskScores(context.models);
        context.insert(Tables.FCT_MODEL_METRIC, fctModelMetrics());
        context.insert(Tables.FCT_MODEL_FEATURE, fctModelFeatures());
        context.insert(Tables.FCT_INGEST_RUN, fctIngestRuns());
        context.insert(Tables.FCT_DQ_RESULT, fctDqResults());
    }

    private List<FctBreakRecord> fctBreak() {
        List<FctBreakRecord> rows = new ArrayList<>();
        for (PipeBreaksCleanRecord b : dsl.selectFrom(PIPE_BREAKS_CLEAN).orderBy(PIPE_BREAKS_CLEAN.BREAK_ID)
                .fetch()) {
            FctBreakRecord r = new FctBreakRecord();
            LocalDate day = b.getBreakDate();
            r.setBreakKey(b.getBreakId());
            r.setDateKey(DateDimension.key(day));
            r.setMonthKey(DateDimension.monthKey(day));
            context.dataYear(day.getYear());
            r.setAreaKey(b.getAreaId());
            r.setAssetKey(assetOf(b));
            r.setSoilZoneKey(b.getSoilZoneId());
            r.setSourceName(b.getSourceName());
            r.setMaterial(b.getMaterial());
            r.setDiameterMm(b.getDiameterMm());
            Integer install = b.getInstallYear();
            r.setPipeAgeYears(install == null || install > day.getYear() ? null : day.getYear() - install);
            r.setBreakType(b.getBreakType());
            r.setLon(b.getLon());
            r.setLat(b.getLat());
            r.setFlags(b.getFlags());
            r.setBreakCount(1);
            rows.add(r);
        }
        return rows;
    }

    /**
     * The asset a break belongs to: its pipe when the break was matched to one; else, when the assets are areas (an
     * area-grain feature set, no pipe inventory), its area. A break in no known asset has none.
     */
    private String assetOf(PipeBreaksCleanRecord b) {
        if (b.getPipeId() != null) {
            return b.getPipeId();
        }
        DimAssetRecord area = b.getAreaId() == null ? null : context.assets.get(b.getAreaId());
        return area != null && "area".equals(area.getGrain()) ? area.getAssetKey() : null;
    }

    private List<FctClimateMonthlyRecord> fctClimate() {
        List<ClimateMonthlyRecord> source = dsl.selectFrom(CLIMATE_MONTHLY)
                .orderBy(CLIMATE_MONTHLY.SERIES_ID, CLIMATE_MONTHLY.MONTH_START).fetch();
        String primary = ClimateSeries.byObservedMonths(dsl).stream().findFirst().orElse(null);
        List<FctClimateMonthlyRecord> rows = new ArrayList<>();
        for (ClimateMonthlyRecord c : source) {
            FctClimateMonthlyRecord r = c.into(Tables.FCT_CLIMATE_MONTHLY); // measures by name, then the keys
            r.setMonthKey(DateDimension.monthKey(c.getMonthStart()));
            context.dataYear(c.getMonthStart().getYear());
            r.setIsPrimary(c.getSeriesId().equals(primary));
            r.setTDrop(c.getTMeanChange() == null ? null : -c.getTMeanChange());
            rows.add(r);
        }
        return rows;
    }

    /** Every score, with the newest score month of the newest model of each name marked latest; and drivers. */
    private List<FctRiskScoreRecord> fctRiskScores(Map<String, DimModelRecord> models) {
        Map<String, LocalDate> latestMonth = new HashMap<>();
        for (Record r : dsl.select(PIPE_BREAK_RISK_SCORES.MODEL_ID, DSL.max(PIPE_BREAK_RISK_SCORES.SCORE_MONTH))
                .from(PIPE_BREAK_RISK_SCORES).groupBy(PIPE_BREAK_RISK_SCORES.MODEL_ID).fetch()) {
            latestMonth.put(r.get(PIPE_BREAK_RISK_SCORES.MODEL_ID), r.get(1, LocalDate.class));
        }
        List<FctRiskScoreRecord> rows = new ArrayList<>();
        List<FctRiskDriverRecord> drivers = new ArrayList<>();
        for (PipeBreakRiskScoresRecord s : dsl.selectFrom(PIPE_BREAK_RISK_SCORES)
                .orderBy(PIPE_BREAK_RISK_SCORES.MODEL_ID, PIPE_BREAK_RISK_SCORES.SCORE_MONTH,
                        PIPE_BREAK_RISK_SCORES.RISK_RANK, PIPE_BREAK_RISK_SCORES.ASSET_ID)
                .fetch()) {
            DimModelRecord model = models.get(s.getModelId());
            int monthKey = DateDimension.monthKey(s.getScoreMonth());
            context.dataYear(s.getScoreMonth().getYear());
            FctRiskScoreRecord r = new FctRiskScoreRecord();
            r.setModelKey(s.getModelId());
            r.setAssetKey(s.getAssetId());
            r.setAreaKey(context.areaOf(s.getAssetId()));
            r.setScoreMonthKey(monthKey);
            r.setHorizonMonths(s.getHorizonMonths());
            r.setProbability(s.getProbability());
            r.setExpectedBreaks(s.getExpectedBreaks());
            r.setRiskRank(s.getRiskRank());
            r.setPercentile(s.getPercentile());
            r.setRiskClass(s.getRiskClass());
            r.setRiskPerKm(s.getRiskPerKm());
            r.setRankPerKm(s.getRankPerKm());
            r.setIsLatest(model != null && Boolean.TRUE.equals(model.getIsLatest())
                    && s.getScoreMonth().equals(latestMonth.get(s.getModelId())));
            rows.add(r);
            String[] names = {s.getDriver_1(), s.getDriver_2(), s.getDriver_3()};
            Double[] contributions = {s.getDriver_1Contribution(), s.getDriver_2Contribution(),
                s.getDriver_3Contribution()};
            for (int i = 0; i < names.length; i++) {
                if (names[i] == null || names[i].isBlank()) {
                    continue;
                }
                FctRiskDriverRecord d = new FctRiskDriverRecord();
                d.setModelKey(s.getModelId());
                d.setAssetKey(s.getAssetId());
                d.setAreaKey(r.getAreaKey());
                d.setScoreMonthKey(monthKey);
                d.setDriverRank(i + 1);
                d.setDriver(names[i]);
                d.setContribution(contributions[i]);
                drivers.add(d);
            }
        }
        context.insert(Tables.FCT_RISK_SCORE, rows);
        context.insert(Tables.FCT_RISK_DRIVER, drivers);
        return rows;
    }

    private List<FctModelMetricRecord> fctModelMetrics() {
        List<FctModelMetricRecord> rows = new ArrayList<>();
        for (ModelMetricsRecord m : dsl.selectFrom(MODEL_METRICS)
                .orderBy(MODEL_METRICS.MODEL_ID, MODEL_METRICS.SCORER, MODEL_METRICS.PERIOD, MODEL_METRICS.METRIC)
                .fetch()) {
            FctModelMetricRecord r = new FctModelMetricRecord();
            r.setModelKey(m.getModelId());
            r.setScorer(m.getScorer());
            r.setIsBaseline(!"model".equals(m.getScorer()));
            r.setPeriod(m.getPeriod());
            r.setPeriodYear(m.getPeriod().matches("\\d{4}") ? Integer.valueOf(m.getPeriod()) : null);
            r.setMetric(m.getMetric());
            r.setMetricValue(m.getMetricValue());
            rows.add(r);
        }
        return rows;
    }

    private List<FctModelFeatureRecord> fctModelFeatures() {
        var f = MODEL_FEATURE_IMPORTANCE;
        return dsl.select(f.MODEL_ID.as(Tables.FCT_MODEL_FEATURE.MODEL_KEY), f.FEATURE, f.IMPORTANCE, f.IMPORTANCE_RANK)
                .from(f).orderBy(f.MODEL_ID, f.IMPORTANCE_RANK).fetchInto(Tables.FCT_MODEL_FEATURE);
    }

    private List<FctIngestRunRecord> fctIngestRuns() {
        Map<Long, Integer> rules = new HashMap<>();
        for (Record r : dsl.select(REJECTED_ROWS.RUN_ID, DSL.countDistinct(REJECTED_ROWS.RULE)).from(REJECTED_ROWS)
                .groupBy(REJECTED_ROWS.RUN_ID).fetch()) {
            rules.put(r.get(REJECTED_ROWS.RUN_ID), r.get(1, Integer.class));
        }
        List<FctIngestRunRecord> rows = new ArrayList<>();
        for (IngestRunsRecord run : dsl.selectFrom(INGEST_RUNS).orderBy(INGEST_RUNS.RUN_ID).fetch()) {
            FctIngestRunRecord r = new FctIngestRunRecord();
            r.setRunId(run.getRunId());
            r.setDateKey(DateDimension.key(run.getStartedAt().toLocalDate()));
            r.setSourceKind(run.getSourceKind());
            r.setSourceName(run.getSourceName());
            r.setStatus(run.getStatus());
            r.setRowsRead(run.getRowsRead());
            r.setRowsLoaded(run.getRowsLoaded());
            r.setRowsRejected(run.getRowsRejected());
            r.setRowsFlagged(run.getRowsFlagged());
            r.setRowsFiltered(run.getRowsFiltered() == null ? 0L : run.getRowsFiltered());
            r.setRejectRules(rules.getOrDefault(run.getRunId(), 0));
            r.setStartedAt(run.getStartedAt());
            rows.add(r);
        }
        return rows;
    }

    private List<FctDqResultRecord> fctDqResults() {
        Map<Long, String> sourceByRun = new HashMap<>();
        for (Record r : dsl.select(INGEST_RUNS.RUN_ID, INGEST_RUNS.SOURCE_NAME).from(INGEST_RUNS).fetch()) {
            sourceByRun.put(r.get(INGEST_RUNS.RUN_ID), r.get(INGEST_RUNS.SOURCE_NAME));
        }
        List<FctDqResultRecord> rows = new ArrayList<>();
        for (DqResultsRecord q : dsl.selectFrom(DQ_RESULTS).orderBy(DQ_RESULTS.RUN_ID, DQ_RESULTS.CHECK_NAME)
                .fetch()) {
            LocalDateTime checked = q.getCheckedAt();
            FctDqResultRecord r = q.into(Tables.FCT_DQ_RESULT); // the check by name, then the keys
            r.setDateKey(DateDimension.key(checked.toLocalDate()));
            r.setSourceName(sourceByRun.get(q.getRunId()));
            rows.add(r);
        }
        return rows;
    }

}
