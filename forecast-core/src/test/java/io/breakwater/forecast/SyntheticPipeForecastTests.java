package io.breakwater.forecast;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_FORECASTS;
import static io.breakwater.forecast.ForecastHistory.AREAS;
import static io.breakwater.forecast.ForecastHistory.FIRST;
import static io.breakwater.forecast.ForecastHistory.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.EvaluationBacktestScoresRecord;
import io.breakwater.db.schema.tables.records.FeatureAssetsRecord;
import io.breakwater.db.schema.tables.records.FeatureSetsRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import io.breakwater.db.testing.TestStores;
import io.breakwater.synth.tables.SyntheticBreakHistory;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipe grain on the synthetic city: each area's breaks fall on its pipes in proportion to known hazard weights; the
 * risk scores and the evaluation's out-of-sample scores are those weights with noise, as a model's would be.
 */
class SyntheticPipeForecastTests {
    private static final int PIPES_PER_AREA = 30;

    @TempDir
    Path dir;

    @Test
    void pipesShareTheirAreasForecastAndTheApportioningIsCalibrated() {
        SyntheticBreakHistory city = ForecastHistory.generate(11, null);
        SplittableRandom rng = new SplittableRandom(5);
        double[][] weight = new double[AREAS][PIPES_PER_AREA];
        for (double[] w : weight) {
            for (int p = 0; p < PIPES_PER_AREA; p++) {
                w[p] = -Math.log(1 - rng.nextDouble()) + 0.05;   // exponential hazards: a few pipes break most
            }
        }
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            city.writeTo(store.dsl());
            writePipeGrain(store.dsl(), city, weight, rng);

            ForecastResult result = Forecasts.on(store).build().run();
            System.out.println(result.summary());
            result.backtest().stream().filter(m -> m.scope().equals("pipe")).forEach(System.out::println);

            assertThat(result.pipeForecasts()).hasSize(12 * AREAS * PIPES_PER_AREA);
            assertThat(store.dsl().fetchCount(PIPE_BREAK_FORECASTS)).isEqualTo(result.pipeForecasts().size());
            // the pipes of an area share its forecast
            YearMonth month = YearMonth.of(2019, 2);
            String area = SyntheticBreakHistory.areaId(4);
            double pipes = result.pipeForecasts().stream().filter(p -> p.areaId().equals(area)
                    && p.month().equals(month)).mapToDouble(PipeForecast::expected).sum();
            assertThat(pipes).isCloseTo(result.forecast(area, month, "normal").expected(), within(1e-6));
            PipeForecast one = result.pipeForecasts().get(0);
            assertThat(one.lower95()).isLessThanOrEqualTo(one.lower80());
            assertThat(one.upper95()).isGreaterThanOrEqualTo(one.upper80());
            assertThat(one.expectedCold()).isGreaterThan(one.expected());

            // calibration over the evaluation's test years: breaks observed against expected, overall and on the
            // tenth of pipes expecting most
            String chosen = result.method().id();
            assertThat(result.metric(chosen, "pipe", "pooled", "pipe_years")).isGreaterThan(1000);
            assertThat(result.metric(chosen, "pipe", "pooled", "observed_over_expected")).isBetween(0.85, 1.15);
            assertThat(result.metric(chosen, "pipe", "pooled", "top_decile_observed_over_expected"))
                    .isBetween(0.8, 1.2);
        }
    }

    /** A pipe-grain feature set, the latest risk scores and a pipe-grain evaluation's out-of-sample scores. */
    private static void writePipeGrain(DSLContext dsl, SyntheticBreakHistory city, double[][] weight, SplittableRandom rng) {
        String featureSet = "synthetic-pipes@1";
        FeatureSetsRecord set = new FeatureSetsRecord();
        set.setFeatureSetId(featureSet);
        set.setName("synthetic-pipes");
        set.setVersion("1");
        set.setDefinitionHash("h");
        set.setDefinitionJson("{}");
        set.setGrain("pipe");
        set.setHorizonMonths(12);
        set.setAsOf(NOW);
        set.setBuiltAt(NOW);
        BulkRows.insert(dsl, FEATURE_SETS, List.of(set));
        List<FeatureAssetsRecord> assets = new ArrayList<>();
        List<PipeBreakRiskScoresRecord> scores = new ArrayList<>();
        for (int a = 0; a < AREAS; a++) {
            for (int p = 0; p < PIPES_PER_AREA; p++) {
                assets.add(StoredScores.asset(featureSet, pipeId(a, p), "pipe", SyntheticBreakHistory.areaId(a)));
                scores.add(StoredScores.riskScore("synthetic-model", pipeId(a, p), city.last(),
                        Math.min(1, weight[a][p] / 4), noisy(weight[a][p], rng), NOW));
            }
        }
        StoredScores.model(dsl, assets, scores, "eval-synthetic", featureSet, "oracle-with-noise", "pipe",
                "2014,2015,2016,2017,2018", NOW);
        List<EvaluationBacktestScoresRecord> backtest = new ArrayList<>();
        for (int year = 2014; year <= 2018; year++) {
            int from = (year - FIRST.getYear()) * 12;
            for (int a = 0; a < AREAS; a++) {
                int[] observed = new int[PIPES_PER_AREA];
                double total = java.util.Arrays.stream(weight[a]).sum();
                for (int t = from; t < from + 12; t++) {
                    for (int k = 0; k < city.count(a, t); k++) {
                        observed[pick(weight[a], total, rng)]++;   // each break falls on a pipe by its hazard
                    }
                }
                for (int p = 0; p < PIPES_PER_AREA; p++) {
                    backtest.add(StoredScores.backtestScore("eval-synthetic", year, pipeId(a, p),
                            noisy(weight[a][p], rng), 1, observed[p], "oracle-with-noise"));
                }
            }
        }
        BulkRows.insert(dsl, EVALUATION_BACKTEST_SCORES, backtest);
    }

    /** The weight times a log-normal error of about 20%, as a model's estimate would be. */
    private static double noisy(double w, SplittableRandom rng) {
        double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        return w * Math.exp(0.2 * z - 0.02);
    }

    private static int pick(double[] weight, double total, SplittableRandom rng) {
        double u = rng.nextDouble() * total;
        for (int p = 0; p < weight.length; p++) {
            u -= weight[p];
            if (u <= 0) {
                return p;
            }
        }
        return weight.length - 1;
    }

    private static String pipeId(int area, int pipe) {
        return String.format("pipe:%02d:%02d", area, pipe);
    }
}
