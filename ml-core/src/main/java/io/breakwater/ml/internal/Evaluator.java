package io.breakwater.ml.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.EvaluationBacktestScoresRecord;
import io.breakwater.db.schema.tables.records.ModelEvaluationsRecord;
import io.breakwater.ml.BaselineComparison;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.ModelSelection;
import io.breakwater.ml.ScorerMetrics;
import io.breakwater.ml.Target;
import io.breakwater.ml.TrainingConfig;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolling-origin evaluation (see {@link io.breakwater.ml.RiskModels#evaluate}). Everything an evaluation produces is
 * held and returned, for the caller to write in one transaction, so that an interrupted evaluation leaves the previous
 * state.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final BreakwaterStore store;
    private final Registrar registrar;
    private final Clock clock;
    private final ProgressListener progress;

    public Evaluator(BreakwaterStore store, Registrar registrar, Clock clock, ProgressListener progress) {
        this.store = store;
        this.registrar = registrar;
        this.clock = clock;
        this.progress = progress;
    }

    public Outcome evaluate(TrainingConfig config, List<Integer> testYears, ModelSelection selection) {
        if (testYears == null || testYears.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "no test years given");
        }
        List<Integer> years = testYears.stream().distinct().sorted().toList();
        FeatureSetInfo fs = PanelLoader.featureSet(store, config.featureSetId());
        Panel panel = PanelLoader.load(store, fs, config.trainFrom(), YearMonth.of(years.get(years.size() - 1), 1)
                .minusMonths(1), progress);
        LocalDateTime created = LocalDateTime.now(clock);
        Map<String, Object> configMap = Registrar.configMap(config);
        if (selection.enabled()) {
            configMap.put("selection", selection);
        }
        String evaluationId = "eval-" + ModelTrainer.resolve(config.algorithm()).getKey().id() + "-"
                + config.target().id() + "-" + Hashing.sha256(Json.write(configMap) + fs.id() + fs.definitionHash()
                + years).substring(0, 10);
        List<Registry.Entry> folds = new ArrayList<>();
        List<ScorerMetrics> all = new ArrayList<>();
        List<EvaluationBacktestScoresRecord> backtest = new ArrayList<>();
        Map<String, List<Metrics.Input>> pooled = new LinkedHashMap<>();
        List<String> rankers = new ArrayList<>();
        String algorithmRan = null;
        ModelTrainer.Memo fits = new ModelTrainer.Memo(panel);
        String step = "evaluate " + fs.id();
        progress.started(step, years.size(), "test years");
        int done = 0;
        for (int year : years) {
            YearMonth cutoff = YearMonth.of(year, 1);
            Windows w = Windows.forCutoff(cutoff, fs.horizonMonths(), panel.firstMonth(), config.trainFrom());
            int[] test = ModelTrainer.labelled(panel, w.testMonth(), w.testMonth(), config.target() == Target.BREAK_COUNT);
            if (test.length == 0) {
                YearMonth labelled = panel.lastLabeledMonth();
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "test year " + year + " needs labelled "
                        + "rows for feature month " + w.testMonth() + " (breaks in " + cutoff + " .. "
                        + cutoff.plusMonths(fs.horizonMonths() - 1L) + ") but feature set " + fs.id()
                        + (labelled == null ? " has no labels" : " is labelled only up to " + labelled));
            }
            InnerValidation.Choice choice = selection.enabled()
                    ? InnerValidation.choose(fits, fs, config, selection, cutoff, progress) : null;
            TrainingConfig fold = choice == null ? config.withCutoff(cutoff)
                    : config.withTarget(choice.learner().target()).withHyper(choice.learner().hyper()).withCutoff(cutoff);
            ModelTrainer.Trained trained = fits.train(fs, fold, w, progress);
            algorithmRan = trained.predictor().algorithm();
            Predictor.Predictions p = trained.predictor().predict(trained.predictor().schema().matrix(panel, test));
            Scorers.Rows on = Scorers.Rows.of(panel, test, fs.pipeGrain(), config.seed());
            Map<String, Metrics.Input> baselines = Scorers.baselines(on, config.seed(),
                    InnerValidation.rateTable(panel, fs, w));
            Map<String, Metrics.Input> inputs = new LinkedHashMap<>();
            double[] score = p.expected() != null ? p.expected() : p.probability();
            inputs.put(Scorers.MODEL, choice == null
                    ? on.input(score, Scorers.divide(score, on.km()), p.probability(), p.expected())
                    : InnerValidation.apply(choice, on, p, baselines));
            inputs.putAll(baselines);
            String ranker = choice == null ? algorithmRan + ":" + config.target().id() : choice.ranker();
            rankers.add(ranker);
            List<ScorerMetrics> yearMetrics = metricsOf(inputs, String.valueOf(year));
            all.addAll(yearMetrics);
            inputs.forEach((k, v) -> pooled.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            backtest.addAll(backtestRows(evaluationId, year, on, inputs.get(Scorers.MODEL), ranker));
            folds.add(registrar.entry(fold, fs, trained, evaluationId, w.testMonth(), yearMetrics,
                    choice == null ? null : choice.toMap()));
            progress.progressed(step, ++done);
            LOG.info("test year {}: ranker {}, {} {} against {} for trailing breaks", year, ranker, on.headline(),
                    fmt(metric(yearMetrics, Scorers.MODEL, on.headline())),
                    fmt(metric(yearMetrics, "trailing_breaks_12m", on.headline())));
        }
        if (rankers.stream().distinct().count() > 1) {
            // scores of different rankers do not share a scale: pool the model's within-year percentile ranks
            pooled.put(Scorers.MODEL, pooled.get(Scorers.MODEL).stream().map(InnerValidation::percentiles).toList());
        }
        for (Map.Entry<String, List<Metrics.Input>> e : pooled.entrySet()) {
            if (e.getValue().size() == years.size()) {
                Metrics.Result r = Metrics.compute(Scorers.concat(e.getValue()));
                all.add(new ScorerMetrics(e.getKey(), Comparisons.POOLED, r.values(), r.reliability()));
            }
        }
        all.addAll(Comparisons.means(all, years));
        String headline = fs.pipeGrain() && metric(all, Scorers.MODEL, Scorers.HEADLINE_LENGTH) >= 0
                ? Scorers.HEADLINE_LENGTH : Scorers.HEADLINE_ASSETS;
        BaselineComparison comparison = Comparisons.compare(all, years, headline);
        ModelEvaluationsRecord record = new ModelEvaluationsRecord();
        record.setEvaluationId(evaluationId);
        record.setName(config.name());
        record.setFeatureSetId(fs.id());
        record.setAlgorithm(algorithmRan);
        record.setTarget(config.target().id());
        record.setGrain(fs.grain());
        record.setHorizonMonths(fs.horizonMonths());
        record.setSeed(config.seed());
        record.setTestYears(years.stream().map(String::valueOf).collect(Collectors.joining(",")));
        record.setConfigJson(Json.write(configMap));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rankers", rankers);
        extra.put("comparison", comparison);
        record.setMetricsJson(Registrar.metricsJson(all, extra));
        record.setCreatedAt(created);
        record.setBreakwaterVersion(BreakwaterVersion.get());
        List<String> modelIds = folds.stream().map(f -> f.info().modelId()).toList();
        progress.finished(step, "evaluation " + evaluationId + ": " + years.size() + " test years, models "
                + String.join(", ", modelIds));
        return new Outcome(new EvaluationResult(evaluationId, fs.id(), algorithmRan, config.target().id(), years,
                modelIds, all, comparison, rankers), new Registry.PendingEvaluation(record, all, folds,
                Registry.comparisonRows(evaluationId, comparison), backtest));
    }

    /** An evaluation's result and what is to be written for it (nothing is written by {@link #evaluate}). */
    public record Outcome(EvaluationResult result, Registry.PendingEvaluation pending) {
    }

    /** Each asset's score in a test year by the reported ranker, with its ranks and the breaks that followed. */
    static List<EvaluationBacktestScoresRecord> backtestRows(String evaluationId, int year, Scorers.Rows on,
            Metrics.Input model, String ranker) {
        int n = on.rows().length;
        int[] rank = rankOf(Metrics.order(model.score, model.tieKeys));
        int[] rankPerKm = model.scorePerKm == null ? null : rankOf(Metrics.order(model.scorePerKm, model.tieKeys));
        List<EvaluationBacktestScoresRecord> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new EvaluationBacktestScoresRecord(evaluationId, year, on.panel().assetId(on.rows()[i]),
                    finiteOr0(model.score[i]), model.scorePerKm == null ? null : Registry.finite(model.scorePerKm[i]),
                    rank[i], rankPerKm == null ? null : rankPerKm[i], (double) model.breaks[i], ranker));
        }
        return rows;
    }

    private static double finiteOr0(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
    }

    private static int[] rankOf(int[] order) {
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }

    public static List<ScorerMetrics> metricsOf(Map<String, Metrics.Input> inputs, String period) {
        List<ScorerMetrics> out = new ArrayList<>();
        inputs.forEach((scorer, in) -> {
            Metrics.Result r = Metrics.compute(in);
            out.add(new ScorerMetrics(scorer, period, r.values(), r.reliability()));
        });
        return out;
    }

    private static double metric(List<ScorerMetrics> list, String scorer, String name) {
        return list.stream().filter(m -> m.scorer().equals(scorer)).findFirst().map(m -> m.get(name)).orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
