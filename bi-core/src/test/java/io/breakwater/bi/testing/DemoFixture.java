package io.breakwater.bi.testing;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.MODEL_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.BreakwaterStore;
import java.time.Clock;
import java.nio.file.Path;
import io.breakwater.db.testing.ClimateMonths;
import io.breakwater.db.testing.TestStores;
import io.breakwater.db.ProgressListener;
import io.breakwater.bi.StarSchema;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/**
 * A small demo-like store: a 4 x 3 grid of areas over Toronto's extent, three synthetic soil zones, 60 pipes,
 * seasonal breaks over 2014-2016 with a monthly climate series, a pipe-grain feature set with labels, two versions
 * of a model with metrics against baselines, feature importance, scores (history and latest) with drivers, and
 * ingest runs with quality results and rejected rows. Deterministic for a given seed.
 */
public final class DemoFixture {
    public static final int AREAS_COUNT = 12;
    public static final int PIPES_COUNT = 60;
    public static final int FIRST_YEAR = 2014;
    public static final int LAST_YEAR = 2016;
    public static final String FEATURE_SET = "pipe-demo@1";
    public static final String OLD_MODEL = "risk-xgb-2016-01";
    public static final String NEW_MODEL = "risk-xgb-2016-12";

    private static final String[] MATERIALS = {"cast_iron", "ductile_iron", "pvc", "asbestos_cement", "unknown"};
    private static final double LON0 = -79.62;
    private static final double LAT0 = 43.58;
    private static final double DLON = 0.11;
    private static final double DLAT = 0.08;

    private DemoFixture() {
    }

    /** What the fixture wrote, for assertions. */
    public record Summary(int breaks, Map<String, Integer> breaksByArea, int scoresLatest) {
    }

    /** Bulk inserts per table: a JDBC batch of single rows is slow on DuckDB. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void insertAll(DSLContext dsl, List<TableRecord<?>> rows) {
        Map<org.jooq.Table<?>, List<TableRecord<?>>> byTable = new java.util.LinkedHashMap<>();
        for (TableRecord<?> r : rows) {
            byTable.computeIfAbsent(r.getTable(), t -> new ArrayList<>()).add(r);
        }
        for (var e : byTable.entrySet()) {
            io.breakwater.db.BulkRows.insert(dsl, (org.jooq.Table) e.getKey(), (List) e.getValue());
        }
    }

    /** A fresh DuckDB store in {@code dir} {@linkplain #fill filled} with {@code seed}, its star schema refreshed. */
    public static BreakwaterStore refreshed(Path dir, long seed, Clock clock) {
        BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
        fill(store, seed);
        StarSchema.refresh(store, clock, ProgressListener.NONE);
        return store;
    }

