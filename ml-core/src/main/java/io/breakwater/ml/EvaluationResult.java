package io.breakwater.ml;

import java.util.List;

/**
 * A rolling-origin evaluation: one model per test year, each trained with labels that end before the year starts.
 *
 * @param evaluationId {@code model_evaluations} key
 * @param featureSetId feature set
 * @param algorithm    learner that ran
 * @param target       any_break or break_count
 * @param testYears    the years evaluated
 * @param modelIds     one registered model per test year, same order
 * @param metrics      per year, mean of years ({@code mean}) and pooled, model and baselines
 * @param comparison   the model against the strongest baseline on the headline metric, or null
 * @param rankers      per test year, the ranker reported as the model (the inner validation's choice, or the learner)
 */
public record EvaluationResult(String evaluationId, String featureSetId, String algorithm, String target,
        List<Integer> testYears, List<String> modelIds, List<ScorerMetrics> metrics, BaselineComparison comparison,
        List<String> rankers) {

    /** A metric of a scorer in a period, NaN when absent. */
    public double metric(String scorer, String period, String metric) {
        return metrics.stream().filter(m -> m.scorer().equals(scorer) && m.period().equals(period)).findFirst()
                .map(m -> m.get(metric)).orElse(Double.NaN);
    }
}
