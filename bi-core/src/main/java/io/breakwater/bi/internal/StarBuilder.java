package io.breakwater.bi.internal;

import io.breakwater.db.BulkRows;
import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.MODEL_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.breakwater.bi.RefreshResult;
import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.TableSummary;
import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.AreasRecord;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.DashBreakTrendsRecord;
import io.breakwater.db.schema.tables.records.DashClimateDriversRecord;
import io.breakwater.db.schema.tables.records.DashHotspotsRecord;
import io.breakwater.db.schema.tables.records.DashRiskRankingRecord;
import io.breakwater.db.schema.tables.records.DashSoilDriversRecord;
import io.breakwater.db.schema.tables.records.DimAreaRecord;
import io.breakwater.db.schema.tables.records.DimAssetRecord;
import io.breakwater.db.schema.tables.records.DimDateRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.DimSoilZoneRecord;
import io.breakwater.db.schema.tables.records.DqResultsRecord;
import io.breakwater.db.schema.tables.records.FctBreakRecord;
import io.breakwater.db.schema.tables.records.FctClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.FctDqResultRecord;
import io.breakwater.db.schema.tables.records.FctIngestRunRecord;
import io.breakwater.db.schema.tables.records.FctModelCalibrationRecord;
import io.breakwater.db.schema.tables.records.FctModelFeatureRecord;
import io.breakwater.db.schema.tables.records.FctModelMetricRecord;
import io.breakwater.db.schema.tables.records.FctRiskDriverRecord;
import io.breakwater.db.schema.tables.records.FctRiskScoreRecord;
import io.breakwater.db.schema.tables.records.IngestRunsRecord;
import io.breakwater.db.schema.tables.records.ModelFeatureImportanceRecord;
import io.breakwater.db.schema.tables.records.ModelMetricsRecord;
import io.breakwater.db.schema.tables.records.ModelRegistryRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import io.breakwater.db.schema.tables.records.SoilZonesRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds the star and dashboard tables of one store. Use {@link StarSchema#refresh}. */
public final class StarBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(StarBuilder.class);
    private static final String STEP = "bi refresh";
    /** Calibration bins by predicted probability. */
    private static final int CALIBRATION_BINS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        List<Table<?>> owned = new ArrayList<>(StarSchema.starTables());
        owned.addAll(StarSchema.dashboardTables());
        progress.started(STEP, owned.size(), "tables");
        int[] years = new int[2];
        try {
            store.dsl().transaction(cfg -> {
                DSLContext dsl = DSL.using(cfg);
                for (Table<?> table : owned) {
                    dsl.deleteFrom(table).execute();
                }
                Tx tx = new Tx(dsl);
                tx.build();
                years[0] = tx.firstYear;
                years[1] = tx.lastYear;
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
        progress.finished(STEP, String.format(java.util.Locale.ROOT,
                "BI refresh: %d tables rebuilt, dim_date %d..%d, %,d breaks, %d empty%s, %.1f s", counts.size(),
                years[0], years[1], result.rowCount("fct_break"), emptyCount,
                emptyCount == 0 ? "" : " " + result.emptyTables(), elapsed.toMillis() / 1000.0));
        LOG.info("BI refresh of {}: {}", store.location(), counts);
        return result;
    }

    /** One refresh inside one transaction. */
    private final class Tx {
        private final DSLContext dsl;
        private final Set<Integer> years = new TreeSet<>();
        private int done;
        int firstYear;
        int lastYear;

        Tx(DSLContext dsl) {
            this.dsl = dsl;
        }

        void build() {
            // dimensions
            Map<String, Double> pipeKmByArea = pipeLengthKmByArea();
            List<DimAreaRecord> areas = dimArea(pipeKmByArea);
            insert(Tables.DIM_AREA, areas);
            List<DimSoilZoneRecord> soils = dimSoilZone();
            insert(Tables.DIM_SOIL_ZONE, soils);
            Map<String, DimAssetRecord> assets = dimAsset();
            insert(Tables.DIM_ASSET, assets.values());
            Map<String, DimModelRecord> models = dimModel();
            insert(Tables.DIM_MODEL, models.values());

            // facts
            List<FctBreakRecord> breaks = fctBreak();
            insert(Tables.FCT_BREAK, breaks);
            List<FctClimateMonthlyRecord> climate = fctClimate();
            insert(Tables.FCT_CLIMATE_MONTHLY, climate);
            List<FctRiskScoreRecord> scores = fctRiskScores(models);
            insert(Tables.FCT_MODEL_METRIC, fctModelMetrics());
            insert(Tables.FCT_MODEL_FEATURE, fctModelFeatures());
            insert(Tables.FCT_MODEL_CALIBRATION, fctCalibration(models, assets, breaks));
            insert(Tables.FCT_INGEST_RUN, fctIngestRuns());
            insert(Tables.FCT_DQ_RESULT, fctDqResults());
            years.addAll(ForecastFacts.build(dsl));   // issue 19: the latest forecast run's facts

            // the date dimension spans every year any fact points at
            if (years.isEmpty()) {
                years.add(LocalDate.now(clock).getYear());
            }
            firstYear = ((TreeSet<Integer>) years).first();
            lastYear = ((TreeSet<Integer>) years).last();
            insert(Tables.DIM_DATE, DateDimension.rows(firstYear, lastYear));

            // dashboards
            insert(Tables.DASH_BREAK_TRENDS, dashBreakTrends(breaks));
            insert(Tables.DASH_CLIMATE_DRIVERS, dashClimateDrivers(climate, breaks));
            insert(Tables.DASH_SOIL_DRIVERS, dashSoilDrivers(soils, breaks));
            insert(Tables.DASH_HOTSPOTS, dashHotspots(areas, breaks, scores, assets));
            insert(Tables.DASH_RISK_RANKING, dashRiskRanking(scores, models, assets));
        }

        // ------------------------------------------------------------ dimensions

        private Map<String, Double> pipeLengthKmByArea() {
            Map<String, Double> km = new HashMap<>();
            for (Record r : dsl.select(PIPES.AREA_ID, DSL.sum(PIPES.LENGTH_M)).from(PIPES)
                    .where(PIPES.AREA_ID.isNotNull()).and(PIPES.LENGTH_M.isNotNull())
                    .and(PIPES.STATUS.isNull().or(PIPES.STATUS.ne("abandoned")))
                    .groupBy(PIPES.AREA_ID).fetch()) {
                km.put(r.get(PIPES.AREA_ID), r.get(1, Double.class) / 1000.0);
            }
            if (km.isEmpty()) {
                // no inventory: a pipe-grain asset table still knows lengths
                for (Record r : dsl.select(FEATURE_ASSETS.AREA_ID, DSL.sum(FEATURE_ASSETS.LENGTH_M))
                        .from(FEATURE_ASSETS)
                        .where(FEATURE_ASSETS.GRAIN.eq("pipe")).and(FEATURE_ASSETS.AREA_ID.isNotNull())
                        .and(FEATURE_ASSETS.LENGTH_M.isNotNull())
                        .and(FEATURE_ASSETS.FEATURE_SET_ID.eq(DSL.select(DSL.max(FEATURE_SETS.FEATURE_SET_ID))
                                .from(FEATURE_SETS).where(FEATURE_SETS.GRAIN.eq("pipe"))))
                        .groupBy(FEATURE_ASSETS.AREA_ID).fetch()) {
                    km.put(r.get(FEATURE_ASSETS.AREA_ID), r.get(1, Double.class) / 1000.0);
                }
            }
            return km;
        }

        private List<DimAreaRecord> dimArea(Map<String, Double> pipeKm) {
            List<DimAreaRecord> rows = new ArrayList<>();
            for (AreasRecord a : dsl.selectFrom(AREAS).orderBy(AREAS.AREA_ID).fetch()) {
                DimAreaRecord r = new DimAreaRecord();
                r.setAreaKey(a.getAreaId());
                r.setAreaCode(a.getAreaCode());
                r.setAreaName(a.getAreaName());
                r.setAreaSet(a.getAreaSet());
                r.setAreaKm2(a.getAreaKm2());
                r.setPipeLengthKm(pipeKm.get(a.getAreaId()));
                r.setCentroidLon(a.getCentroidLon());
                r.setCentroidLat(a.getCentroidLat());
                r.setGeometryWkt(a.getGeometryWkt());
                rows.add(r);
            }
            return rows;
        }

        private List<DimSoilZoneRecord> dimSoilZone() {
            List<DimSoilZoneRecord> rows = new ArrayList<>();
            for (SoilZonesRecord s : dsl.selectFrom(SOIL_ZONES).orderBy(SOIL_ZONES.ZONE_ID).fetch()) {
                DimSoilZoneRecord r = new DimSoilZoneRecord();
                r.setSoilZoneKey(s.getZoneId());
                r.setSoilType(s.getSoilType());
                r.setCorrosivityIndex(s.getCorrosivityIndex());
                r.setCorrosivityClass(s.getCorrosivityClass());
                r.setShrinkSwellIndex(s.getShrinkSwellIndex());
                r.setShrinkSwellClass(s.getShrinkSwellClass());
                r.setIsSynthetic(s.getIsSynthetic());
                r.setSourceName(s.getSourceName());
                r.setAreaKm2(s.getAreaKm2());
                r.setGeometryWkt(s.getGeometryWkt());
                rows.add(r);
            }
            return rows;
        }

        /** Assets of the newest feature set that describes each one, then inventory pipes no feature set has. */
        private Map<String, DimAssetRecord> dimAsset() {
            Map<String, DimAssetRecord> assets = new LinkedHashMap<>();
            var newestFirst = dsl.select(FEATURE_ASSETS.fields()).from(FEATURE_ASSETS)
                    .join(FEATURE_SETS).on(FEATURE_SETS.FEATURE_SET_ID.eq(FEATURE_ASSETS.FEATURE_SET_ID))
                    .orderBy(FEATURE_SETS.BUILT_AT.desc(), FEATURE_SETS.FEATURE_SET_ID.desc(), FEATURE_ASSETS.ASSET_ID)
                    .fetchInto(FEATURE_ASSETS);
            for (var a : newestFirst) {
                if (assets.containsKey(a.getAssetId())) {
                    continue;
                }
                DimAssetRecord r = new DimAssetRecord();
                r.setAssetKey(a.getAssetId());
                r.setGrain(a.getGrain());
                r.setAreaKey(a.getAreaId());
                r.setSoilZoneKey(a.getSoilZoneId());
                r.setMaterial(a.getMaterial());
                r.setDiameterMm(a.getDiameterMm());
                r.setInstallYear(a.getInstallYear());
                r.setLengthKm(a.getLengthM() == null ? null : a.getLengthM() / 1000.0);
                r.setAreaKm2(a.getAreaKm2());
                r.setCentroidLon(a.getCentroidLon());
                r.setCentroidLat(a.getCentroidLat());
                r.setGeometryWkt(a.getGeometryWkt());
                r.setFeatureSetId(a.getFeatureSetId());
                assets.put(a.getAssetId(), r);
            }
            for (var p : dsl.selectFrom(PIPES).orderBy(PIPES.PIPE_ID).fetch()) {
                if (assets.containsKey(p.getPipeId())) {
                    continue;
                }
                DimAssetRecord r = new DimAssetRecord();
                r.setAssetKey(p.getPipeId());
                r.setGrain("pipe");
                r.setAreaKey(p.getAreaId());
                r.setSoilZoneKey(p.getSoilZoneId());
                r.setMaterial(p.getMaterial());
                r.setDiameterMm(p.getDiameterMm());
                r.setInstallYear(p.getInstallYear());
                r.setLengthKm(p.getLengthM() == null ? null : p.getLengthM() / 1000.0);
                r.setCentroidLon(p.getCentroidLon());
                r.setCentroidLat(p.getCentroidLat());
                r.setGeometryWkt(p.getGeometryWkt());
                assets.put(p.getPipeId(), r);
            }
            return assets;
        }

        private Map<String, DimModelRecord> dimModel() {
            List<ModelRegistryRecord> registry = dsl.selectFrom(MODEL_REGISTRY)
                    .orderBy(MODEL_REGISTRY.CREATED_AT, MODEL_REGISTRY.MODEL_ID).fetch();
            Map<String, String> newestByName = new HashMap<>();
            for (ModelRegistryRecord m : registry) {
                newestByName.put(m.getName(), m.getModelId()); // ascending: the last one wins
            }
            Map<String, DimModelRecord> models = new LinkedHashMap<>();
            for (ModelRegistryRecord m : registry) {
                DimModelRecord r = new DimModelRecord();
                r.setModelKey(m.getModelId());
                r.setName(m.getName());
                r.setAlgorithm(m.getAlgorithm());
                r.setTarget(m.getTarget());
                r.setGrain(m.getGrain());
                r.setHorizonMonths(m.getHorizonMonths());
                r.setTrainStart(m.getTrainStart());
                r.setTrainEnd(m.getTrainEnd());
                r.setCutoffMonth(m.getCutoffMonth());
                r.setFeatureSetId(m.getFeatureSetId());
                r.setTrainingRows(m.getTrainingRows());
                r.setCreatedAt(m.getCreatedAt());
                r.setIsLatest(m.getModelId().equals(newestByName.get(m.getName())));
                models.put(m.getModelId(), r);
            }
            return models;
        }

        // ------------------------------------------------------------ facts

        private List<FctBreakRecord> fctBreak() {
            List<FctBreakRecord> rows = new ArrayList<>();
            for (PipeBreaksCleanRecord b : dsl.selectFrom(PIPE_BREAKS_CLEAN).orderBy(PIPE_BREAKS_CLEAN.BREAK_ID)
                    .fetch()) {
                FctBreakRecord r = new FctBreakRecord();
                LocalDate day = b.getBreakDate();
                r.setBreakKey(b.getBreakId());
                r.setDateKey(DateDimension.key(day));
                r.setMonthKey(DateDimension.monthKey(day));
                years.add(day.getYear());
                r.setAreaKey(b.getAreaId());
                r.setAssetKey(b.getPipeId());
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

        private List<FctClimateMonthlyRecord> fctClimate() {
            List<ClimateMonthlyRecord> source = dsl.selectFrom(CLIMATE_MONTHLY)
                    .orderBy(CLIMATE_MONTHLY.SERIES_ID, CLIMATE_MONTHLY.MONTH_START).fetch();
            Map<String, Integer> observedMonths = new TreeMap<>();
            for (ClimateMonthlyRecord c : source) {
                observedMonths.merge(c.getSeriesId(), c.getDaysObserved() > 0 ? 1 : 0, Integer::sum);
            }
            String primary = observedMonths.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
            List<FctClimateMonthlyRecord> rows = new ArrayList<>();
            for (ClimateMonthlyRecord c : source) {
                FctClimateMonthlyRecord r = new FctClimateMonthlyRecord();
                r.setSeriesId(c.getSeriesId());
                r.setMonthKey(DateDimension.monthKey(c.getMonthStart()));
                years.add(c.getMonthStart().getYear());
                r.setIsPrimary(c.getSeriesId().equals(primary));
                r.setTMean(c.getTMean());
                r.setTMin(c.getTMin());
                r.setTMax(c.getTMax());
                r.setTDrop(c.getTMeanChange() == null ? null : -c.getTMeanChange());
                r.setPrecipMm(c.getPrecipMm());
                r.setSnowCm(c.getSnowCm());
                r.setFreezingIndex(c.getFreezingIndex());
                r.setFrostDays(c.getFrostDays());
                r.setFreezeThawDays(c.getFreezeThawDays());
                r.setDaysObserved(c.getDaysObserved());
                r.setTempComplete(c.getTempComplete());
                r.setPrecipComplete(c.getPrecipComplete());
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
                years.add(s.getScoreMonth().getYear());
                FctRiskScoreRecord r = new FctRiskScoreRecord();
                r.setModelKey(s.getModelId());
                r.setAssetKey(s.getAssetId());
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
                    d.setScoreMonthKey(monthKey);
                    d.setDriverRank(i + 1);
                    d.setDriver(names[i]);
                    d.setContribution(contributions[i]);
                    drivers.add(d);
                }
            }
            insert(Tables.FCT_RISK_SCORE, rows);
            insert(Tables.FCT_RISK_DRIVER, drivers);
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
            List<FctModelFeatureRecord> rows = new ArrayList<>();
            for (ModelFeatureImportanceRecord f : dsl.selectFrom(MODEL_FEATURE_IMPORTANCE)
                    .orderBy(MODEL_FEATURE_IMPORTANCE.MODEL_ID, MODEL_FEATURE_IMPORTANCE.IMPORTANCE_RANK).fetch()) {
                FctModelFeatureRecord r = new FctModelFeatureRecord();
                r.setModelKey(f.getModelId());
                r.setFeature(f.getFeature());
                r.setImportance(f.getImportance());
                r.setImportanceRank(f.getImportanceRank());
                rows.add(r);
            }
            return rows;
        }

        /**
         * Predicted against observed per probability bin. The observation is the feature panel's label for the
         * asset-month when the model's feature set has one; otherwise whether a break on the asset (its pipe or its
         * area) fell in the H months after the score month, for score months whose horizon the break records cover.
         */
        private List<FctModelCalibrationRecord> fctCalibration(Map<String, DimModelRecord> models,
                Map<String, DimAssetRecord> assets, List<FctBreakRecord> breaks) {
            Map<String, TreeSet<Integer>> breakMonthsByKey = new HashMap<>();
            int lastBreakMonth = Integer.MIN_VALUE;
            for (FctBreakRecord b : breaks) {
                lastBreakMonth = Math.max(lastBreakMonth, b.getMonthKey());
                if (b.getAssetKey() != null) {
                    breakMonthsByKey.computeIfAbsent(b.getAssetKey(), k -> new TreeSet<>()).add(b.getMonthKey());
                }
                if (b.getAreaKey() != null) {
                    breakMonthsByKey.computeIfAbsent("area\u0000" + b.getAreaKey(), k -> new TreeSet<>())
                            .add(b.getMonthKey());
                }
            }
            List<FctModelCalibrationRecord> rows = new ArrayList<>();
            for (DimModelRecord model : models.values()) {
                double[] sumPredicted = new double[CALIBRATION_BINS];
                long[] positives = new long[CALIBRATION_BINS];
                long[] counts = new long[CALIBRATION_BINS];
                var labelled = dsl.select(PIPE_BREAK_RISK_SCORES.PROBABILITY, PIPE_FEATURES_MONTHLY.LABEL_ANY)
                        .from(PIPE_BREAK_RISK_SCORES)
                        .join(PIPE_FEATURES_MONTHLY)
                        .on(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(model.getFeatureSetId())
                                .and(PIPE_FEATURES_MONTHLY.ASSET_ID.eq(PIPE_BREAK_RISK_SCORES.ASSET_ID))
                                .and(PIPE_FEATURES_MONTHLY.MONTH_START.eq(PIPE_BREAK_RISK_SCORES.SCORE_MONTH)))
                        .where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(model.getModelKey()))
                        .and(PIPE_FEATURES_MONTHLY.LABEL_ANY.isNotNull())
                        .fetch();
                for (var r : labelled) {
                    add(sumPredicted, positives, counts, r.value1(), r.value2());
                }
                if (labelled.isEmpty()) {
                    for (var s : dsl.select(PIPE_BREAK_RISK_SCORES.ASSET_ID, PIPE_BREAK_RISK_SCORES.SCORE_MONTH,
                            PIPE_BREAK_RISK_SCORES.HORIZON_MONTHS, PIPE_BREAK_RISK_SCORES.PROBABILITY)
                            .from(PIPE_BREAK_RISK_SCORES)
                            .where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(model.getModelKey())).fetch()) {
                        LocalDate first = s.value2().withDayOfMonth(1).plusMonths(1);
                        LocalDate last = first.plusMonths(s.value3() - 1L);
                        if (DateDimension.monthKey(last) > lastBreakMonth) {
                            continue; // the horizon runs past the break records: outcome unknown
                        }
                        DimAssetRecord asset = assets.get(s.value1());
                        TreeSet<Integer> months = breakMonthsByKey.get(s.value1());
                        if (months == null && asset != null && "area".equals(asset.getGrain())) {
                            months = breakMonthsByKey.get("area\u0000" + s.value1());
                        }
                        boolean observed = months != null && months.subSet(DateDimension.monthKey(first), true,
                                DateDimension.monthKey(last), true).size() > 0;
                        add(sumPredicted, positives, counts, s.value4(), observed);
                    }
                }
                int before = rows.size();
                for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
                    if (counts[bin] == 0) {
                        continue;
                    }
                    rows.add(calibrationRow(model.getModelKey(), bin + 1, sumPredicted[bin] / counts[bin],
                            (double) positives[bin] / counts[bin], counts[bin], "scored outcomes"));
                }
                if (rows.size() == before) {
                    heldOutCalibration(model, rows);
                }
            }
            return rows;
        }

        /**
         * The reliability table of a model on held-out data, when none of its scores has a known outcome: an
         * evaluation model's own test year, or, for a final model, the pooled test years of the newest rolling
         * evaluation of its feature set, algorithm and target (bins of equal asset count, as ml-core writes them).
         */
        private void heldOutCalibration(DimModelRecord model, List<FctModelCalibrationRecord> rows) {
            String own = dsl.select(MODEL_REGISTRY.METRICS_JSON).from(MODEL_REGISTRY)
                    .where(MODEL_REGISTRY.MODEL_ID.eq(model.getModelKey())).fetchOne(MODEL_REGISTRY.METRICS_JSON);
            JsonNode periods = json(own).path("periods");
            for (var it = periods.fieldNames(); it.hasNext();) {
                String period = it.next();
                if (period.matches("\\d{4}")) {
                    addReliability(model.getModelKey(), periods.path(period), "test year " + period, rows);
                    return;
                }
            }
            var evaluation = dsl.select(MODEL_EVALUATIONS.EVALUATION_ID, MODEL_EVALUATIONS.TEST_YEARS,
                    MODEL_EVALUATIONS.METRICS_JSON).from(MODEL_EVALUATIONS)
                    .where(MODEL_EVALUATIONS.FEATURE_SET_ID.eq(model.getFeatureSetId()))
                    .and(MODEL_EVALUATIONS.ALGORITHM.eq(model.getAlgorithm()))
                    .and(MODEL_EVALUATIONS.TARGET.eq(model.getTarget()))
                    .orderBy(MODEL_EVALUATIONS.CREATED_AT.desc(), MODEL_EVALUATIONS.EVALUATION_ID.desc())
                    .limit(1).fetchOne();
            if (evaluation != null) {
                addReliability(model.getModelKey(), json(evaluation.value3()).path("periods").path("pooled"),
                        "rolling evaluation " + evaluation.value1() + ", test years " + evaluation.value2(), rows);
            }
        }

        private static void addReliability(String modelKey, JsonNode period, String source,
                List<FctModelCalibrationRecord> rows) {
            for (JsonNode bin : period.path("model").path("reliability")) {
                if (bin.path("assets").asLong() > 0) {
                    rows.add(calibrationRow(modelKey, bin.path("bin").asInt(), bin.path("meanPredicted").asDouble(),
                            bin.path("observedRate").asDouble(), bin.path("assets").asLong(), source));
                }
            }
        }

        private static JsonNode json(String text) {
            try {
                return text == null ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BreakwaterException(ErrorCode.INTERNAL, "model metrics are not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
        }

        private static FctModelCalibrationRecord calibrationRow(String modelKey, int bin, double predicted,
                double observed, long count, String source) {
            FctModelCalibrationRecord r = new FctModelCalibrationRecord();
            r.setModelKey(modelKey);
            r.setBin(bin);
            r.setPredictedMean(predicted);
            r.setObservedRate(observed);
            r.setScoredCount(count);
            r.setSource(source);
            return r;
        }

        private void add(double[] sumPredicted, long[] positives, long[] counts, Double probability,
                Boolean observed) {
            if (probability == null || observed == null) {
                return;
            }
            int bin = Math.min(CALIBRATION_BINS - 1, Math.max(0, (int) Math.floor(probability * CALIBRATION_BINS)));
            sumPredicted[bin] += probability;
            counts[bin]++;
            if (observed) {
                positives[bin]++;
            }
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
                years.add(run.getStartedAt().getYear());
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
                FctDqResultRecord r = new FctDqResultRecord();
                r.setRunId(q.getRunId());
                r.setCheckName(q.getCheckName());
                r.setDateKey(DateDimension.key(checked.toLocalDate()));
                years.add(checked.getYear());
                r.setSourceName(sourceByRun.get(q.getRunId()));
                r.setTableName(q.getTableName());
                r.setColumnName(q.getColumnName());
                r.setSeverity(q.getSeverity());
                r.setStatus(q.getStatus());
                r.setElementCount(q.getElementCount());
                r.setUnexpectedCount(q.getUnexpectedCount());
                r.setUnexpectedPercent(q.getUnexpectedPercent());
                r.setObservedValue(q.getObservedValue());
                r.setMessage(q.getMessage());
                rows.add(r);
            }
            return rows;
        }

        // ------------------------------------------------------------ dashboards

        private Map<Integer, Integer> breaksByMonth(List<FctBreakRecord> breaks) {
            Map<Integer, Integer> byMonth = new TreeMap<>();
            for (FctBreakRecord b : breaks) {
                byMonth.merge(b.getMonthKey(), 1, Integer::sum);
            }
            return byMonth;
        }

        private List<DashBreakTrendsRecord> dashBreakTrends(List<FctBreakRecord> breaks) {
            TreeMap<Integer, Integer> byMonth = new TreeMap<>(breaksByMonth(breaks));
            List<DashBreakTrendsRecord> rows = new ArrayList<>();
            if (byMonth.isEmpty()) {
                return rows;
            }
            List<Integer> series = new ArrayList<>();
            LocalDate last = DateDimension.date(byMonth.lastKey());
            for (LocalDate m = DateDimension.date(byMonth.firstKey()); !m.isAfter(last); m = m.plusMonths(1)) {
                int key = DateDimension.key(m);
                int count = byMonth.getOrDefault(key, 0);
                series.add(count);
                int i = series.size() - 1;
                DashBreakTrendsRecord r = new DashBreakTrendsRecord();
                r.setMonthKey(key);
                r.setMonthStart(m);
                r.setYear(m.getYear());
                r.setMonthOfYear(m.getMonthValue());
                r.setMonthShort(m.getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
                        java.util.Locale.ENGLISH));
                r.setSeason(DateDimension.season(m.getMonthValue()));
                r.setBreaks(count);
                if (i >= 11) {
                    r.setBreaksRolling_12m(series.subList(i - 11, i + 1).stream().mapToInt(Integer::intValue).sum());
                }
                if (i >= 12) {
                    int previous = series.get(i - 12);
                    r.setBreaksSameMonthLastYear(previous);
                    r.setYoyChange(count - previous);
                }
                rows.add(r);
            }
            return rows;
        }

        private List<DashClimateDriversRecord> dashClimateDrivers(List<FctClimateMonthlyRecord> climate,
                List<FctBreakRecord> breaks) {
            Map<Integer, Integer> byMonth = breaksByMonth(breaks);
            List<DashClimateDriversRecord> rows = new ArrayList<>();
            if (byMonth.isEmpty()) {
                return rows;
            }
            int first = ((TreeMap<Integer, Integer>) byMonth).firstKey();
            int last = ((TreeMap<Integer, Integer>) byMonth).lastKey();
            for (FctClimateMonthlyRecord c : climate) {
                if (!c.getIsPrimary() || c.getMonthKey() < first || c.getMonthKey() > last) {
                    continue;
                }
                LocalDate m = DateDimension.date(c.getMonthKey());
                DashClimateDriversRecord r = new DashClimateDriversRecord();
                r.setMonthKey(c.getMonthKey());
                r.setSeriesId(c.getSeriesId());
                r.setYear(m.getYear());
                r.setMonthOfYear(m.getMonthValue());
                r.setSeason(DateDimension.season(m.getMonthValue()));
                r.setBreaks(byMonth.getOrDefault(c.getMonthKey(), 0));
                r.setFreezingIndex(c.getFreezingIndex());
                r.setTMean(c.getTMean());
                r.setTDrop(c.getTDrop());
                r.setPrecipMm(c.getPrecipMm());
                r.setFrostDays(c.getFrostDays());
                r.setFreezeThawDays(c.getFreezeThawDays());
                r.setTempComplete(c.getTempComplete());
                rows.add(r);
            }
            return rows;
        }

        private List<DashSoilDriversRecord> dashSoilDrivers(List<DimSoilZoneRecord> soils,
                List<FctBreakRecord> breaks) {
            Map<String, Integer> byZone = new HashMap<>();
            for (FctBreakRecord b : breaks) {
                if (b.getSoilZoneKey() != null) {
                    byZone.merge(b.getSoilZoneKey(), 1, Integer::sum);
                }
            }
            List<DashSoilDriversRecord> rows = new ArrayList<>();
            for (DimSoilZoneRecord s : soils) {
                int count = byZone.getOrDefault(s.getSoilZoneKey(), 0);
                DashSoilDriversRecord r = new DashSoilDriversRecord();
                r.setSoilZoneKey(s.getSoilZoneKey());
                r.setSoilType(s.getSoilType());
                r.setCorrosivityIndex(s.getCorrosivityIndex());
                r.setCorrosivityClass(s.getCorrosivityClass());
                r.setShrinkSwellClass(s.getShrinkSwellClass());
                r.setIsSynthetic(s.getIsSynthetic());
                r.setAreaKm2(s.getAreaKm2());
                r.setBreaks(count);
                r.setBreaksPerKm2(s.getAreaKm2() == null || s.getAreaKm2() <= 0 ? null : count / s.getAreaKm2());
                rows.add(r);
            }
            return rows;
        }

        private List<DashHotspotsRecord> dashHotspots(List<DimAreaRecord> areas, List<FctBreakRecord> breaks,
                List<FctRiskScoreRecord> scores, Map<String, DimAssetRecord> assets) {
            Map<String, Integer> byArea = new HashMap<>();
            for (FctBreakRecord b : breaks) {
                if (b.getAreaKey() != null) {
                    byArea.merge(b.getAreaKey(), 1, Integer::sum);
                }
            }
            String headline = headlineModel(scores);
            Map<String, double[]> risk = new HashMap<>();
            for (FctRiskScoreRecord s : scores) {
                if (!s.getModelKey().equals(headline) || !s.getIsLatest()) {
                    continue;
                }
                DimAssetRecord asset = assets.get(s.getAssetKey());
                String area = asset != null && asset.getAreaKey() != null ? asset.getAreaKey() : s.getAssetKey();
                double[] acc = risk.computeIfAbsent(area, k -> new double[2]);
                acc[0] += s.getProbability();
                acc[1]++;
            }
            boolean perKm = areas.stream().anyMatch(a -> a.getPipeLengthKm() != null && a.getPipeLengthKm() > 0);
            List<DashHotspotsRecord> rows = new ArrayList<>();
            for (DimAreaRecord a : areas) {
                int count = byArea.getOrDefault(a.getAreaKey(), 0);
                DashHotspotsRecord r = new DashHotspotsRecord();
                r.setAreaKey(a.getAreaKey());
                r.setAreaCode(a.getAreaCode());
                r.setAreaName(a.getAreaName());
                r.setAreaKm2(a.getAreaKm2());
                r.setPipeLengthKm(a.getPipeLengthKm());
                r.setBreaks(count);
                r.setBreaksPerKm(a.getPipeLengthKm() == null || a.getPipeLengthKm() <= 0 ? null
                        : count / a.getPipeLengthKm());
                r.setBreaksPerKm2(a.getAreaKm2() == null || a.getAreaKm2() <= 0 ? null : count / a.getAreaKm2());
                double[] acc = risk.get(a.getAreaKey());
                r.setMeanRisk(acc == null ? null : acc[0] / acc[1]);
                r.setCentroidLon(a.getCentroidLon());
                r.setCentroidLat(a.getCentroidLat());
                r.setGeometryWkt(a.getGeometryWkt());
                rows.add(r);
            }
            Comparator<DashHotspotsRecord> byDensity = Comparator.comparing(
                    (DashHotspotsRecord r) -> perKm ? r.getBreaksPerKm() : r.getBreaksPerKm2(),
                    Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(DashHotspotsRecord::getBreaks, Comparator.reverseOrder())
                    .thenComparing(DashHotspotsRecord::getAreaKey);
            List<DashHotspotsRecord> ranked = new ArrayList<>(rows);
            ranked.sort(byDensity);
            for (int i = 0; i < ranked.size(); i++) {
                ranked.get(i).setBreaksRank(i + 1);
            }
            return rows;
        }

        private List<DashRiskRankingRecord> dashRiskRanking(List<FctRiskScoreRecord> scores,
                Map<String, DimModelRecord> models, Map<String, DimAssetRecord> assets) {
            Map<String, String[]> drivers = new HashMap<>();
            for (PipeBreakRiskScoresRecord s : dsl.selectFrom(PIPE_BREAK_RISK_SCORES).fetch()) {
                drivers.put(s.getModelId() + "\u0000" + s.getAssetId() + "\u0000" + s.getScoreMonth(),
                        new String[] {s.getDriver_1(), s.getDriver_2(), s.getDriver_3()});
            }
            List<DashRiskRankingRecord> rows = new ArrayList<>();
            for (FctRiskScoreRecord s : scores) {
                if (!s.getIsLatest()) {
                    continue;
                }
                DimModelRecord model = models.get(s.getModelKey());
                DimAssetRecord asset = assets.get(s.getAssetKey());
                DashRiskRankingRecord r = new DashRiskRankingRecord();
                r.setModelKey(s.getModelKey());
                r.setAssetKey(s.getAssetKey());
                r.setModelName(model.getName());
                r.setGrain(asset == null ? model.getGrain() : asset.getGrain());
                r.setAreaKey(asset == null ? null : asset.getAreaKey());
                r.setMaterial(asset == null ? null : asset.getMaterial());
                r.setLengthKm(asset == null ? null : asset.getLengthKm());
                r.setScoreMonthKey(s.getScoreMonthKey());
                r.setHorizonMonths(s.getHorizonMonths());
                r.setProbability(s.getProbability());
                r.setExpectedBreaks(s.getExpectedBreaks());
                r.setRiskRank(s.getRiskRank());
                r.setPercentile(s.getPercentile());
                r.setRiskClass(s.getRiskClass());
                r.setRiskPerKm(s.getRiskPerKm());
                r.setRankPerKm(s.getRankPerKm());
                String[] d = drivers.get(s.getModelKey() + "\u0000" + s.getAssetKey() + "\u0000"
                        + DateDimension.date(s.getScoreMonthKey()));
                if (d != null) {
                    r.setDriver_1(d[0]);
                    r.setDriver_2(d[1]);
                    r.setDriver_3(d[2]);
                }
                r.setCentroidLon(asset == null ? null : asset.getCentroidLon());
                r.setCentroidLat(asset == null ? null : asset.getCentroidLat());
                rows.add(r);
            }
            return rows;
        }

        /** The newest latest-of-its-name model that has scores: the one maps and headlines show. */
        private String headlineModel(List<FctRiskScoreRecord> scores) {
            Set<String> scored = new HashSet<>();
            for (FctRiskScoreRecord s : scores) {
                if (s.getIsLatest()) {
                    scored.add(s.getModelKey());
                }
            }
            return dsl.select(MODEL_REGISTRY.MODEL_ID).from(MODEL_REGISTRY)
                    .orderBy(MODEL_REGISTRY.CREATED_AT.desc(), MODEL_REGISTRY.MODEL_ID.desc())
                    .fetch(MODEL_REGISTRY.MODEL_ID).stream().filter(scored::contains).findFirst().orElse(null);
        }

        // ------------------------------------------------------------ writing

        private <R extends TableRecord<R>> void insert(Table<R> table, Collection<R> rows) {
            BulkRows.insert(dsl, table, rows);
            done++;
            progress.progressed(STEP, done);
            LOG.debug("{}: {} rows", table.getName(), rows.size());
        }
    }
}
