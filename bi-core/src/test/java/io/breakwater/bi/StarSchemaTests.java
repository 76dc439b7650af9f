package io.breakwater.bi;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.DASH_BREAK_TRENDS;
import static io.breakwater.db.schema.Tables.DASH_HOTSPOTS;
import static io.breakwater.db.schema.Tables.DASH_RISK_RANKING;
import static io.breakwater.db.schema.Tables.DIM_DATE;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.FCT_BREAK;
import static io.breakwater.db.schema.Tables.FCT_CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.FCT_DQ_RESULT;
import static io.breakwater.db.schema.Tables.FCT_MODEL_CALIBRATION;
import static io.breakwater.db.schema.Tables.FCT_RISK_SCORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.TableSummary;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class StarSchemaTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    /** One demo store per kind, filled and refreshed once: the tests only read it (or refresh it again). */
    @TempDir
    static Path dir;
    static final Map<TestStores.Kind, BreakwaterStore> STORES = new EnumMap<>(TestStores.Kind.class);
    static final Map<TestStores.Kind, DemoFixture.Summary> DEMO = new EnumMap<>(TestStores.Kind.class);
    static final Map<TestStores.Kind, RefreshResult> FIRST = new EnumMap<>(TestStores.Kind.class);

    @BeforeAll
    static void fillAndRefresh() {
        for (TestStores.Kind kind : TestStores.Kind.values()) {
            BreakwaterStore store = TestStores.fresh(kind, dir);
            STORES.put(kind, store);
            DEMO.put(kind, DemoFixture.fill(store, 7));
            FIRST.put(kind, StarSchema.refresh(store, CLOCK, null));
        }
    }

    @AfterAll
    static void close() {
        STORES.values().forEach(BreakwaterStore::close);
    }

    @EachStoreKind
    void everyDimensionAndFactIsFilledFromADemoLikeStore(TestStores.Kind kind) {
        BreakwaterStore store = STORES.get(kind);
        DemoFixture.Summary demo = DEMO.get(kind);
        RefreshResult result = FIRST.get(kind);
        assertThat(result.emptyTables()).isEmpty();
        for (Table<?> table : StarSchema.starTables()) {
            assertThat(store.dsl().fetchCount(table)).as(table.getName()).isPositive();
        }
        assertThat(result.rowCount("fct_break")).isEqualTo(demo.breaks());
        assertThat(result.rowCount("dim_area")).isEqualTo(DemoFixture.AREAS_COUNT);
        assertThat(result.rowCount("dim_asset")).isEqualTo(DemoFixture.PIPES_COUNT);
        assertThat(result.rowCount("dash_risk_ranking")).isEqualTo(demo.scoresLatest());
        // two series overlap in 2016; only the 36 months of the fuller one are primary
        assertThat(store.dsl().fetchCount(FCT_CLIMATE_MONTHLY, FCT_CLIMATE_MONTHLY.IS_PRIMARY.isTrue()))
                .isEqualTo(36);
        assertThat(result.refreshedAt()).isEqualTo(CLOCK.instant());
    }

    /** The climate and data-quality facts carry every measure and text of their source rows, column by column. */
    @EachStoreKind
    void climateAndQualityFactsCarryTheirSourceValues(TestStores.Kind kind) {
        var dsl = STORES.get(kind).dsl();
        assertThat(dsl.select(FCT_CLIMATE_MONTHLY.SERIES_ID, FCT_CLIMATE_MONTHLY.T_MEAN, FCT_CLIMATE_MONTHLY.PRECIP_MM,
                FCT_CLIMATE_MONTHLY.FREEZING_INDEX, FCT_CLIMATE_MONTHLY.FREEZE_THAW_DAYS,
                FCT_CLIMATE_MONTHLY.DAYS_OBSERVED, FCT_CLIMATE_MONTHLY.PRECIP_COMPLETE).from(FCT_CLIMATE_MONTHLY)
                .fetchSet(r -> r.intoList().toString()))
                .isNotEmpty()
                .isEqualTo(dsl.select(CLIMATE_MONTHLY.SERIES_ID, CLIMATE_MONTHLY.T_MEAN, CLIMATE_MONTHLY.PRECIP_MM,
                        CLIMATE_MONTHLY.FREEZING_INDEX, CLIMATE_MONTHLY.FREEZE_THAW_DAYS,
                        CLIMATE_MONTHLY.DAYS_OBSERVED, CLIMATE_MONTHLY.PRECIP_COMPLETE).from(CLIMATE_MONTHLY)
                        .fetchSet(r -> r.intoList().toString()));
        assertThat(dsl.select(FCT_DQ_RESULT.RUN_ID, FCT_DQ_RESULT.CHECK_NAME, FCT_DQ_RESULT.TABLE_NAME,
                FCT_DQ_RESULT.SEVERITY, FCT_DQ_RESULT.UNEXPECTED_COUNT, FCT_DQ_RESULT.MESSAGE).from(FCT_DQ_RESULT)
                .fetchSet(r -> r.intoList().toString()))
                .isNotEmpty()
                .isEqualTo(dsl.select(DQ_RESULTS.RUN_ID, DQ_RESULTS.CHECK_NAME, DQ_RESULTS.TABLE_NAME,
                        DQ_RESULTS.SEVERITY, DQ_RESULTS.UNEXPECTED_COUNT, DQ_RESULTS.MESSAGE).from(DQ_RESULTS)
                        .fetchSet(r -> r.intoList().toString()));
    }

    /** Power BI's date-table rules: unique dates, no blanks, contiguous days, whole years; every fact key inside. */
    @EachStoreKind
    void dimDatePassesPowerBiDateTableRules(TestStores.Kind kind) {
        BreakwaterStore store = STORES.get(kind);
        RefreshResult result = FIRST.get(kind);
        List<LocalDate> days = store.dsl().select(DIM_DATE.FULL_DATE).from(DIM_DATE).orderBy(DIM_DATE.FULL_DATE)
                .fetch(DIM_DATE.FULL_DATE);
        assertThat(days).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(days.get(0)).isEqualTo(LocalDate.of(result.firstYear(), 1, 1));
        assertThat(days.get(days.size() - 1)).isEqualTo(LocalDate.of(result.lastYear(), 12, 31));
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i)).as("day after %s", days.get(i - 1)).isEqualTo(days.get(i - 1).plusDays(1));
        }
        // fixture: breaks, climate and scores 2014-2016, a forecast of the 12 months after (2017); the ingest runs of
        // 2026 do not stretch the data's calendar
        assertThat(result.firstYear()).isEqualTo(2014);
        assertThat(result.lastYear()).isEqualTo(2017);
        assertThat(store.dsl().fetchCount(DIM_DATE, DIM_DATE.DATE_KEY.eq(20160229).and(DIM_DATE.IS_WEEKEND.isFalse())
                .and(DIM_DATE.SEASON.eq("winter")).and(DIM_DATE.MONTH_KEY.eq(20160201)))).isEqualTo(1);
        // every fact date key has its day
        assertThat(store.dsl().fetchCount(FCT_BREAK, FCT_BREAK.DATE_KEY.notIn(
                store.dsl().select(DIM_DATE.DATE_KEY).from(DIM_DATE)))).isZero();
        assertThat(store.dsl().fetchCount(FCT_RISK_SCORE, FCT_RISK_SCORE.SCORE_MONTH_KEY.notIn(
                store.dsl().select(DIM_DATE.DATE_KEY).from(DIM_DATE)))).isZero();
    }

    @EachStoreKind
    void refreshIsIdempotentAndKeysAreStable(TestStores.Kind kind) {
        BreakwaterStore store = STORES.get(kind);
        List<TableSummary> first = StarSchema.refresh(store, CLOCK, null).tables();
        var breaksBefore = store.dsl().selectFrom(FCT_BREAK).orderBy(FCT_BREAK.BREAK_KEY).fetch();
        List<TableSummary> second = StarSchema.refresh(store, CLOCK, null).tables();
        var breaksAfter = store.dsl().selectFrom(FCT_BREAK).orderBy(FCT_BREAK.BREAK_KEY).fetch();
        assertThat(second).isEqualTo(first);
        assertThat(breaksAfter).isEqualTo(breaksBefore);
    }

    @EachStoreKind
    void dashboardsComputeRollingYearOverYearHotspotsAndLatestRanking(TestStores.Kind kind) {
        BreakwaterStore store = STORES.get(kind);
        DemoFixture.Summary demo = DEMO.get(kind);
        var dsl = store.dsl();

        var trends = dsl.selectFrom(DASH_BREAK_TRENDS).orderBy(DASH_BREAK_TRENDS.MONTH_KEY).fetch();
        assertThat(trends.stream().mapToInt(r -> r.getBreaks()).sum()).isEqualTo(demo.breaks());
        assertThat(trends).hasSize(36); // dense: every month 2014-01..2016-12
        for (int i = 0; i < trends.size(); i++) {
            var r = trends.get(i);
            if (i < 11) {
                assertThat(r.getBreaksRolling_12m()).isNull();
            } else {
                int sum = 0;
                for (int k = i - 11; k <= i; k++) {
                    sum += trends.get(k).getBreaks();
                }
                assertThat(r.getBreaksRolling_12m()).isEqualTo(sum);
            }
            if (i >= 12) {
                assertThat(r.getYoyChange()).isEqualTo(r.getBreaks() - trends.get(i - 12).getBreaks());
            }
        }

        var hotspots = dsl.selectFrom(DASH_HOTSPOTS).orderBy(DASH_HOTSPOTS.BREAKS_RANK).fetch();
        assertThat(hotspots).hasSize(DemoFixture.AREAS_COUNT);
        for (var h : hotspots) {
            assertThat(h.getBreaks()).isEqualTo(demo.breaksByArea().getOrDefault(h.getAreaKey(), 0));
            assertThat(h.getBreaksPerKm()).isCloseTo(h.getBreaks() / h.getPipeLengthKm(),
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(h.getMeanRisk()).isBetween(0.0, 1.0);
        }
        for (int i = 1; i < hotspots.size(); i++) {
            assertThat(hotspots.get(i).getBreaksPerKm()).isLessThanOrEqualTo(hotspots.get(i - 1).getBreaksPerKm());
        }

        // the ranking holds only the newest model's newest month, with drivers
        var ranking = dsl.selectFrom(DASH_RISK_RANKING).orderBy(DASH_RISK_RANKING.RISK_RANK).fetch();
        assertThat(ranking).extracting(r -> r.getModelKey()).containsOnly(DemoFixture.NEW_MODEL);
        assertThat(ranking).extracting(r -> r.getScoreMonthKey()).containsOnly(20161201);
        assertThat(ranking).allSatisfy(r -> assertThat(r.getDriver_1()).isNotBlank());
        assertThat(ranking.get(0).getRiskRank()).isEqualTo(1);

        // calibration from the panel's labels of the 2015 history: bins sum to 12 months x 60 pipes
        var calibration = dsl.selectFrom(FCT_MODEL_CALIBRATION)
                .where(FCT_MODEL_CALIBRATION.MODEL_KEY.eq(DemoFixture.NEW_MODEL)).fetch();
        assertThat(calibration.stream().mapToLong(r -> r.getScoredCount()).sum()).isEqualTo(12 * 60);
        assertThat(calibration).allSatisfy(r -> assertThat(r.getObservedRate()).isBetween(0.0, 1.0));
    }

    /**
     * Without a pipe inventory the assets are the areas: every break in an area is a break of that asset, and risk
     * scores carry their asset's area.
     */
    @org.junit.jupiter.api.Test
    void atAreaGrainEveryBreakInAnAreaHasThatAreaAsItsAsset(@TempDir Path own) {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, own)) {
            DemoFixture.fill(store, 7);
            var dsl = store.dsl();
            dsl.update(io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN)
                    .setNull(io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN.PIPE_ID).execute();
            dsl.deleteFrom(io.breakwater.db.schema.Tables.PIPES).execute();
            var assets = io.breakwater.db.schema.Tables.FEATURE_ASSETS;
            var areas = io.breakwater.db.schema.Tables.AREAS;
            dsl.deleteFrom(assets).execute();
            dsl.insertInto(assets, assets.FEATURE_SET_ID, assets.ASSET_ID, assets.GRAIN, assets.AREA_ID)
                    .select(dsl.select(org.jooq.impl.DSL.inline(DemoFixture.FEATURE_SET), areas.AREA_ID,
                            org.jooq.impl.DSL.inline("area"), areas.AREA_ID).from(areas)).execute();
            StarSchema.refresh(store, CLOCK, null);
            assertThat(dsl.fetchCount(FCT_BREAK)).isPositive();
            assertThat(dsl.fetchCount(FCT_BREAK, FCT_BREAK.ASSET_KEY.isNull())).isZero();
            assertThat(dsl.fetchCount(FCT_BREAK, FCT_BREAK.ASSET_KEY.ne(FCT_BREAK.AREA_KEY))).isZero();
        }
    }

    @EachStoreKind
    void riskScoresCarryTheAreaOfTheirAsset(TestStores.Kind kind) {
        var dsl = STORES.get(kind).dsl();
        var asset = io.breakwater.db.schema.Tables.DIM_ASSET;
        assertThat(dsl.fetchCount(FCT_RISK_SCORE)).isPositive();
        assertThat(dsl.fetchCount(FCT_RISK_SCORE, FCT_RISK_SCORE.AREA_KEY.isNull())).isZero();
        assertThat(dsl.fetchCount(dsl.select().from(FCT_RISK_SCORE).join(asset)
                .on(asset.ASSET_KEY.eq(FCT_RISK_SCORE.ASSET_KEY)).where(asset.AREA_KEY.ne(FCT_RISK_SCORE.AREA_KEY))))
                .isZero();
        assertThat(dsl.fetchCount(io.breakwater.db.schema.Tables.FCT_RISK_DRIVER,
                io.breakwater.db.schema.Tables.FCT_RISK_DRIVER.AREA_KEY.isNull())).isZero();
    }

    /** Without panel labels the calibration falls back to the break records, and agrees with what the panel said. */
    @org.junit.jupiter.api.Test
    void calibrationFromBreakRecordsMatchesThePanelLabels(@TempDir Path own) {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.SQLITE, own)) {
            DemoFixture.fill(store, 7);
            StarSchema.refresh(store, CLOCK, null);
            var fromPanel = store.dsl().selectFrom(FCT_MODEL_CALIBRATION).orderBy(FCT_MODEL_CALIBRATION.MODEL_KEY,
                    FCT_MODEL_CALIBRATION.BIN).fetch();
            store.dsl().deleteFrom(io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY).execute();
            StarSchema.refresh(store, CLOCK, null);
            var fromBreaks = store.dsl().selectFrom(FCT_MODEL_CALIBRATION).orderBy(FCT_MODEL_CALIBRATION.MODEL_KEY,
                    FCT_MODEL_CALIBRATION.BIN).fetch();
            // the new model's 2015 history has known outcomes either way; identical bins, counts and rates
            var newPanel = fromPanel.stream().filter(r -> r.getModelKey().equals(DemoFixture.NEW_MODEL)).toList();
            var newBreaks = fromBreaks.stream().filter(r -> r.getModelKey().equals(DemoFixture.NEW_MODEL)).toList();
            assertThat(newBreaks).isNotEmpty().isEqualTo(newPanel);
        }
    }

    /**
     * When none of a final model's scores has a known outcome, its calibration is its configuration's on held-out
     * years: the pooled reliability table of the newest rolling evaluation of its feature set, algorithm and target,
     * labelled as such; an older evaluation of the same configuration is not used.
     */
    @org.junit.jupiter.api.Test
    void finalModelWithoutOutcomesTakesItsRollingEvaluationsCalibration(@TempDir Path own) {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, own)) {
            DemoFixture.fill(store, 7);
            var dsl = store.dsl();
            dsl.deleteFrom(io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY).execute();
            dsl.deleteFrom(io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN).execute();
            String pooled = "{\"periods\":{\"pooled\":{\"model\":{\"reliability\":["
                    + "{\"bin\":1,\"assets\":40,\"meanPredicted\":0.05,\"observedRate\":0.075},"
                    + "{\"bin\":2,\"assets\":0,\"meanPredicted\":0.0,\"observedRate\":0.0},"
                    + "{\"bin\":3,\"assets\":20,\"meanPredicted\":0.6,\"observedRate\":0.55}]}}}}";
            String older = pooled.replace("0.075", "0.9");
            for (String[] e : new String[][] {{"eval-old", "2020-01-01T00:00:00", older},
                {"eval-new", "2021-01-01T00:00:00", pooled}}) {
                var r = io.breakwater.bi.testing.BacktestFixture.evaluation(dsl, e[0], "risk-xgb", "2014,2015",
                        java.time.LocalDateTime.parse(e[1]));
                r.setMetricsJson(e[2]);
                r.insert();
            }
            StarSchema.refresh(store, CLOCK, null);

            var calibration = dsl.selectFrom(FCT_MODEL_CALIBRATION)
                    .where(FCT_MODEL_CALIBRATION.MODEL_KEY.eq(DemoFixture.NEW_MODEL))
                    .orderBy(FCT_MODEL_CALIBRATION.BIN).fetch();
            assertThat(calibration).extracting(r -> r.getBin()).containsExactly(1, 3);   // the empty bin is left out
            assertThat(calibration).extracting(r -> r.getScoredCount()).containsExactly(40L, 20L);
            assertThat(calibration).extracting(r -> r.getObservedRate()).containsExactly(0.075, 0.55);
            assertThat(calibration).extracting(r -> r.getSource())
                    .containsOnly("rolling evaluation eval-new, test years 2014,2015");
        }
    }

    @EachStoreKind
    void backTestScoresAreFactsOfTheirAssetAreaAndTestYear(TestStores.Kind kind) {
        var dsl = STORES.get(kind).dsl();
        var f = io.breakwater.db.schema.Tables.FCT_BACKTEST_SCORE;
        assertThat(dsl.fetchCount(f)).isEqualTo(dsl.fetchCount(io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES))
                .isEqualTo(2 * DemoFixture.PIPES_COUNT);
        var asset = io.breakwater.db.schema.Tables.DIM_ASSET;
        assertThat(dsl.fetchCount(dsl.select().from(f).join(asset).on(asset.ASSET_KEY.eq(f.ASSET_KEY))
                .where(asset.AREA_KEY.eq(f.AREA_KEY)))).isEqualTo(2 * DemoFixture.PIPES_COUNT);
        assertThat(dsl.fetchCount(dsl.select().from(f).join(DIM_DATE).on(DIM_DATE.DATE_KEY.eq(f.TEST_YEAR_KEY))))
                .isEqualTo(2 * DemoFixture.PIPES_COUNT);
        var riskiest = dsl.selectFrom(f).where(f.TEST_YEAR.eq(2016)).and(f.SCORE_RANK.eq(1)).fetchOne();
        assertThat(riskiest.getPercentile()).isEqualTo(100.0);
        assertThat(riskiest.getTestYearKey()).isEqualTo(20160101);
        assertThat(riskiest.getTarget()).isEqualTo("any_break");
        assertThat(riskiest.getRanker()).isEqualTo("xgboost:any_break:per_size");
        assertThat(dsl.selectFrom(f).where(f.TEST_YEAR.eq(2016)).and(f.SCORE_RANK.eq(DemoFixture.PIPES_COUNT))
                .fetchOne().getPercentile()).isCloseTo(100.0 / DemoFixture.PIPES_COUNT, within(1e-9));
    }
}
