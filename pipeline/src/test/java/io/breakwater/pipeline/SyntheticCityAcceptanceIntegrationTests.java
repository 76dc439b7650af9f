package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScorerMetrics;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.ml.internal.Hashing;
import io.breakwater.ml.internal.Metrics;
import io.breakwater.ml.internal.Scorers;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.CityTruth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Record4;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of issue 7: a synthetic city of 20,000 pipes over 20 years goes through the real ingest and
 * feature stages (pipe grain, 12-month horizon), the model is evaluated over rolling yearly cut-offs, and on the same
 * test rows it is compared with an oracle that knows the true hazard of every pipe.
 *
 * <p>The oracle's score of a pipe at cut-off month {@code t} (January of a test year) is its true expected number of
 * breaks in {@code t .. t+11} as known at {@code t} ({@link CityTruth#expectedBreaks}): the true static hazard, the
 * true climate of those months, the true excitation left by earlier breaks, and the expected excitation of the
 * window's own expected breaks. The realised hazard summed over the window ("hindsight") is printed beside it but not
 * used: the synthetic city's breaks excite the hazard of the same pipe for months after, so that sum already holds the
 * outcome (its ROC AUC is about 0.85 where the expectation's is about 0.76). Model, oracle and baselines are measured
 * with the same metric code on the same rows and the same labels (the breaks that the ETL matched to each pipe).
 *
 * <p>The ratios to the oracle are asserted pooled over the five test years. A single year's top 10 % of length
 * captures about 250 breaks, so its share carries a Poisson noise of about 6 % alone, as large as the margin the
 * criterion allows; pooled, about 1,300 breaks, under 3 %. The oracle also knows each year's weather, which only
 * helps it pooled, so pooling does not favour the model. That the model beats the past-breaks baseline is asserted
 * every year and pooled. Every figure is printed.
 *
 * <p>The model: XGBoost, any-break target, the default 300 trees of depth 3 (the hazard is multiplicative, an
 * additive log-odds model fits it; depth 5 scored lower on a held-out year, 0.877 of the oracle's length share against
 * 0.948),
 * automatic negative sampling, two XGBoost threads (the build runs one test JVM at a time on this 2-core machine).
 * Cost, city to metrics: about 7 CPU-minutes (measured at 20 min wall on the shared
 * 2-core machine at load average 8-10: city 75 s, ingest and features 168 s, five trainings and evaluations 880 s).
 */
class SyntheticCityAcceptanceIntegrationTests {
    private static final int PIPES = 20_000;
    static final int YEARS = 20;
    static final long SEED = 2026;
    static final List<Integer> TEST_YEARS = List.of(2020, 2021, 2022, 2023, 2024);

    @TempDir
    static Path dir;

    static EvaluationResult evaluation;
    static Map<String, Metrics.Result> oracle;
    static Map<String, Metrics.Result> hindsight;

    @BeforeAll
    static void runCityThroughThePipeline() {
        long t0 = System.nanoTime();
        Path cityDir = dir.resolve("city");
        CityFiles city = CitySources.write(dir, PIPES, YEARS, 2005, SEED);
        long t1 = System.nanoTime();
        PipelineConfig config = CitySources.config(city,
                new PipelineConfig.Features("pipe", 12, "acceptance", "1").withPeriod("month"), SEED, dir);
        Clock clock = CitySources.CLOCK;
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("city.duckdb").toString())) {
            PipelineResult built = Pipeline.of(config.withDatabase(store.location().describe())).clock(clock)
                    .stages(Stage.INGEST, Stage.FEATURES).run(store);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "acceptance: city written in %.1f s, ingest and features in %.1f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            measure(store, built.featureSetId(), cityDir, dir.resolve("models"));
        }
    }

    /** Evaluates the model over the test years and the oracle on the same rows, and prints the comparison. */
    static void measure(BreakwaterStore store, String featureSetId, Path cityDir, Path models) {
        long t0 = System.nanoTime();
        Clock clock = CitySources.CLOCK;
        evaluation = RiskModels.using(store).artifactDirectory(models).clock(clock).build()
                .evaluate(TrainingConfig.of(featureSetId).withSeed(SEED)
                        .withHyper(HyperParameters.defaults().withThreads(2)), TEST_YEARS);
        long t1 = System.nanoTime();
        CityTruth truth = CityTruth.open(cityDir);
        oracle = oracleMetrics(store, featureSetId, truth, false, evaluation);
        hindsight = oracleMetrics(store, featureSetId, truth, true, evaluation);
        System.out.printf(Locale.ROOT, "acceptance: evaluation in %.1f s, oracle in %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
        report();
    }

    /**
     * The oracle's metrics per test year and pooled, on the rows and labels the model was tested on. With
     * {@code hindsight} the score is the realised hazard summed over the test window instead of its expectation at
     * the cut-off: reported for comparison, never asserted, because it carries the excitation of the window's own
     * breaks (a pipe that broke in March has a raised hazard from April on), so it knows part of the outcome.
     */
    static Map<String, Metrics.Result> oracleMetrics(BreakwaterStore store, String featureSetId, CityTruth truth,
            boolean hindsight, EvaluationResult evaluation) {
        Map<String, Integer> index = new HashMap<>();
        truth.pipes().forEach(p -> index.put(p.pipeId(), p.index()));
        int first = TEST_YEARS.get(0);
        double[][] expected = new double[TEST_YEARS.size()][];
        if (hindsight) {
            for (int y = 0; y < TEST_YEARS.size(); y++) {
                expected[y] = new double[truth.pipeCount()];
            }
            truth.forEachMonth((month, hazard, breaks) -> {
                int y = month.month().getYear() - first;
                if (y >= 0 && y < TEST_YEARS.size()) {
                    for (int i = 0; i < hazard.length; i++) {
                        expected[y][i] += hazard[i];
                    }
                }
            });
        } else {
            for (int y = 0; y < TEST_YEARS.size(); y++) {
                expected[y] = truth.expectedBreaks(YearMonth.of(TEST_YEARS.get(y), 1), 12);
            }
        }
        Map<String, Metrics.Result> out = new LinkedHashMap<>();
        List<Metrics.Input> pooled = new ArrayList<>();
        for (int y = 0; y < TEST_YEARS.size(); y++) {
            int year = TEST_YEARS.get(y);
            // test year Y is scored on the December Y-1 rows, whose labels count breaks in January..December Y
            LocalDate testMonth = YearMonth.of(year - 1, 12).atDay(1);
            Result<Record4<String, Boolean, Integer, Double>> rows = store.dsl()
                    .select(PIPE_FEATURES_MONTHLY.ASSET_ID, PIPE_FEATURES_MONTHLY.LABEL_ANY,
                            PIPE_FEATURES_MONTHLY.LABEL_BREAKS, PIPE_FEATURES_MONTHLY.LENGTH_M)
                    .from(PIPE_FEATURES_MONTHLY)
                    .where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(featureSetId))
                    .and(PIPE_FEATURES_MONTHLY.MONTH_START.eq(testMonth))
                    .and(PIPE_FEATURES_MONTHLY.LABEL_ANY.isNotNull())
                    .orderBy(PIPE_FEATURES_MONTHLY.ASSET_ID).fetch();
            int n = rows.size();
            Metrics.Input in = Metrics.Input.perKm(n);
            for (int i = 0; i < n; i++) {
                Record4<String, Boolean, Integer, Double> r = rows.get(i);
                Integer pipe = index.get(r.value1());
                assertThat(pipe).as("asset %s of the panel is a pipe of the truth file", r.value1()).isNotNull();
                in.score[i] = expected[y][pipe];
                in.lengthKm[i] = r.value4() / 1000.0;
                in.scorePerKm[i] = in.score[i] / in.lengthKm[i];
                in.y[i] = r.value2() ? 1 : 0;
                in.breaks[i] = r.value3() == null ? in.y[i] : r.value3();
                in.tieKeys[i] = Hashing.assetKey(SEED, r.value1());
            }
            if (evaluation != null) {
                assertThat(n).as("oracle rows of test year %d = model test rows", year)
                        .isEqualTo((int) evaluation.metric("model", String.valueOf(year), "assets"));
            }
            out.put(String.valueOf(year), Metrics.compute(in));
            pooled.add(in);
        }
        out.put("pooled", Metrics.compute(Scorers.concat(pooled)));
        return out;
    }

    private static void report() {
        List<String> periods = new ArrayList<>(TEST_YEARS.stream().map(String::valueOf).toList());
        periods.add("pooled");
        System.out.println("period  scorer       positives  roc_auc  share_top10_length  (ratio to oracle)");
        for (String period : periods) {
            double oAuc = oracle.get(period).values().get("roc_auc");
            double oShare = oracle.get(period).values().get("break_share_top_10pct_length");
            System.out.printf(Locale.ROOT, "%-7s %-12s %9.0f  %.4f   %.4f%n", period, "oracle",
                    oracle.get(period).values().get("positives"), oAuc, oShare);
            System.out.printf(Locale.ROOT, "%-7s %-12s %9.0f  %.4f   %.4f%n", period, "hindsight",
                    hindsight.get(period).values().get("positives"), hindsight.get(period).values().get("roc_auc"),
                    hindsight.get(period).values().get("break_share_top_10pct_length"));
            if (evaluation == null) {
                continue;
            }
            for (String scorer : List.of("model", "trailing_breaks_12m_per_km", "age", "random")) {
                double auc = evaluation.metric(scorer, period, "roc_auc");
                double share = evaluation.metric(scorer, period, "break_share_top_10pct_length");
                System.out.printf(Locale.ROOT, "%-7s %-12s %9.0f  %.4f   %.4f              (%.3f, %.3f)%n", period,
                        scorer, evaluation.metric(scorer, period, "positives"), auc, share, auc / oAuc, share / oShare);
            }
        }
    }

    @Test
    void pooledOverTheTestYearsTheModelReachesMostOfTheOraclesRanking() {
        assertReachesTheOracle(evaluation, oracle);
    }

    /** Pooled, the model's ROC AUC reaches 0.95 x the oracle's, its share of breaks in the top 10 % of length 0.9 x. */
    static void assertReachesTheOracle(EvaluationResult evaluation, Map<String, Metrics.Result> oracle) {
        Map<String, Double> o = oracle.get("pooled").values();
        assertThat(evaluation.metric("model", "pooled", "roc_auc"))
                .as("model's pooled ROC AUC against 0.95 x the oracle's %.4f", o.get("roc_auc"))
                .isGreaterThanOrEqualTo(0.95 * o.get("roc_auc"));
        assertThat(evaluation.metric("model", "pooled", "break_share_top_10pct_length"))
                .as("model's pooled share of breaks in the top 10%% of length against 0.9 x the oracle's %.4f",
                        o.get("break_share_top_10pct_length"))
                .isGreaterThanOrEqualTo(0.9 * o.get("break_share_top_10pct_length"));
    }

    @Test
    void theModelBeatsThePastBreaksBaselineOnBothEveryYearAndPooled() {
        List<String> periods = new ArrayList<>(TEST_YEARS.stream().map(String::valueOf).toList());
        periods.add("pooled");
        for (String period : periods) {
            for (String metric : List.of("roc_auc", "break_share_top_10pct_length")) {
                assertThat(evaluation.metric("model", period, metric)).as("%s in %s", metric, period)
                        .isGreaterThan(evaluation.metric("trailing_breaks_12m_per_km", period, metric));
            }
        }
    }

    @Test
    void theOracleIsAHardTarget() {
        // the oracle must rank far better than chance, or the ratios above would prove nothing
        assertThat(oracle.get("pooled").values().get("roc_auc")).isGreaterThan(0.7);
        ScorerMetrics random = evaluation.metrics().stream()
                .filter(m -> m.scorer().equals("random") && m.period().equals("pooled")).findFirst().orElseThrow();
        assertThat(oracle.get("pooled").values().get("break_share_top_10pct_length"))
                .isGreaterThan(2 * random.get("break_share_top_10pct_length"));
    }
}
