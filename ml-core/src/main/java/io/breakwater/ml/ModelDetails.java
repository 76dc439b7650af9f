package io.breakwater.ml;

import java.util.List;

/**
 * A registered model with its stored metrics and feature importance.
 *
 * @param model      registry row
 * @param metrics    rows of {@code model_metrics}
 * @param importance rows of {@code model_feature_importance}, most important first
 * @param selection  what the inner validation chose and why (JSON of {@code model_registry.selection_json}), or null
 */
public record ModelDetails(ModelInfo model, List<ScorerMetrics> metrics, List<FeatureImportance> importance,
        String selection) {
}
