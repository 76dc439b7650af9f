package io.breakwater.forecast;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.FORECAST_RUNS;
import static io.breakwater.forecast.ForecastHistory.AREAS;
import static io.breakwater.forecast.ForecastHistory.FIRST;
import static io.breakwater.forecast.ForecastHistory.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.EvaluationBacktestScoresRecord;
import io.breakwater.db.schema.tables.records.FeatureAssetsRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import io.breakwater.db.testing.TestStores;
import io.breakwater.synth.tables.SyntheticBreakHistory;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The count model as a forecasting candidate on the synthetic city (area grain): its stored expected breaks per area
 * compete in the same back-test, and it is chosen only when it wins.
 */
class SyntheticCountModelTests {
    @TempDir
    Path dir;

    @Test
    void whenAreasChangeTheirRateACountModelThatSeesItWinsTheBackTestAndForecasts() {
        SyntheticBreakHistory city = ForecastHistory.generate(7, null);
        shiftAreas(city, YearMonth.of(2013, 1), new SplittableRandom(3));
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            // the model's expectation of each test year: the city's true hazard of the year, area by area
            ForecastResult result = forecast(store, city, "xgboost:break_count:per_asset", 1.0);

            assertThat(result.method()).isEqualTo(Method.ML_COUNT);
            assertThat(result.metric("ml_count", "area", "pooled", "log_score"))
                    .isLessThan(result.metric("climate_nb", "area", "pooled", "log_score"));
            assertThat(result.candidate(Method.ML_COUNT).reason()).startsWith("lowest pooled area-month log score");
            assertThat(result.metric("ml_count", "area", "pooled", "pit_coverage_80")).isBetween(0.72, 0.88);
            // the live forecast spreads the stored expected breaks of the next 12 months over the months
            for (int a = 0; a < AREAS; a++) {
                String area = SyntheticBreakHistory.areaId(a);
                double year = result.forecasts().stream().filter(f -> f.areaId().equals(area)
                        && f.scenario().equals("normal")).mapToDouble(MonthForecast::expected).sum();
                assertThat(year).isCloseTo(20.0 * (a + 1), within(1e-6));
            }
            YearMonth january = YearMonth.of(2019, 1);
            assertThat(result.forecast("*", january, "normal").expected())
                    .isGreaterThan(result.forecast("*", YearMonth.of(2019, 6), "normal").expected());
            String choice = store.dsl().select(FORECAST_RUNS.CHOICE_JSON).from(FORECAST_RUNS).fetchOne().value1();
            assertThat(choice).contains("\"chosen\":\"ml_count\"").contains("\"method\":\"seasonal\"");
        }
    }

    @Test
    void aCountModelWhoseYearlyLevelIsOffLosesAndIsNotChosen() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            // the right shares between areas but a level 60% high one year and 40% low the next
            ForecastResult result = forecast(store, ForecastHistory.generate(7, null), "xgboost:break_count", 0.0);

            assertThat(result.method()).isEqualTo(Method.CLIMATE_NB);
            assertThat(result.candidate(Method.ML_COUNT).status()).isEqualTo(Candidate.BACKTESTED);
            assertThat(result.metric("ml_count", "area", "pooled", "log_score"))
                    .isGreaterThan(result.metric("climate_nb", "area", "pooled", "log_score"));
        }
    }

    @Test
    void yearsRankedByABaselineStoreNoExpectedBreaksAndTheCandidateIsSkippedWithTheReason() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            ForecastResult result = forecast(store, ForecastHistory.generate(7, null), "baseline:prior_breaks", 1.0);

            assertThat(result.candidate(Method.ML_COUNT).status()).isEqualTo(Candidate.SKIPPED);
            assertThat(result.candidate(Method.ML_COUNT).reason()).contains("2014 (ranked by baseline:prior_breaks)");
            assertThat(result.metric("ml_count", "area", "pooled", "log_score")).isNaN();
        }
    }

    /**
     * The forecast of a store holding {@code city} and a count model's scores, as {@link #writeCountModel} writes them
     * with {@code 20 (a + 1)} breaks expected in area {@code a} over 2019; the candidates are printed.
     */
    private static ForecastResult forecast(BreakwaterStore store, SyntheticBreakHistory city, String ranker,
            double accuracy) {
        city.writeTo(store.dsl());
        writeCountModel(store.dsl(), city, ranker, accuracy, a -> 20.0 * (a + 1));
        ForecastResult result = Forecasts.on(store).build().run();
        result.candidates().forEach(System.out::println);
        return result;
    }

    /**
     * From {@code from} on, the even areas break twice as often (an ageing stock) and the odd ones half as often (a
     * renewal programme): a change the break history shows only with a lag, and an asset model sees at once. Doubling
     * adds an independent Poisson draw of the same mean; halving thins each break with probability one half.
     */
    private static void shiftAreas(SyntheticBreakHistory city, YearMonth from, SplittableRandom rng) {
        int start = (int) (from.getYear() * 12L + from.getMonthValue() - FIRST.getYear() * 12L - FIRST.getMonthValue());
        for (int a = 0; a < AREAS; a++) {
            for (int t = start; t < city.months(); t++) {
                double mu = city.expected(a, t);
                if (a % 2 == 0) {
                    double sum = -Math.log(1 - rng.nextDouble());
                    int extra = 0;
                    while (sum < mu) {   // Poisson arrivals in a window of length mu
                        extra++;
                        sum -= Math.log(1 - rng.nextDouble());
                    }
                    city.replace(a, t, city.count(a, t) + extra, 2 * mu);
                } else {
                    int kept = 0;
                    for (int k = 0; k < city.count(a, t); k++) {
                        kept += rng.nextBoolean() ? 1 : 0;
                    }
                    city.replace(a, t, kept, mu / 2);
                }
            }
        }
    }

    /**
     * An area-grain count-model evaluation over 2009-2018 whose score of each area and test year is {@code accuracy}
     * times the city's true expected breaks of that year plus {@code 1 - accuracy} times those breaks at a level
     * alternately 1.6 and 0.6 times right, with {@code ranker}; and the latest risk scores (December 2018) expecting
     * {@code live} breaks per area in 2019.
     */
    private static void writeCountModel(DSLContext dsl, SyntheticBreakHistory city, String ranker, double accuracy,
            IntToDoubleFunction live) {
        String featureSet = "synthetic-areas@1";
        List<FeatureAssetsRecord> assets = new ArrayList<>();
        List<PipeBreakRiskScoresRecord> scores = new ArrayList<>();
        for (int a = 0; a < AREAS; a++) {
            String area = SyntheticBreakHistory.areaId(a);
            assets.add(StoredScores.asset(featureSet, area, "area", area));
            scores.add(StoredScores.riskScore("synthetic-count-model", area,
                    YearMonth.of(2018, 12), 0.99, live.applyAsDouble(a), NOW));
        }
        StoredScores.model(dsl, assets, scores, "eval-count", featureSet, "xgboost", "area",
                "2009,2010,2011,2012,2013,2014,2015,2016,2017,2018", NOW);
        List<EvaluationBacktestScoresRecord> backtest = new ArrayList<>();
        for (int year = 2009; year <= 2018; year++) {
            int from = (year - FIRST.getYear()) * 12;
            double off = year % 2 == 0 ? 1.6 : 0.6;
            for (int a = 0; a < AREAS; a++) {
                double expected = 0;
                int observed = 0;
                for (int t = from; t < from + 12; t++) {
                    expected += city.expected(a, t);
                    observed += city.count(a, t);
                }
                backtest.add(StoredScores.backtestScore("eval-count", year, SyntheticBreakHistory.areaId(a),
                        expected * (accuracy + (1 - accuracy) * off), a + 1, observed, ranker));
            }
        }
        BulkRows.insert(dsl, EVALUATION_BACKTEST_SCORES, backtest);
    }
}
