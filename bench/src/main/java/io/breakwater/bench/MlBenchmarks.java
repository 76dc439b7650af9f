package io.breakwater.bench;

import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;

import io.breakwater.bench.internal.CityRun;
import io.breakwater.bench.internal.CityStages;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.RiskBands;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScorerMetrics;
import io.breakwater.ml.ScoringResult;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.ml.TrainingResult;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.pipeline.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Training and scoring benchmarks on a synthetic city's pipe panel: the city is written, ingested and its features
 * built through the pipeline (the setup, timed apart), then {@link RiskModels} trains and scores as an embedding
 * program would.
 */
public final class MlBenchmarks {
    private MlBenchmarks() {
    }

    /** The city of a benchmark and its panel, in a DuckDB store {@code bench.duckdb} of the working folder. */
    public record City(int pipes, int years, long seed) {
    }

    /**
     * Training throughput.
     *
     * @param panelRows     rows of the feature panel
     * @param trainingRows  rows trained on, after negative sampling
     * @param algorithm     learner that ran
     * @param hyper         its knobs
     * @param setup         writing the city, ingest and features
     * @param train         reading the panel, fitting and calibrating, registering the model
     * @param peakHeapBytes the Java heap's peak during training
     * @param maxHeapBytes  -Xmx
     * @param validationAuc ROC AUC of the model on its calibration month, to show it learned something
     */
    public record Train(long panelRows, long trainingRows, String algorithm, HyperParameters hyper, Duration setup,
            Duration train, long peakHeapBytes, long maxHeapBytes, double validationAuc) {
    }

    /** Scoring throughput: every pipe of the city's last month scored end to end (read, predict, explain, write). */
    public record Score(long assets, Duration setup, Duration train, Duration score, ScoringResult result) {
    }

    public static Train train(Path dir, City city, HyperParameters hyper, Clock clock, ProgressListener progress) {
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("bench.duckdb").toString())) {
            long t0 = System.nanoTime();
            PipelineResult built = setUp(dir, city, store, clock, progress);
            Duration setup = Duration.ofNanos(System.nanoTime() - t0);
            ProcessFigures.resetHeapPeaks();
            long t1 = System.nanoTime();
            TrainingResult trained = models(store, dir, clock, progress)
                    .train(TrainingConfig.of(built.featureSetId()).withHyper(hyper).withSeed(city.seed()));
            Duration train = Duration.ofNanos(System.nanoTime() - t1);
            double auc = metric(trained.validation(), "roc_auc");
            long rows = store.dsl().fetchCount(PIPE_FEATURES_MONTHLY);
            return new Train(rows, trained.model().trainingRows(), trained.model().algorithm(), hyper, setup, train,
                    ProcessFigures.peakHeapBytes(), Runtime.getRuntime().maxMemory(), auc);
        }
    }

    public static Score score(Path dir, City city, HyperParameters hyper, Clock clock, ProgressListener progress) {
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("bench.duckdb").toString())) {
            long t0 = System.nanoTime();
            PipelineResult built = setUp(dir, city, store, clock, progress);
            Duration setup = Duration.ofNanos(System.nanoTime() - t0);
            RiskModels ml = models(store, dir, clock, progress);
            long t1 = System.nanoTime();
            TrainingResult trained = ml.train(TrainingConfig.of(built.featureSetId()).withHyper(hyper)
                    .withSeed(city.seed()));
            Duration train = Duration.ofNanos(System.nanoTime() - t1);
            long t2 = System.nanoTime();
            ScoringResult result = ml.score(trained.model().modelId(), ml.lastMonth(built.featureSetId()),
                    RiskBands.defaults());
            Duration score = Duration.ofNanos(System.nanoTime() - t2);
            return new Score(result.assetsScored(), setup, train, score, result);
        }
    }

    private static PipelineResult setUp(Path dir, City city, BreakwaterStore store, Clock clock,
            ProgressListener progress) {
        CityRun run = CityRun.write(dir, city.pipes(), city.years(), city.seed(), store.location().describe(),
                List.of(), progress);
        return CityStages.run(run, store, Stage.INGEST, Stage.FEATURES, clock, progress);
    }

    private static RiskModels models(BreakwaterStore store, Path dir, Clock clock, ProgressListener progress) {
        return RiskModels.using(store).artifactDirectory(dir.resolve("models")).clock(clock).progress(progress).build();
    }

    /** The model's metric on the calibration month, NaN when absent. */
    static double metric(List<ScorerMetrics> metrics, String name) {
        return metrics.stream().filter(m -> m.scorer().equals("model")).findFirst().map(m -> m.get(name))
                .orElse(Double.NaN);
    }
}
