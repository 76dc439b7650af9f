package io.breakwater.ml;

import java.util.List;

/**
 * What training produced.
 *
 * @param model      the registry row written
 * @param validation metrics of the model and baselines on the last month of the calibration block (optimistic for
 *                   calibration metrics: the block also fitted the calibration)
 * @param importance global feature importance, most important first
 */
public record TrainingResult(ModelInfo model, List<ScorerMetrics> validation, List<FeatureImportance> importance) {
}
