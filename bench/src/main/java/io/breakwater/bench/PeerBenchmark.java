package io.breakwater.bench;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;

import io.breakwater.bench.internal.CityRun;
import io.breakwater.bench.internal.CityStages;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.pipeline.Stage;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breakwater's side of the comparison with a scikit-learn peer ({@code bench/peer/backtest_hgb.py}): {@link #prepare}
 * writes a synthetic city, ingests it, builds its pipe panel and exports the panel as CSV for the peer;
 * {@link #backtest} runs the rolling yearly back-test on that store, in its own process so that the peak resident set
 * is the back-test's.
 */
public final class PeerBenchmark {
    private PeerBenchmark() {
    }

    /** The prepared store and panel. */
    public record Prepared(Path database, String featureSetId, long panelRows, Path panelCsv, Duration setup) {
    }

    /**
     * The back-test's figures.
     *
     * @param testYears         years tested
     * @param wall              wall time of the whole evaluation (every fit, score and metric, stored)
     * @param peakResidentBytes the process's peak resident set, -1 off Linux
     * @param rocAuc            the model's ROC AUC per test year
     * @param loadAtStart       load averages at start
     * @param loadAtEnd         and at the end
     */
    public record Backtest(String featureSetId, List<Integer> testYears, Duration wall, long peakResidentBytes,
            Map<Integer, Double> rocAuc, String loadAtStart, String loadAtEnd) {
    }

    /** Writes the city into {@code dir}, runs ingest and features into {@code dir/bench.duckdb}, exports the panel. */
    public static Prepared prepare(Path dir, int pipes, int years, long seed, List<String> settings, Clock clock,
            ProgressListener progress) {
        long t0 = System.nanoTime();
        Path db = dir.resolve("bench.duckdb");
        Path csv = dir.resolve("panel.csv");
        try (BreakwaterStore store = BreakwaterStore.open(db.toString())) {
            CityRun city = CityRun.write(dir, pipes, years, seed, store.location().describe(), settings, progress);
            PipelineResult built = CityStages.run(city, store, Stage.INGEST, Stage.FEATURES, clock, progress);
            long rows;
            try (Statement s = store.connection().createStatement()) {
                rows = s.executeUpdate("COPY (SELECT * FROM pipe_features_monthly WHERE feature_set_id = '"
                        + built.featureSetId().replace("'", "''") + "' ORDER BY month_start, asset_id) TO '"
                        + csv.toString().replace("'", "''") + "' (HEADER, DELIMITER ',')");
            } catch (SQLException e) {
                throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot export the panel of "
                        + built.featureSetId() + " to " + csv + ": " + e.getMessage(), e);
            }
            return new Prepared(db, built.featureSetId(), rows, csv, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /**
     * The rolling back-test of the newest feature set in {@code database} over its last {@code testYears} complete
     * years, with ml-core's default learner and sampling and no ranker selection: one fit a year.
     */
    public static Backtest backtest(Path database, int testYears, long seed, Clock clock, ProgressListener progress) {
        String loadAtStart = ProcessFigures.loadAverage();
        try (BreakwaterStore store = BreakwaterStore.open(database.toString())) {
            String featureSetId = store.dsl().select(FEATURE_SETS.FEATURE_SET_ID).from(FEATURE_SETS)
                    .orderBy(FEATURE_SETS.BUILT_AT.desc()).limit(1).fetchOne(FEATURE_SETS.FEATURE_SET_ID);
            if (featureSetId == null) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, database + " has no feature set: prepare it first");
            }
            RiskModels ml = RiskModels.using(store).artifactDirectory(database.resolveSibling("models")).clock(clock)
                    .progress(progress).build();
            YearMonth last = ml.lastMonth(featureSetId);
            int lastYear = last.getMonthValue() == 12 ? last.getYear() : last.getYear() - 1;
            List<Integer> years = new ArrayList<>();
            for (int y = lastYear - testYears + 1; y <= lastYear; y++) {
                years.add(y);
            }
            long t0 = System.nanoTime();
            EvaluationResult result = ml.evaluate(TrainingConfig.of(featureSetId).withSeed(seed), years);
            Duration wall = Duration.ofNanos(System.nanoTime() - t0);
            Map<Integer, Double> auc = new LinkedHashMap<>();
            for (int y : years) {
                auc.put(y, result.metric("model", String.valueOf(y), "roc_auc"));
            }
            return new Backtest(featureSetId, years, wall, ProcessFigures.peakResidentBytes(), auc, loadAtStart,
                    ProcessFigures.loadAverage());
        }
    }
}
