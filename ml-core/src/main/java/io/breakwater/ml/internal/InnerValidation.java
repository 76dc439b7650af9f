package io.breakwater.ml.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ProgressListener;
import io.breakwater.ml.Algorithm;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.ModelSelection;
import io.breakwater.ml.Target;
import io.breakwater.ml.TrainingConfig;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses a ranker inside one training window. With cut-off {@code C} and horizon {@code H}, the inner cut-off is the
 * January at or before {@code C - H}: candidates are trained as if at that cut-off and scored on its December row,
 * whose label window ends by {@code C - 1}. Nothing at or after the cut-off is read, so the test year's labels can
 * never change the choice.
 */
public final class InnerValidation {
    private InnerValidation() {
    }

    /** A learner setting tried: target, hyper-parameters, and the index of the latter in the grid. */
    public record Learner(Target target, HyperParameters hyper, int gridIndex) {
        String id(Algorithm algorithm) {
            return algorithm.id() + ":" + target.id() + (gridIndex == 0 ? "" : ":grid" + gridIndex);
        }
    }

    /**
     * The choice: the ranker's name, the learner behind it (the best learner when a baseline won), its orientation,
     * the baseline it is or blends with, every candidate's headline value, and why.
     */
    public record Choice(String ranker, Learner learner, boolean perSize, String baseline, boolean blend,
            String headline, Map<String, Double> candidates, String reason) {

        /** The ranker as scoring applies it. */
        public ChosenRanker toRanker() {
            return new ChosenRanker(ranker, perSize, baseline, blend);
        }

        /** True when the chosen ranker is a baseline alone. */
        public boolean isBaseline() {
            return baseline != null && !blend;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chosen", ranker);
            m.put("target", learner.target().id());
            m.put("grid_index", learner.gridIndex());
            m.put("max_depth", learner.hyper().maxDepth());
            m.put("trees", learner.hyper().trees());
            m.put("learning_rate", learner.hyper().learningRate());
            m.put("orientation", perSize ? "per_size" : "per_asset");
            m.put("baseline", baseline);
            m.put("blend", blend);
            m.put("headline_metric", headline);
            m.put("candidates", candidates);
            m.put("reason", reason);
            return m;
        }
    }

    /** The learner settings to try: the grid (or the configured settings) x the targets (or both where possible). */
    public static List<Learner> learners(TrainingConfig config, ModelSelection selection) {
        List<Target> targets = new ArrayList<>(selection.targets());
        if (targets.isEmpty()) {
            targets.add(config.target());
            if (config.algorithm() != Algorithm.LOGISTIC) {
                Arrays.stream(Target.values()).filter(t -> t != config.target()).forEach(targets::add);
            }
        }
        List<HyperParameters> grid = selection.grid().isEmpty() ? List.of(config.hyper()) : selection.grid();
        List<Learner> out = new ArrayList<>();
        for (Target t : targets) {
            if (t == Target.BREAK_COUNT && config.algorithm() == Algorithm.LOGISTIC) {
                continue;
            }
            for (int g = 0; g < grid.size(); g++) {
                out.add(new Learner(t, grid.get(g), g));
            }
        }
        return out;
    }

    /** The inner cut-off of a window with cut-off {@code cutoff}: the January at or before {@code cutoff - H}. */
    public static YearMonth innerCutoff(YearMonth cutoff, int horizon) {
        return YearMonth.of(cutoff.minusMonths(horizon).getYear(), 1);
    }