    /** Fills {@code store} (freshly migrated) with the demo data. */
    public static Summary fill(BreakwaterStore store, long seed) {
        DSLContext dsl = store.dsl();
        Random random = new Random(seed);
        List<TableRecord<?>> rows = new ArrayList<>();
        LocalDateTime ran = LocalDateTime.of(2026, 11, 20, 9, 0);

        // ingest runs: breaks, areas, climate, soil
        String[][] runs = {{"1", "breaks", "toronto-breaks"}, {"2", "areas", "toronto-neighbourhoods"},
            {"3", "climate", "eccc-6158350"}, {"4", "soil", "demo-soil-synthetic"}};
        long[] rejected = {7, 0, 2, 0};
        long[] flagged = {12, 1, 30, 0};
        for (int i = 0; i < runs.length; i++) {
            var r = dsl.newRecord(INGEST_RUNS);
            r.setRunId(Long.valueOf(runs[i][0]));
            r.setSourceKind(runs[i][1]);
            r.setSourceName(runs[i][2]);
            r.setLoadMode("incremental");
            r.setRowsRead(500L + rejected[i]);
            r.setRowsLoaded(500L);
            r.setRowsInserted(500L);
            r.setRowsUpdated(0L);
            r.setRowsUnchanged(0L);
            r.setRowsRejected(rejected[i]);
            r.setRowsFlagged(flagged[i]);
            r.setStatus("succeeded");
            r.setStartedAt(ran.plusMinutes(i));
            r.setFinishedAt(ran.plusMinutes(i).plusSeconds(20));
            r.setSourceSha256("%064d".formatted(i));
            rows.add(r);
            for (int k = 0; k < rejected[i]; k++) {
                var j = dsl.newRecord(REJECTED_ROWS);
                j.setRunId(r.getRunId());
                j.setLineNumber(10L + k * 17);
                j.setSourceName(runs[i][2]);
                j.setColumnName(k % 2 == 0 ? "BREAK_DATE" : "XCOORD");
                j.setRawValue(k % 2 == 0 ? "20161341" : "abc");
                j.setRule(k % 2 == 0 ? "date_parse" : "coordinate_parse");
                j.setMessage("line " + j.getLineNumber() + ": bad value");
                rows.add(j);
            }
            String[] checks = {"not_null_break_date", "coordinates_in_extent", "year_matches_date"};
            for (int k = 0; k < checks.length; k++) {
                var q = dsl.newRecord(DQ_RESULTS);
                q.setRunId(r.getRunId());
                q.setCheckName(checks[k]);
                q.setTableName(runs[i][1]);
                q.setColumnName(k == 0 ? "break_date" : null);
                q.setSeverity(k == 2 ? "flag_row" : "reject_row");
                long unexpected = k == 2 ? flagged[i] : (k == 0 ? rejected[i] : 0);
                q.setStatus(unexpected == 0 ? "passed" : "warned");
                q.setElementCount(500L + rejected[i]);
                q.setUnexpectedCount(unexpected);
                q.setUnexpectedPercent(100.0 * unexpected / (500 + rejected[i]));
                q.setCheckedAt(ran.plusMinutes(i).plusSeconds(10));
                rows.add(q);
            }
        }

        // areas: a 4 x 3 grid of slightly irregular cells
        List<String> areaIds = new ArrayList<>();
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                String id = "A%02d".formatted(row * 4 + col + 1);
                areaIds.add(id);
                double x0 = LON0 + col * DLON;
                double y0 = LAT0 + row * DLAT;
                var a = dsl.newRecord(AREAS);
                a.setAreaId(id);
                a.setAreaCode(String.valueOf(row * 4 + col + 1));
                a.setAreaName("Demo area " + (row * 4 + col + 1));
                a.setAreaSet("demo-grid-12");
                a.setAreaKm2(DLON * 80.6 * DLAT * 111.2);
                a.setCentroidLon(x0 + DLON / 2);
                a.setCentroidLat(y0 + DLAT / 2);
                a.setGeometryWkt(String.format(Locale.ROOT,
                        "POLYGON ((%.5f %.5f, %.5f %.5f, %.5f %.5f, %.5f %.5f, %.5f %.5f, %.5f %.5f))",
                        x0, y0, x0 + DLON, y0, x0 + DLON, y0 + DLAT, x0 + DLON / 2, y0 + DLAT * 1.0,
                        x0, y0 + DLAT, x0, y0));
                a.setRunId(2L);
                rows.add(a);
            }
        }

        // soil zones: three vertical strips, synthetic
        String[] classes = {"low", "moderate", "high"};
        for (int z = 0; z < 3; z++) {
            double x0 = LON0 + z * DLON * 4 / 3;
            double x1 = x0 + DLON * 4 / 3;
            var s = dsl.newRecord(SOIL_ZONES);
            s.setZoneId("S" + (z + 1));
            s.setSoilType(new String[] {"sand", "till", "clay"}[z]);
            s.setCorrosivityIndex(0.2 + 0.3 * z);
            s.setCorrosivityClass(classes[z]);
            s.setShrinkSwellIndex(0.1 + 0.35 * z);
            s.setShrinkSwellClass(classes[z]);
            s.setIsSynthetic(true);
            s.setSourceName("demo-soil-synthetic");
            s.setGeometryWkt(String.format(Locale.ROOT, "POLYGON ((%.5f %.5f, %.5f %.5f, %.5f %.5f, %.5f %.5f, %.5f %.5f))",
                    x0, LAT0, x1, LAT0, x1, LAT0 + 3 * DLAT, x0, LAT0 + 3 * DLAT, x0, LAT0));
            s.setAreaKm2(DLON * 4 / 3 * 80.6 * 3 * DLAT * 111.2);
            s.setRunId(4L);
            rows.add(s);
        }

        // feature set and pipes (5 per area), each pipe also a pipe-grain asset
        var fs = dsl.newRecord(FEATURE_SETS);
        fs.setFeatureSetId(FEATURE_SET);
        fs.setName("pipe-demo");
        fs.setVersion("1");
        fs.setDefinitionHash("d".repeat(64));
        fs.setDefinitionJson("{}");
        fs.setGrain("pipe");
        fs.setHorizonMonths(12);
        fs.setAsOf(ran);
        fs.setBuiltAt(ran.plusHours(1));
        rows.add(fs);
        List<String> pipeIds = new ArrayList<>();
        Map<String, String> areaOfPipe = new HashMap<>();
        Map<String, Double> hazard = new HashMap<>();
        for (int p = 0; p < PIPES_COUNT; p++) {
            String id = "P%03d".formatted(p + 1);
            String area = areaIds.get(p % AREAS_COUNT);
            int areaIndex = p % AREAS_COUNT;
            int col = areaIndex % 4;
            int row = areaIndex / 4;
            double lon = LON0 + col * DLON + DLON * (0.2 + 0.6 * random.nextDouble());
            double lat = LAT0 + row * DLAT + DLAT * (0.2 + 0.5 * random.nextDouble());
            String zone = "S" + (Math.min(2, (int) ((lon - LON0) / (DLON * 4 / 3))) + 1);
            String material = MATERIALS[p % MATERIALS.length];
            int install = 1930 + random.nextInt(80);
            double length = 300 + random.nextInt(1500);
            var pipe = dsl.newRecord(PIPES);
            pipe.setPipeId(id);
            pipe.setSourceName("demo-pipes");
            pipe.setMaterial(material);
            pipe.setDiameterMm(150.0 + 50 * (p % 4));
            pipe.setInstallYear(install);
            pipe.setLengthM(length);
            pipe.setStatus("active");
            pipe.setGeometryWkt(String.format(Locale.ROOT, "LINESTRING (%.5f %.5f, %.5f %.5f)", lon, lat,
                    lon + 0.004, lat + 0.002));
            pipe.setCentroidLon(lon + 0.002);
            pipe.setCentroidLat(lat + 0.001);
            pipe.setAreaId(area);
            pipe.setSoilZoneId(zone);
            pipe.setRunId(1L);
            rows.add(pipe);
            var asset = dsl.newRecord(FEATURE_ASSETS);
            asset.setFeatureSetId(FEATURE_SET);
            asset.setAssetId(id);
            asset.setGrain("pipe");
            asset.setAreaId(area);
            asset.setMaterial(material);
            asset.setDiameterMm(pipe.getDiameterMm());
            asset.setInstallYear(install);
            asset.setLengthM(length);
            asset.setSoilZoneId(zone);
            asset.setCentroidLon(pipe.getCentroidLon());
            asset.setCentroidLat(pipe.getCentroidLat());
            asset.setGeometryWkt(pipe.getGeometryWkt());
            rows.add(asset);
            pipeIds.add(id);
            areaOfPipe.put(id, area);
            // hazard: old cast iron in corrosive soil breaks most
            double h = 0.004 * length / 1000 * (material.equals("cast_iron") ? 3 : 1) * (1 + (2016 - install) / 40.0)
                    * (zone.equals("S3") ? 2 : 1) * (1 + areaIndex / 6.0);
            hazard.put(id, h);
        }

        // climate: the primary monthly series, and a shorter backup series
        Map<LocalDate, Double> freezing = new HashMap<>();
        double previousMean = Double.NaN;
        for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
            for (int m = 1; m <= 12; m++) {
                LocalDate month = LocalDate.of(y, m, 1);
                double mean = 8 - 14 * Math.cos((m - 1.5) / 12.0 * 2 * Math.PI) + random.nextGaussian();
                double fi = Math.max(0, -mean * 30 + 20 * random.nextDouble());
                freezing.put(month, fi);
                for (String series : new String[] {"6158350", "backup"}) {
                    if (series.equals("backup") && y != LAST_YEAR) {
                        continue;
                    }
                    var c = ClimateMonths.observedInFull(series, month, 3L);
                    c.setTMean(mean);
                    c.setTMin(mean - 6);
                    c.setTMax(mean + 6);
                    c.setPrecipMm(40 + 60 * random.nextDouble());
                    c.setSnowCm(mean < 0 ? 20 * random.nextDouble() : 0.0);
                    c.setFreezingIndex(fi);
                    c.setFrostDays(mean < 2 ? 20 : 0);
                    c.setFreezeThawDays(Math.abs(mean) < 4 ? 8 : 1);
                    c.setTMeanChange(Double.isNaN(previousMean) ? null : mean - previousMean);
                    rows.add(c);
                }
                previousMean = mean;
            }
        }

        // breaks: Poisson-ish draws per pipe and month, more in cold months
        int breakCount = 0;
        Map<String, Integer> byArea = new HashMap<>();
        Map<String, List<LocalDate>> breakMonthsByPipe = new HashMap<>();
        for (String pipe : pipeIds) {
            for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
                for (int m = 1; m <= 12; m++) {
                    LocalDate month = LocalDate.of(y, m, 1);
                    double rate = hazard.get(pipe) * (1 + freezing.get(month) / 120.0);
                    int n = 0;
                    double u = random.nextDouble();
                    double p = Math.exp(-rate);
                    double cumulative = p;
                    while (u > cumulative && n < 5) {
                        n++;
                        p *= rate / n;
                        cumulative += p;
                    }
                    for (int k = 0; k < n; k++) {
                        breakCount++;
                        LocalDate day = month.plusDays(random.nextInt(month.lengthOfMonth()));
                        PipeBreaksCleanRecord b = dsl.newRecord(PIPE_BREAKS_CLEAN);
                        b.setBreakId("toronto-breaks:" + breakCount);
                        b.setSourceName("toronto-breaks");
                        b.setSourceRecordId(String.valueOf(breakCount));
                        b.setBreakDate(day);
                        b.setBreakYear(y);
                        b.setBreakMonth(m);
                        b.setLon(LON0 + 0.4 * random.nextDouble());
                        b.setLat(LAT0 + 0.2 * random.nextDouble());
                        b.setAreaId(areaOfPipe.get(pipe));
                        b.setPipeId(pipe);
                        b.setPipeMatchMethod("asset_id");
                        b.setSoilZoneId("S" + (1 + Math.floorMod(pipe.hashCode(), 3)));
                        b.setMaterial(MATERIALS[Integer.parseInt(pipe.substring(1)) % MATERIALS.length]);
                        b.setInstallYear(1930 + random.nextInt(80));
                        b.setBreakType("watermain break");
                        b.setFlags(random.nextInt(20) == 0 ? "coords_disagree" : null);
                        b.setRecordHash(Integer.toHexString(breakCount));
                        b.setRunId(1L);
                        b.setSourceLine(1L + breakCount);
                        rows.add(b);
                        byArea.merge(areaOfPipe.get(pipe), 1, Integer::sum);
                        breakMonthsByPipe.computeIfAbsent(pipe, x -> new ArrayList<>()).add(month);
                    }
                }
            }
        }

        // two versions of the model; the newer one has metrics, importance, history and latest scores
        String[][] models = {{OLD_MODEL, "2016-01-01"}, {NEW_MODEL, "2016-12-01"}};
        for (String[] m : models) {
            var r = dsl.newRecord(MODEL_REGISTRY);
            r.setModelId(m[0]);
            r.setName("risk-xgb");
            r.setAlgorithm("xgboost");
            r.setTarget("any_break");
            r.setHyperParameters("{\"depth\":4}");
            r.setSeed(42L);
            r.setTrainStart(LocalDate.of(FIRST_YEAR, 1, 1));
            r.setTrainEnd(LocalDate.parse(m[1]).minusMonths(12));
            r.setCutoffMonth(LocalDate.parse(m[1]));
            r.setHorizonMonths(12);
            r.setGrain("pipe");
            r.setFeatureSetId(FEATURE_SET);
            r.setFeatureSetVersion("1");
            r.setFeatureSetHash("d".repeat(64));
            r.setTrainingRows(1000L);
            r.setTrainingPositives(200L);
            r.setTrainingDataHash("e".repeat(64));
            r.setCreatedAt(LocalDateTime.parse(m[1] + "T12:00:00"));
            r.setBreakwaterVersion("0.1.0-SNAPSHOT");
            rows.add(r);
        }
        String[] scorers = {"model", "random", "age", "past_breaks"};
        double[] auc = {0.74, 0.50, 0.58, 0.66};
        for (String model : new String[] {OLD_MODEL, NEW_MODEL}) {
            for (int s = 0; s < scorers.length; s++) {
                for (String period : new String[] {"2014", "2015", "pooled"}) {
                    for (String metric : new String[] {"roc_auc", "pr_auc", "break_share_top_10pct_assets",
                        "break_share_top_5pct_length"}) {
                        var r = dsl.newRecord(MODEL_METRICS);
                        r.setModelId(model);
                        r.setScorer(scorers[s]);
                        r.setPeriod(period);
                        r.setMetric(metric);
                        double base = metric.equals("roc_auc") ? auc[s] : auc[s] / 2;
                        r.setMetricValue(base + (period.equals("2015") ? 0.02 : 0) + random.nextDouble() * 0.01);
                        rows.add(r);
                    }
                }
            }
        }
        String[] features = {"breaks_36m", "pipe_age_years", "material", "freezing_index_3m", "length_m",
            "soil_corrosivity", "t_drop_max_3m", "month_sin"};
        for (String model : new String[] {OLD_MODEL, NEW_MODEL}) {
            for (int f = 0; f < features.length; f++) {
                var r = dsl.newRecord(MODEL_FEATURE_IMPORTANCE);
                r.setModelId(model);
                r.setFeature(features[f]);
                r.setImportance(1.0 / (f + 1));
                r.setImportanceRank(f + 1);
                rows.add(r);
            }
        }
        // history: 2015 months of the new model (labelled through the feature panel); latest: 2016-12
        List<LocalDate> scoreMonths = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            scoreMonths.add(LocalDate.of(2015, m, 1));
        }
        scoreMonths.add(LocalDate.of(2016, 12, 1));
        int latest = 0;
        for (String model : new String[] {OLD_MODEL, NEW_MODEL}) {
            List<LocalDate> months = model.equals(OLD_MODEL) ? List.of(LocalDate.of(2016, 1, 1)) : scoreMonths;
            for (LocalDate month : months) {
                List<PipeBreakRiskScoresRecord> scored = new ArrayList<>();
                for (String pipe : pipeIds) {
                    double prob = 1 - Math.exp(-hazard.get(pipe) * 12 * (0.8 + 0.4 * random.nextDouble()));
                    var r = dsl.newRecord(PIPE_BREAK_RISK_SCORES);
                    r.setModelId(model);
                    r.setAssetId(pipe);
                    r.setScoreMonth(month);
                    r.setHorizonMonths(12);
                    r.setProbability(prob);
                    r.setExpectedBreaks(hazard.get(pipe) * 12);
                    r.setDriver_1(features[random.nextInt(3)]);
                    r.setDriver_1Contribution(0.1);
                    r.setDriver_2(features[3 + random.nextInt(3)]);
                    r.setDriver_2Contribution(0.05);
                    r.setDriver_3(features[6 + random.nextInt(2)]);
                    r.setDriver_3Contribution(0.01);
                    r.setScoredAt(LocalDateTime.parse("2016-12-15T00:00:00"));
                    scored.add(r);
                }
                scored.sort(Comparator.comparing(PipeBreakRiskScoresRecord::getProbability).reversed());
                for (int i = 0; i < scored.size(); i++) {
                    var r = scored.get(i);
                    r.setRiskRank(i + 1);
                    r.setPercentile(1.0 - (double) i / scored.size());
                    r.setRiskClass(i < 6 ? "very_high" : i < 18 ? "high" : i < 36 ? "medium" : "low");
                    r.setRiskPerKm(r.getProbability());
                    r.setRankPerKm(i + 1);
                    if (model.equals(NEW_MODEL) && month.getYear() == 2016) {
                        latest++;
                    }
                }
                rows.addAll(scored);
            }
        }
        // the panel's labels for the history months
        for (String pipe : pipeIds) {
            for (int m = 1; m <= 12; m++) {
                LocalDate month = LocalDate.of(2015, m, 1);
                long next = breakMonthsByPipe.getOrDefault(pipe, List.of()).stream()
                        .filter(d -> d.isAfter(month) && !d.isAfter(month.plusMonths(12))).count();
                PipeFeaturesMonthlyRecord f = dsl.newRecord(PIPE_FEATURES_MONTHLY);
                f.setFeatureSetId(FEATURE_SET);
                f.setAssetId(pipe);
                f.setMonthStart(month);
                f.setYear(2015);
                f.setMonthOfYear(m);
                f.setBreaksInMonth(0);
                f.setBreaks_3m(0);
                f.setBreaks_6m(0);
                f.setBreaks_12m(0);
                f.setBreaks_36m(0);
                f.setBreaksCumulative(0);
                f.setMonthSin(Math.sin(2 * Math.PI * m / 12));
                f.setMonthCos(Math.cos(2 * Math.PI * m / 12));
                f.setLabelBreaks((int) next);
                f.setLabelAny(next > 0);
                rows.add(f);
            }
        }
        dsl.transaction(cfg -> insertAll(org.jooq.impl.DSL.using(cfg), rows));
        ForecastFixture.fill(dsl);   // issue 19: a stored forecast run
        BacktestFixture.fill(dsl);   // issue 17: an evaluation's per-asset back-test scores
        return new Summary(breakCount, byArea, latest);
    }

    /** Per-year figures of {@link #fillAreaCountModel}'s headline metric: model, then past_breaks, then random. */
    public static final double[][] AREA_SHARE_TOP_10PCT = {{0.30, 0.32, 0.10}, {0.28, 0.27, 0.10}};

    /**
     * The demo at area grain with a count model, as Toronto's demo runs: no pipe inventory (breaks carry only their
     * area), the areas are the assets, both models predict expected break counts per area (the old one tested on
     * 2014, the new one on 2015, as yearly evaluation models are), and the metrics carry ml-core's names, with the
     * model behind the past-breaks baseline on average ({@link #AREA_SHARE_TOP_10PCT}).
     */
    public static Summary fillAreaCountModel(BreakwaterStore store, long seed) {
        Summary pipes = fill(store, seed);
        DSLContext dsl = store.dsl();
        dsl.transaction(cfg -> {
            DSLContext tx = org.jooq.impl.DSL.using(cfg);
            Map<String, String> areaOfPipe = new HashMap<>();
            tx.select(PIPES.PIPE_ID, PIPES.AREA_ID).from(PIPES).fetch().forEach(r -> areaOfPipe.put(r.value1(),
                    r.value2()));
            tx.update(PIPE_BREAKS_CLEAN).setNull(PIPE_BREAKS_CLEAN.PIPE_ID).setNull(PIPE_BREAKS_CLEAN.MATERIAL)
                    .setNull(PIPE_BREAKS_CLEAN.INSTALL_YEAR).setNull(PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD).execute();
            tx.deleteFrom(PIPES).execute();
            tx.deleteFrom(PIPE_FEATURES_MONTHLY).execute();
            tx.deleteFrom(FEATURE_ASSETS).execute();
            tx.update(FEATURE_SETS).set(FEATURE_SETS.GRAIN, "area").execute();
            tx.update(MODEL_REGISTRY).set(MODEL_REGISTRY.TARGET, "break_count").set(MODEL_REGISTRY.GRAIN, "area")
                    .set(MODEL_REGISTRY.NAME, "xgboost-break_count").execute();
            List<TableRecord<?>> rows = new ArrayList<>();
            for (var a : tx.selectFrom(AREAS).orderBy(AREAS.AREA_ID).fetch()) {
                var asset = tx.newRecord(FEATURE_ASSETS);
                asset.from(a);   // the columns both tables name alike: area id, km², centroid, geometry
                asset.setFeatureSetId(FEATURE_SET);
                asset.setAssetId(a.getAreaId());
                asset.setGrain("area");
                rows.add(asset);
            }
            // area scores: the sum of the pipes' expected breaks; probability of at least one, saturating near 1
            Map<String, Map<String, double[]>> byModelMonth = new java.util.TreeMap<>();
            for (var s : tx.selectFrom(PIPE_BREAK_RISK_SCORES).fetch()) {
                byModelMonth.computeIfAbsent(s.getModelId() + "|" + s.getScoreMonth(), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(areaOfPipe.get(s.getAssetId()), k -> new double[1])[0] += s.getExpectedBreaks();
            }
            var template = tx.selectFrom(PIPE_BREAK_RISK_SCORES).limit(1).fetchOne();
            tx.deleteFrom(PIPE_BREAK_RISK_SCORES).execute();
            for (var e : byModelMonth.entrySet()) {
                String[] key = e.getKey().split("\\|");
                List<Map.Entry<String, double[]>> ranked = new ArrayList<>(e.getValue().entrySet());
                ranked.sort(Comparator.comparing((Map.Entry<String, double[]> x) -> -x.getValue()[0]));
                for (int i = 0; i < ranked.size(); i++) {
                    var r = tx.newRecord(PIPE_BREAK_RISK_SCORES);
                    r.from(template);
                    r.setModelId(key[0]);
                    r.setScoreMonth(LocalDate.parse(key[1]));
                    r.setAssetId(ranked.get(i).getKey());
                    r.setExpectedBreaks(ranked.get(i).getValue()[0]);
                    r.setProbability(1 - Math.exp(-ranked.get(i).getValue()[0]));
                    r.setRiskRank(i + 1);
                    r.setPercentile(1.0 - (double) i / ranked.size());
                    r.setRiskClass(i < 2 ? "very_high" : i < 5 ? "high" : i < 8 ? "medium" : "low");
                    r.setRiskPerKm(null);
                    r.setRankPerKm(null);
                    rows.add(r);
                }
            }
            tx.deleteFrom(MODEL_METRICS).execute();
            String[] scorers = {"model", "past_breaks", "random"};
            String[][] modelYears = {{OLD_MODEL, "2014"}, {NEW_MODEL, "2015"}};
            for (int y = 0; y < modelYears.length; y++) {
                for (int s = 0; s < scorers.length; s++) {
                    double share = AREA_SHARE_TOP_10PCT[y][s];
                    Object[][] metrics = {{"break_share_top_10pct_assets", share}, {"roc_auc", 0.6 + share},
                        {"assets", (double) AREAS_COUNT}, {"breaks", 700.0 + y}};
                    for (Object[] m : metrics) {
                        var r = tx.newRecord(MODEL_METRICS);
                        r.setModelId(modelYears[y][0]);
                        r.setScorer(scorers[s]);
                        r.setPeriod(modelYears[y][1]);
                        r.setMetric((String) m[0]);
                        r.setMetricValue((Double) m[1]);
                        rows.add(r);
                    }
                }
            }
            insertAll(tx, rows);
        });
        return pipes;
    }
}
