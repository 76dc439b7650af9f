package io.breakwater.ml;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StepBuilder;
import io.breakwater.ml.internal.Artifacts;
import io.breakwater.ml.internal.FeatureSetInfo;
import io.breakwater.ml.internal.Hashing;
import io.breakwater.ml.internal.RateTable;
import io.breakwater.ml.internal.Metrics;
import io.breakwater.ml.internal.ChosenRanker;
import io.breakwater.ml.internal.Json;
import io.breakwater.ml.internal.Matrix;
import io.breakwater.ml.internal.Evaluator;
import io.breakwater.ml.internal.InnerValidation;
import io.breakwater.ml.internal.ModelTrainer;
import io.breakwater.ml.internal.Panel;
import io.breakwater.ml.internal.PanelLoader;
import io.breakwater.ml.internal.Predictor;
import io.breakwater.ml.internal.Registrar;
import io.breakwater.ml.internal.Registry;
import io.breakwater.ml.internal.ScoreWriter;
import io.breakwater.ml.internal.Scorers;
import io.breakwater.ml.internal.Windows;
import io.breakwater.ml.internal.XGBoostLearner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of Breakwater's batch ML: train a model on a feature set, evaluate it honestly over rolling
 * as-of cut-offs against baselines, score a month into {@code pipe_break_risk_scores}, and read the registry.
 *
 * <pre>{@code
 * RiskModels ml = RiskModels.using(store).artifactDirectory(Path.of("models")).clock(Clock.systemUTC()).build();
 * EvaluationResult eval = ml.evaluate(TrainingConfig.of("pipes@1"), List.of(2012, 2013, 2014));
 * TrainingResult model = ml.train(TrainingConfig.of("pipes@1"));
 * ScoringResult scores = ml.score(model.model().modelId(), YearMonth.of(2016, 12), RiskBands.defaults());
 * }</pre>
 *
 * Immutable; one store connection, so one thread at a time, as batch steps are.
 */
public final class RiskModels {
    private static final Logger LOG = LoggerFactory.getLogger(RiskModels.class);
    /** Assets explained at a time while scoring, to bound the memory of the contribution rows. */
    private static final int DRIVER_CHUNK = 100_000;

    private final BreakwaterStore store;
    private final Path artifactDirectory;
    private final Clock clock;
    private final ProgressListener progress;

    private RiskModels(Builder b) {
        this.store = b.store;
        this.artifactDirectory = b.artifactDirectory;
        this.clock = b.clock();
        this.progress = b.progress();
    }

    public static Builder using(BreakwaterStore store) {
        return new Builder(store);
    }

    /** True when XGBoost's native library loads here; otherwise XGBoost requests run the pure-Java GBM. */
    public static boolean xgboostAvailable() {
        return XGBoostLearner.available();
    }

    /** Configures a {@link RiskModels}: the artifact folder, and the clock and progress of every step. */
    public static final class Builder extends StepBuilder<Builder> {
        private final BreakwaterStore store;
        private Path artifactDirectory;

