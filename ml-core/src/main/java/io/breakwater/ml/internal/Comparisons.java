package io.breakwater.ml.internal;

import io.breakwater.ml.BaselineComparison;
import io.breakwater.ml.ScorerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Means of years and the model against its strongest baseline, from an evaluation's per-year and pooled metrics. */
public final class Comparisons {
    /** The period of the mean over test years. */
    public static final String MEAN = "mean";
    public static final String POOLED = "pooled";

    private Comparisons() {
    }

    /** Per scorer, the mean over {@code years} of every metric defined in each of them. */
    public static List<ScorerMetrics> means(List<ScorerMetrics> metrics, List<Integer> years) {
        Map<String, List<ScorerMetrics>> byScorer = new LinkedHashMap<>();
        for (ScorerMetrics m : metrics) {
            if (years.contains(yearOf(m.period()))) {
                byScorer.computeIfAbsent(m.scorer(), k -> new ArrayList<>()).add(m);
            }
        }
        List<ScorerMetrics> out = new ArrayList<>();
        byScorer.forEach((scorer, list) -> {
            if (list.size() != years.size()) {
                return;
            }
            Map<String, Double> mean = new LinkedHashMap<>();
            for (String metric : list.get(0).values().keySet()) {
                double sum = 0;
                for (ScorerMetrics m : list) {
                    sum += m.get(metric);
                }
                if (!Double.isNaN(sum)) {
                    mean.put(metric, sum / list.size());
                }
            }
            out.add(new ScorerMetrics(scorer, MEAN, mean, List.of()));
        });
        return out;
    }

    /**
     * The model against the baseline with the highest mean of {@code headline} over the years; null when the model or
     * every baseline lacks the metric.
     */
    public static BaselineComparison compare(List<ScorerMetrics> metrics, List<Integer> years, String headline) {
        Map<String, Map<String, Double>> value = new LinkedHashMap<>();
        for (ScorerMetrics m : metrics) {
            value.computeIfAbsent(m.scorer(), k -> new LinkedHashMap<>()).put(m.period(), m.get(headline));
        }
        Map<String, Double> model = value.get(Scorers.MODEL);
        if (model == null) {
            return null;
        }
        String strongest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Map<String, Double>> e : value.entrySet()) {
            double mean = meanOf(e.getValue(), years);
            if (!e.getKey().equals(Scorers.MODEL) && !Double.isNaN(mean) && mean > best) {
                best = mean;
                strongest = e.getKey();
            }
        }
        if (strongest == null || Double.isNaN(meanOf(model, years))) {
            return null;
        }
        Map<String, Double> baseline = value.get(strongest);
        List<BaselineComparison.Year> rows = new ArrayList<>();
        double sum = 0;
        int ahead = 0;
        for (int y : years) {
            BaselineComparison.Year row = new BaselineComparison.Year(y, model.get(String.valueOf(y)),
                    baseline.get(String.valueOf(y)));
            rows.add(row);
            sum += row.difference();
            ahead += row.difference() > 0 ? 1 : 0;
        }
        double mean = sum / years.size();
        double ss = 0;
        for (BaselineComparison.Year row : rows) {
            ss += (row.difference() - mean) * (row.difference() - mean);
        }
        double sd = years.size() > 1 ? Math.sqrt(ss / (years.size() - 1)) : Double.NaN;
        return new BaselineComparison(headline, strongest, rows, meanOf(model, years), best, mean, sd, ahead,
                model.getOrDefault(POOLED, Double.NaN), baseline.getOrDefault(POOLED, Double.NaN));
    }

    private static double meanOf(Map<String, Double> byPeriod, List<Integer> years) {
        double sum = 0;
        for (int y : years) {
            Double v = byPeriod.get(String.valueOf(y));
            if (v == null || v.isNaN()) {
                return Double.NaN;
            }
            sum += v;
        }
        return sum / years.size();
    }

    private static int yearOf(String period) {
        try {
            return Integer.parseInt(period);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
