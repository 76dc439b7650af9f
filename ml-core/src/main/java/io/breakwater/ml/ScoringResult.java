package io.breakwater.ml;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;

/**
 * What scoring a month wrote to {@code pipe_break_risk_scores}.
 *
 * @param modelId          model used
 * @param month            feature month scored
 * @param horizonMonths    horizon of the probabilities
 * @param assetsScored     rows written
 * @param classCounts      assets per risk class, highest class first
 * @param meanProbability  mean probability
 * @param expectedBreaks   sum of probabilities (or expected counts): breaks expected over the horizon
 * @param elapsed          wall time of the whole step (read, predict, explain, write)
 * @param rankedBy         the ranker the ranks and risk classes follow: the one the model's inner validation chose
 *                         ({@code baseline:prior_breaks_per_km}, {@code blend:...}, {@code xgboost:any_break:per_size}),
 *                         or {@code learner} for a model trained without a choice
 */
public record ScoringResult(String modelId, YearMonth month, int horizonMonths, long assetsScored,
        Map<String, Long> classCounts, double meanProbability, double expectedBreaks, Duration elapsed,
        String rankedBy) {
}