    /** Runs the inner validation of the window with cut-off {@code cutoff}; null when it has too little history. */
    public static Choice choose(ModelTrainer.Memo fits, FeatureSetInfo fs, TrainingConfig config,
            ModelSelection selection, YearMonth cutoff, ProgressListener progress) {
        Panel panel = fits.panel();
        YearMonth inner = innerCutoff(cutoff, fs.horizonMonths());
        Windows w;
        try {
            w = Windows.forCutoff(inner, fs.horizonMonths(), panel.firstMonth(), config.trainFrom());
        } catch (BreakwaterException e) {
            return null;
        }
        int[] test = ModelTrainer.labelled(panel, w.testMonth(), w.testMonth(), true);
        if (test.length == 0) {
            return null;
        }
        Scorers.Rows on = Scorers.Rows.of(panel, test, fs.pipeGrain(), config.seed());
        String headline = on.headline();
        RateTable rates = rateTable(panel, fs, w);
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Metrics.Input> inputs = new LinkedHashMap<>();
        Map<String, Learner> learnerOf = new LinkedHashMap<>();
        List<Learner> learners = learners(config, selection);
        for (Learner l : learners) {
            ModelTrainer.Trained t;
            try {
                t = fits.train(fs, config.withTarget(l.target()).withHyper(l.hyper()).withCutoff(inner), w, progress);
            } catch (BreakwaterException e) {
                continue;
            }
            Predictor.Predictions p = t.predictor().predict(t.predictor().schema().matrix(panel, test));
            double[] score = p.expected() != null ? p.expected() : p.probability();
            String id = l.id(ModelTrainer.resolve(config.algorithm()).getKey());
            for (boolean perSize : new boolean[] {false, true}) {
                String name = id + (perSize ? ":per_size" : ":per_asset");
                inputs.put(name, on.oriented(score, perSize, null, null));
                learnerOf.put(name, l);
            }
        }
        if (learnerOf.isEmpty()) {
            return null;
        }
        inputs.forEach((k, v) -> scores.put(k, headline(v, headline)));
        String bestLearner = best(scores, learnerOf.keySet());
        Map<String, Metrics.Input> baselines = Scorers.baselines(on, config.seed(), rates);
        Map<String, Double> baselineScores = new LinkedHashMap<>();
        baselines.forEach((k, v) -> baselineScores.put(k, headline(v, headline)));
        String bestBaseline = best(baselineScores, baselineScores.keySet());
        String blendName = "blend:" + bestLearner + "+" + bestBaseline;
        if (selection.blend() && bestBaseline != null) {
            scores.put(blendName, headline(blend(inputs.get(bestLearner), baselines.get(bestBaseline)), headline));
        }
        if (selection.baselines()) {
            baselineScores.forEach((k, v) -> scores.put("baseline:" + k, v));
        }
        String chosen = best(scores, scores.keySet());
        boolean isBlend = chosen.equals(blendName);
        boolean isBaseline = chosen.startsWith("baseline:");
        String learnerName = isBlend || isBaseline ? bestLearner : chosen;
        String runnerUp = scores.entrySet().stream().filter(e -> !e.getKey().equals(chosen))
                .max(Comparator.comparingDouble(e -> nanLow(e.getValue()))).map(Map.Entry::getKey).orElse(null);
        String reason = String.format(Locale.ROOT, "highest %s in the inner validation (cut-off %s, December %d rows, "
                        + "labels %s..%s): %.4f%s", headline, inner, w.testMonth().getYear(), inner,
                inner.plusMonths(fs.horizonMonths() - 1L), scores.get(chosen), runnerUp == null ? ""
                        : String.format(Locale.ROOT, " against %.4f for %s", scores.get(runnerUp), runnerUp));
        return new Choice(chosen, learnerOf.get(learnerName), learnerName.endsWith(":per_size"),
                isBlend ? bestBaseline : isBaseline ? chosen.substring("baseline:".length()) : null, isBlend, headline,
                scores, reason);
    }

    /** The rate table learnt on every row of the window labelled before its cut-off, where it applies. */
    public static RateTable rateTable(Panel panel, FeatureSetInfo fs, Windows w) {
        return fs.pipeGrain() && RateTable.applicable(panel)
                ? RateTable.fit(panel, ModelTrainer.labelled(panel, w.trainStart(), w.validationEnd(), false)) : null;
    }

    /**
     * The ranker a choice stands for on a set of rows: the learner's predictions in its orientation, the baseline, or
     * their blend.
     */
    public static Metrics.Input apply(Choice choice, Scorers.Rows on, Predictor.Predictions p,
            Map<String, Metrics.Input> baselines) {
        return choice.toRanker().apply(on, p, baselines);
    }

    /** The mean of two rankers' percentile ranks, in both rankings. */
    static Metrics.Input blend(Metrics.Input a, Metrics.Input b) {
        Metrics.Input out = new Metrics.Input();
        out.score = meanPercentile(a.score, b.score);
        out.scorePerKm = a.scorePerKm == null || b.scorePerKm == null ? null : meanPercentile(a.scorePerKm, b.scorePerKm);
        out.y = a.y;
        out.breaks = a.breaks;
        out.lengthKm = a.lengthKm;
        out.tieKeys = a.tieKeys;
        return out;
    }

    /** The ranker's percentile ranks in both rankings, without probabilities: for pooling rankers of mixed scales. */
    static Metrics.Input percentiles(Metrics.Input in) {
        Metrics.Input out = blend(in, in);
        out.score = percentile(in.score);
        out.scorePerKm = in.scorePerKm == null ? null : percentile(in.scorePerKm);
        return out;
    }

    private static double[] meanPercentile(double[] a, double[] b) {
        double[] pa = percentile(a);
        double[] pb = percentile(b);
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (pa[i] + pb[i]) / 2;
        }
        return out;
    }

    /** Percentile rank in [0, 1] (NaN lowest; ties share their mean rank). */
    static double[] percentile(double[] v) {
        int n = v.length;
        int[] idx = IndexSort.sort(n, (a, b) -> Double.compare(nanLow(v[a]), nanLow(v[b])));
        double[] out = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && nanLow(v[idx[j + 1]]) == nanLow(v[idx[i]])) {
                j++;
            }
            double rank = n <= 1 ? 1 : ((i + j) / 2.0) / (n - 1);
            for (int k = i; k <= j; k++) {
                out[idx[k]] = rank;
            }
            i = j + 1;
        }
        return out;
    }

    private static double headline(Metrics.Input in, String headline) {
        Double v = Metrics.compute(in).values().get(headline);
        return v == null ? Double.NaN : v;
    }

    private static String best(Map<String, Double> scores, Iterable<String> among) {
        String best = null;
        for (String k : among) {
            if (best == null || nanLow(scores.get(k)) > nanLow(scores.get(best))) {
                best = k;
            }
        }
        return best;
    }

    private static double nanLow(Double v) {
        return v == null ? Double.NEGATIVE_INFINITY : nanLow(v.doubleValue());
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
