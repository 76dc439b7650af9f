package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScorerMetrics;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.ml.internal.Metrics;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.CityTruth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's synthetic targets on the pipe-year grain, the default of a pipe-grain pipeline: a synthetic city goes
 * through the real ingest and feature stages with the default {@code features.period} (yearly snapshots), and its
 * rolling back-test, each training window choosing its ranker by the default inner validation of a pipeline's model
 * stage, must beat every baseline and come close to the oracle that knows every pipe's true hazard
 * ({@link SyntheticCityAcceptanceIntegrationTests#oracleMetrics}, on the same December rows and labels).
 *
 * <p>The city is the acceptance test's (same seed, years and hazard) with 12,000 pipes instead of 20,000: pooled
 * over five test years the top 10 % of length still holds about 800 breaks. Ratios to the oracle and the lead over
 * each baseline are asserted pooled; every figure is printed.
 */
class PipeYearAcceptanceIntegrationTests {
    private static final int PIPES = 12_000;
    private static final int YEARS = SyntheticCityAcceptanceIntegrationTests.YEARS;
    private static final long SEED = SyntheticCityAcceptanceIntegrationTests.SEED;

    static long panelRows;
    static String period;
    static EvaluationResult evaluation;
    static Map<String, Metrics.Result> oracle;
    @TempDir
    static Path dir;

    @BeforeAll
    static void runCityThroughThePipeline() {
        long t0 = System.nanoTime();
        Path cityDir = dir.resolve("city");
        CityFiles city = CitySources.write(dir, PIPES, YEARS, 2005, SEED);
        PipelineConfig config = CitySources.config(city,
                new PipelineConfig.Features("pipe", 12, "pipe-year", "1"), SEED, dir);
        period = config.features().period();
        Clock clock = CitySources.CLOCK;
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("city.duckdb").toString())) {
            Pipeline pipeline = Pipeline.of(config.withDatabase(store.location().describe())).clock(clock);
            PipelineResult built = pipeline.stages(Stage.INGEST, Stage.FEATURES).run(store);
            String fs = built.featureSetId();
            panelRows = store.dsl().fetchCount(PIPE_FEATURES_MONTHLY, PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(fs));
            long t1 = System.nanoTime();
            // what the pipeline's model stage runs: its training config and its default selection
            TrainingConfig training = pipeline.trainingConfig(pipeline.featureDefinition(),
                    io.breakwater.ml.Target.ANY_BREAK).withHyper(io.breakwater.ml.HyperParameters.defaults()
                    .withThreads(2));
            evaluation = RiskModels.using(store).artifactDirectory(dir.resolve("models")).clock(clock).build()
                    .evaluate(training, SyntheticCityAcceptanceIntegrationTests.TEST_YEARS,
                            config.model().selection().toSelection(training.hyper()));
            long t2 = System.nanoTime();
            oracle = SyntheticCityAcceptanceIntegrationTests.oracleMetrics(store, fs, CityTruth.open(cityDir), false,
                    evaluation);
            System.out.printf(Locale.ROOT, "pipe-year: %,d panel rows; city, ingest and features %.1f s, back-test "
                    + "%.1f s; rankers %s%n", panelRows, (t1 - t0) / 1e9, (t2 - t1) / 1e9, evaluation.rankers());
        }
        report();
    }

    private static List<String> baselines() {
        return evaluation.metrics().stream().map(ScorerMetrics::scorer).filter(s -> !s.equals("model")).distinct()
                .toList();
    }

    private static void report() {
        for (String period : List.of("2020", "2021", "2022", "2023", "2024", "pooled")) {
            Map<String, Double> o = oracle.get(period).values();
            System.out.printf(Locale.ROOT, "%-7s %-28s auc %.4f  top5%%len %.4f  top10%%len %.4f%n", period, "oracle",
                    o.get("roc_auc"), o.get("break_share_top_5pct_length"), o.get("break_share_top_10pct_length"));
            for (String scorer : evaluation.metrics().stream().map(ScorerMetrics::scorer).distinct().toList()) {
                System.out.printf(Locale.ROOT, "%-7s %-28s auc %.4f  top5%%len %.4f  top10%%len %.4f%n", period,
                        scorer, evaluation.metric(scorer, period, "roc_auc"),
                        evaluation.metric(scorer, period, "break_share_top_5pct_length"),
                        evaluation.metric(scorer, period, "break_share_top_10pct_length"));
            }
        }
    }

    @Test
    void aPipeGrainPipelineSnapshotsEachPipeOnceAYear() {
        assertThat(period).isEqualTo("year");
        // 12,000 pipes x 20 Decembers (2005..2024), where the monthly panel would hold 12,000 x 240 rows
        assertThat(panelRows).isEqualTo(PIPES * (long) YEARS);
    }

    @Test
    void pooledTheChosenRankerReachesMostOfTheOraclesRanking() {
        // the length share of the target is the acceptance test's: the top 10 % of length. Measured 2026-12-04 (load
        // 13-20): AUC 0.749 against the oracle's 0.763 (0.98x), top 10 % 0.350 against 0.373 (0.94x); the top 5 %,
        // 0.210 against 0.238, reaches only 0.88x and is not asserted
        SyntheticCityAcceptanceIntegrationTests.assertReachesTheOracle(evaluation, oracle);
    }

    @Test
    void pooledTheChosenRankerBeatsEveryBaseline() {
        assertThat(baselines()).contains("random", "age", "prior_breaks_per_km", "trailing_breaks_12m_per_km",
                "rate_table");
        for (String baseline : baselines()) {
            for (String metric : List.of("roc_auc", "break_share_top_5pct_length", "break_share_top_10pct_length")) {
                assertThat(evaluation.metric("model", "pooled", metric)).as("%s against %s", metric, baseline)
                        .isGreaterThan(evaluation.metric(baseline, "pooled", metric));
            }
        }
    }
}
