package io.breakwater.ml;

import java.util.List;
import java.util.Map;

/**
 * Metrics of one scorer (the model or a baseline) over one period.
 *
 * @param scorer      model, or a baseline: random, age, prior_breaks, trailing_breaks_12m, rate_table, ... (or oracle in tests)
 * @param period      a test year such as "2014", "validation", "mean" (of test years) or "pooled"
 * @param values      metric name to value (NaN when undefined, e.g. AUC without positives)
 * @param reliability reliability table (probability scorers only)
 */
public record ScorerMetrics(String scorer, String period, Map<String, Double> values, List<ReliabilityBin> reliability) {
    public ScorerMetrics {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        reliability = List.copyOf(reliability);
    }

    public double get(String metric) {
        Double v = values.get(metric);
        return v == null ? Double.NaN : v;
    }
}
