package io.breakwater.ml;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.ml.internal.SyntheticPanel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;

/**
 * Benchmarks of training and scoring at scale, run by hand ({@code breakwater bench train|score}), never as tests.
 */
public final class MlBenchmarks {
    private MlBenchmarks() {
    }

    /**
     * Training throughput.
     *
     * @param rows           training rows after sampling
     * @param columns        feature columns
     * @param algorithm      learner that ran
     * @param threads        XGBoost nthread
     * @param trees          boosting rounds
     * @param buildSeconds   building the in-memory matrix
     * @param trainSeconds   fitting
     * @param peakHeapMb     heap used after fitting (MB), a lower bound of the peak
     * @param maxHeapMb      -Xmx (MB)
     * @param validationAuc  AUC on 200,000 fresh rows, to show the model learned something
     */
    public record TrainBenchmark(long rows, int columns, String algorithm, int threads, int trees, double buildSeconds,
            double trainSeconds, long peakHeapMb, long maxHeapMb, double validationAuc) {
    }

    /**
     * Scoring throughput: {@code assets} assets of one month scored end to end (read through jOOQ, predict,
     * explain, rank, write).
     */
    public record ScoreBenchmark(long assets, double setupSeconds, double trainSeconds, double scoreSeconds,
            ScoringResult result) {
    }

    public static TrainBenchmark train(long rows, int columns, Algorithm algorithm, HyperParameters hyper, long seed) {
        return SyntheticPanel.benchTrain(rows, columns, algorithm, hyper, seed);
    }

    /** Builds a feature set of {@code assets} assets in a DuckDB store in {@code dir}, trains a model, scores it. */
    public static ScoreBenchmark score(Path dir, long assets, HyperParameters hyper, long seed,
            ProgressListener progress) {
        long t0 = System.nanoTime();
        Path db = dir.resolve("bench-score.duckdb");
        try (BreakwaterStore store = BreakwaterStore.open(db.toString())) {
            YearMonth month = SyntheticPanel.writeScoringFeatureSet(store, "bench@1", (int) assets, seed);
            double setup = (System.nanoTime() - t0) / 1e9;
            RiskModels ml = RiskModels.using(store).artifactDirectory(dir.resolve("models")).clock(Clock.systemUTC())
                    .progress(progress).build();
            long t1 = System.nanoTime();
            TrainingResult trained = ml.train(TrainingConfig.of("bench@1").withHyper(hyper).withSeed(seed));
            double train = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            ScoringResult result = ml.score(trained.model().modelId(), month, RiskBands.defaults());
            double score = (System.nanoTime() - t2) / 1e9;
            return new ScoreBenchmark(assets, setup, train, score, result);
        }
    }
}
