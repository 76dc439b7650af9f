package io.breakwater.ml;

import java.util.List;

/**
 * What a model stage wrote in one transaction ({@link RiskModels#evaluateAndTrain}): per config, its rolling
 * evaluation and its final model, in the order of the configs.
 *
 * @param evaluations the evaluations
 * @param models      the final models
 */
public record ModelStageResult(List<EvaluationResult> evaluations, List<TrainingResult> models) {
    public ModelStageResult {
        evaluations = List.copyOf(evaluations);
        models = List.copyOf(models);
    }
}