        private Builder(BreakwaterStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Folder for model artifacts (created when needed). Required for train and evaluate. */
        public Builder artifactDirectory(Path dir) {
            this.artifactDirectory = dir;
            return this;
        }

        public RiskModels build() {
            if (artifactDirectory == null) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "no artifact directory: models are saved as files beside the registry (artifactDirectory)");
            }
            return new RiskModels(this);
        }
    }

    // ------------------------------------------------------------------------------------------------ training

    /**
     * Trains one model at the configured cut-off (or the latest one the labels allow), calibrates it on the
     * validation block, saves its artifact and registers it.
     */
    public TrainingResult train(TrainingConfig config) {
        return train(config, ModelSelection.none());
    }

    /**
     * Trains one model as {@link #train(TrainingConfig)}, after choosing its target and settings by the inner
     * validation of {@code selection} (the year before the cut-off). The registry records every candidate and the
     * choice. A model artifact is always a learner: when a baseline or a blend ranked first in the inner validation,
     * the best learner is trained beside it, and {@link #score} ranks the assets by the chosen ranker (the baseline,
     * the blend, or the learner in its chosen orientation) while writing the learner's probabilities.
     */
    public TrainingResult train(TrainingConfig config, ModelSelection selection) {
        Map.Entry<TrainingResult, Registry.Entry> trained = prepare(config, selection);
        Registry.saveModel(store, trained.getValue());
        return trained.getKey();
    }

    /**
     * A pipeline's model stage: the rolling evaluation of each config over {@code testYears}, then its final model
     * (at {@code finalCutoff}, or the latest cut-off the labels allow when null), each choosing its ranker by
     * {@code selection}; everything is written in one transaction at the end, so that an interrupted stage leaves the
     * registry as it was.
     */
    public ModelStageResult evaluateAndTrain(List<TrainingConfig> configs, List<Integer> testYears,
            YearMonth finalCutoff, ModelSelection selection) {
        List<EvaluationResult> evaluations = new ArrayList<>();
        List<TrainingResult> models = new ArrayList<>();
        List<Registry.PendingEvaluation> pending = new ArrayList<>();
        List<Registry.Entry> entries = new ArrayList<>();
        for (TrainingConfig config : configs) {
            Evaluator.Outcome outcome = new Evaluator(store, registrar(), clock, progress)
                    .evaluate(config, testYears, selection);
            evaluations.add(outcome.result());
            pending.add(outcome.pending());
            Map.Entry<TrainingResult, Registry.Entry> trained = prepare(finalCutoff == null ? config
                    : config.withCutoff(finalCutoff), selection);
            models.add(trained.getKey());
            entries.add(trained.getValue());
        }
        Registry.saveAll(store, pending, entries);
        return new ModelStageResult(evaluations, models);
    }

    private Map.Entry<TrainingResult, Registry.Entry> prepare(TrainingConfig config, ModelSelection selection) {
        FeatureSetInfo fs = PanelLoader.featureSet(store, config.featureSetId());
        YearMonth last = config.cutoff() == null ? null : config.cutoff().minusMonths(1);
        Panel panel = PanelLoader.load(store, fs, config.trainFrom(), last, progress);
        YearMonth cutoff = config.cutoff();
        if (cutoff == null) {
            YearMonth labelled = panel.lastLabeledMonth();
            if (labelled == null) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                        "feature set " + fs.id() + " has no labelled rows: nothing to train on");
            }
            cutoff = labelled.plusMonths(fs.horizonMonths() + 1L);
        }
        Windows w = Windows.forCutoff(cutoff, fs.horizonMonths(), panel.firstMonth(), config.trainFrom());
        InnerValidation.Choice choice = selection.enabled()
                ? InnerValidation.choose(new ModelTrainer.Memo(panel), fs, config, selection, cutoff, progress) : null;
        TrainingConfig chosen = choice == null ? config
                : config.withTarget(choice.learner().target()).withHyper(choice.learner().hyper());
        ModelTrainer.Trained trained = ModelTrainer.train(panel, fs, chosen, w, progress);
        int[] lastValidation = ModelTrainer.labelled(panel, w.validationEnd(), w.validationEnd(),
                chosen.target() == Target.BREAK_COUNT);
        List<ScorerMetrics> metrics = new ArrayList<>();
        if (lastValidation.length > 0) {
            Matrix vx = trained.predictor().schema().matrix(panel, lastValidation);
            metrics.addAll(Evaluator.metricsOf(Scorers.inputs(panel, lastValidation, trained.predictor().predict(vx),
                    fs.pipeGrain(), config.seed(), InnerValidation.rateTable(panel, fs, w)), "validation"));
        }
        Map<String, Object> selectionMap = null;
        if (choice != null) {
            selectionMap = new LinkedHashMap<>(choice.toMap());
            selectionMap.put("scoring", "the scores are ranked by " + choice.ranker() + ", the ranker the inner "
                    + "validation chose; the artifact holds its learner, " + chosen.algorithm().id() + " "
                    + chosen.target().id() + ", whose calibrated " + (chosen.target() == Target.BREAK_COUNT
                    ? "expected counts" : "probabilities") + " are written beside the ranks");
        }
        Registry.Entry entry = registrar().entry(chosen, fs, trained, null, null, metrics, selectionMap);
        ModelInfo info = entry.info();
        progress.finished("train", "model " + info.modelId() + ": " + info.algorithm() + " " + info.target() + ", cut-off "
                + YearMonth.from(info.cutoffMonth()) + ", " + info.trainingRows() + " training rows ("
                + info.trainingPositives() + " positives)" + (choice == null ? "" : "; chosen: " + choice.ranker()));
        return Map.entry(new TrainingResult(info, metrics, trained.importance()), entry);
    }

    /**
     * Rolling-origin evaluation: for each test year Y a model is trained with cut-off January of Y (training labels
     * end a horizon before the cut-off, calibration labels by the cut-off), then the assets' December Y-1 rows are
     * scored against breaks in the horizon from January Y. Baselines are scored on the same rows. The whole evaluation
     * (fold models, metrics per year, mean of years and pooled, the comparison with the strongest baseline, every
     * asset's back-test score) is stored in one transaction at the end.
     */
    public EvaluationResult evaluate(TrainingConfig config, List<Integer> testYears) {
        return evaluate(config, testYears, ModelSelection.none());
    }

    /**
     * Rolling-origin evaluation as {@link #evaluate(TrainingConfig, List)}, each training window choosing its ranker
     * by the inner validation of {@code selection}; the "model" of each test year is the ranker chosen.
     */
    public EvaluationResult evaluate(TrainingConfig config, List<Integer> testYears, ModelSelection selection) {
        Evaluator.Outcome outcome = new Evaluator(store, registrar(), clock, progress).evaluate(config, testYears,
                selection);
        Registry.saveEvaluation(store, outcome.pending());
        return outcome.result();
    }

    private Registrar registrar() {
        return new Registrar(store, artifactDirectory, clock);
    }

    // ------------------------------------------------------------------------------------------------- scoring

    /**
     * Scores every asset of {@code month} with a registered model: probability (and expected breaks for count
     * models), rank, percentile, risk class, risk per km and its rank, and the three largest positive contributions.
     * When the model's inner validation chose a ranker, the ranks, percentiles and risk classes follow that ranker
     * ({@link ScoringResult#rankedBy()}); the probabilities stay the learner's.
     * Replaces that model's earlier scores of the month. Refuses an artifact whose SHA-256 differs from the registry.
     */
    public ScoringResult score(String modelId, YearMonth month, RiskBands bands) {
        long t0 = System.nanoTime();
        ModelInfo info = Registry.get(store, modelId);
        Predictor predictor = Artifacts.read(Path.of(info.artifactPath()), info.artifactSha256(), modelId);
        FeatureSetInfo fs = PanelLoader.featureSet(store, info.featureSetId());
        if (!Objects.equals(fs.definitionHash(), info.featureSetHash())) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "model " + modelId + " was trained on feature set "
                    + fs.id() + " with definition hash " + info.featureSetHash() + " but the feature set now has "
                    + fs.definitionHash() + ": retrain the model on the rebuilt features");
        }
        if (month.isBefore(YearMonth.from(info.cutoffMonth()).minusMonths(1))) {
            LOG.warn("scoring {} with model {} whose cut-off is {}: that month's outcomes may have been seen in training",
                    month, modelId, YearMonth.from(info.cutoffMonth()));
        }
        Panel panel = PanelLoader.load(store, fs, month, month, progress);
        long tRead = System.nanoTime();
        int n = panel.rows();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        String step = "score " + month;
        progress.started(step, n, "assets");
        Matrix x = predictor.schema().matrix(panel, rows);
        Predictor.Predictions p = predictor.predict(x);
        long tPredict = System.nanoTime();
        String[] columns = predictor.schema().columnNames();
        double[] score = p.expected() != null ? p.expected() : p.probability();
        long seed = info.seed();
        long[] ties = new long[n];
        double[] km = new double[n];
        boolean anyKm = false;
        for (int i = 0; i < n; i++) {
            ties[i] = Hashing.assetKey(seed, panel.assetId(i));
            double len = panel.value(i, "length_m");
            km[i] = !Double.isNaN(len) ? len / 1000 : panel.value(i, "exposure_km");
            anyKm |= !Double.isNaN(km[i]) && km[i] > 0;
        }
        double[] perKm = new double[n];
        int[] rankPerKm = null;
        if (anyKm) {
            for (int i = 0; i < n; i++) {
                perKm[i] = Double.isNaN(km[i]) || km[i] <= 0 ? Double.NaN : score[i] / km[i];
            }
            rankPerKm = ranks(perKm, ties);
        }
        int[] rank;
        ChosenRanker ranker = ChosenRanker.of(Registry.selection(store, modelId));
        if (ranker == null) {
            rank = ranks(score, ties);
        } else {
            // the ranker the inner validation chose ranks the assets, as it did in the back-test
            Metrics.Input chosen = ranker.apply(Scorers.Rows.of(panel, rows, fs.pipeGrain(), seed), p, seed,
                    ranker.needsRateTable() ? trainingRateTable(info, fs) : null);
            rank = ranks(chosen.score, ties);
            if (anyKm && chosen.scorePerKm != null) {
                rankPerKm = ranks(chosen.scorePerKm, ties);
            }
        }
        String rankedBy = ranker == null ? ChosenRanker.LEARNER : ranker.name();
        List<ScoreWriter.Row> out = new ArrayList<>(n);
        Map<String, Long> classes = new LinkedHashMap<>();
        bands.bands().forEach(b -> classes.put(b.name(), 0L));
        double sumP = 0;
        String[][] drivers = new String[n][];
        double[][] driverValues = new double[n][];
        for (int from = 0; from < n; from += DRIVER_CHUNK) {
            int to = Math.min(n, from + DRIVER_CHUNK);
            float[][] contributions = predictor.model().driverContributions(from == 0 && to == n ? x : x.slice(from, to));
            for (int i = from; i < to; i++) {
                drivers[i] = new String[3];
                driverValues[i] = new double[3];
                topDrivers(contributions[i - from], columns, drivers[i], driverValues[i]);
            }
        }
        long tExplain = System.nanoTime();
        for (int i = 0; i < n; i++) {
            double percentile = 100.0 * (n - rank[i] + 1) / n;
            String cls = bands.classify(rank[i], n);
            classes.merge(cls, 1L, Long::sum);
            sumP += p.probability()[i];
            boolean kmKnown = anyKm && !Double.isNaN(perKm[i]);
            out.add(new ScoreWriter.Row(panel.assetId(i), p.probability()[i],
                    p.expected() == null ? null : p.expected()[i], rank[i], percentile, cls,
                    kmKnown ? perKm[i] : null, kmKnown ? rankPerKm[i] : null, drivers[i], driverValues[i]));
        }
        ScoreWriter.write(store, modelId, month.atDay(1), info.horizonMonths(), LocalDateTime.now(clock), out, progress,
                step);
        double expected = p.expected() == null ? sumP : Arrays.stream(p.expected()).sum();
        long tEnd = System.nanoTime();
        Duration elapsed = Duration.ofNanos(tEnd - t0);
        LOG.info("scored {} assets: read {} s, predict {} s, rank and explain {} s, write {} s", n, fmt((tRead - t0) / 1e9),
                fmt((tPredict - tRead) / 1e9), fmt((tExplain - tPredict) / 1e9), fmt((tEnd - tExplain) / 1e9));
        progress.finished(step, String.format("scored %,d assets for %s with %s (ranked by %s) in %.1f s: %s", n,
                month, modelId, rankedBy, elapsed.toMillis() / 1000.0, classes));
        return new ScoringResult(modelId, month, info.horizonMonths(), n, classes, n == 0 ? Double.NaN : sumP / n,
                expected, elapsed, rankedBy);
    }

    /** The rate table learnt on the rows a model's window labelled before its cut-off (the chosen ranker needs it). */
    private RateTable trainingRateTable(ModelInfo info, FeatureSetInfo fs) {
        YearMonth start = YearMonth.from(info.trainStart());
        Windows w = Windows.forCutoff(YearMonth.from(info.cutoffMonth()), info.horizonMonths(), start, start);
        return InnerValidation.rateTable(PanelLoader.load(store, fs, w.trainStart(), w.validationEnd(), progress), fs,
                w);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** 1-based ranks by descending value (NaN last), ties by key. */
    private static int[] ranks(double[] value, long[] ties) {
        Integer[] idx = new Integer[value.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> Double.isNaN(value[i]) ? Double.POSITIVE_INFINITY
                : -value[i]).thenComparingLong(i -> ties[i]));
        int[] rank = new int[value.length];
        for (int r = 0; r < idx.length; r++) {
            rank[idx[r]] = r + 1;
        }
        return rank;
    }

    /** The three largest positive contributions of a row (bias excluded). */
    static void topDrivers(float[] c, String[] columns, String[] drivers, double[] values) {
        for (int k = 0; k < 3; k++) {
            int best = -1;
            for (int j = 0; j < columns.length; j++) {
                if (c[j] > 0 && (best < 0 || c[j] > c[best]) && !taken(drivers, columns[j], k)) {
                    best = j;
                }
            }
            if (best >= 0) {
                drivers[k] = columns[best];
                values[k] = c[best];
            }
        }
    }

    private static boolean taken(String[] drivers, String column, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (column.equals(drivers[i])) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ registry

    /** Every registered model, oldest first. */
    public List<ModelInfo> list() {
        return Registry.list(store);
    }

    /**
     * The final models of a feature set (every feature set when null), the newest per target: the models the score
     * stage uses. A final model is one trained by {@link #train}, never a back-test fold of an evaluation (trained on
     * a shorter window for one test year). Empty when there is none.
     */
    public List<ModelInfo> finalModels(String featureSetId) {
        Map<String, ModelInfo> newestPerTarget = new LinkedHashMap<>();
        list().stream()
                .filter(m -> m.evaluationId() == null && (featureSetId == null || m.featureSetId().equals(featureSetId)))
                .sorted(Comparator.comparing(ModelInfo::createdAt).thenComparing(ModelInfo::modelId))
                .forEach(m -> newestPerTarget.put(m.target(), m));
        return List.copyOf(newestPerTarget.values());
    }

    /**
     * The newest final model of the registry (see {@link #finalModels}), the one scoring uses when no model is named.
     * Refuses with a reason when the registry holds none, or only back-test folds.
     */
    public ModelInfo latestFinalModel() {
        List<ModelInfo> all = list();
        if (all.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "no model in the registry of "
                    + store.location() + ": train a model first");
        }
        return finalModels(null).stream().max(Comparator.comparing(ModelInfo::createdAt)
                        .thenComparing(ModelInfo::modelId))
                .orElseThrow(() -> new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "no final model in the "
                        + "registry of " + store.location() + ", only the back-test models of an evaluation: train a "
                        + "final model (or run the model stage to the end), or name a model"));
    }

    /** A model with its metrics and importance. */
    public ModelDetails show(String modelId) {
        return new ModelDetails(Registry.get(store, modelId), Registry.metrics(store, modelId),
                Registry.importance(store, modelId), Registry.selection(store, modelId));
    }

    /** The model's training provenance JSON (Tribuo provenance or the XGBoost summary), decompressed. */
    public String provenance(String modelId) {
        Registry.get(store, modelId);
        String stored = Registry.provenance(store, modelId);
        return stored == null ? null : Json.gunzipBase64(stored);
    }

    /** Month of the newest rows of a feature set, for choosing a scoring month. */
    public YearMonth lastMonth(String featureSetId) {
        YearMonth[] span = PanelLoader.monthSpan(store, featureSetId);
        if (span == null) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "feature set " + featureSetId + " has no rows");
        }
        return span[1];
    }

    static LocalDate first(YearMonth m) {
        return m.atDay(1);
    }
}
