package io.breakwater.ml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The ranker a final model's inner validation chose, as recorded in {@code model_registry.selection_json}, applied
 * when the model scores: the learner in its orientation (per asset, or per km / km²), a baseline alone, or the blend
 * of the learner and a baseline. The probabilities and expected counts written stay the learner's calibrated
 * estimates; the ranks, percentiles and risk classes follow the chosen ranker, as its back-test scores did.
 *
 * @param name     the ranker as recorded ({@code xgboost:any_break:per_size}, {@code baseline:prior_breaks_per_km},
 *                 {@code blend:...}), or {@code learner} when the model was trained without a choice
 * @param perSize  the learner ranks per km (pipes) or per km² (areas)
 * @param baseline the baseline it is or blends with, or null
 * @param blend    a blend of learner and baseline
 */
public record ChosenRanker(String name, boolean perSize, String baseline, boolean blend) {
    /** The name of the ranker of a model trained without an inner validation. */
    public static final String LEARNER = "learner";

    /** The ranker recorded in {@code selectionJson}; the learner ranked per asset and per km when there is none. */
    public static ChosenRanker of(String selectionJson) {
        if (selectionJson == null || selectionJson.isBlank()) {
            return null;
        }
        JsonNode s = Json.read(selectionJson);
        String baseline = s.path("baseline").isTextual() ? s.path("baseline").asText() : null;
        return new ChosenRanker(s.path("chosen").asText(LEARNER), "per_size".equals(s.path("orientation").asText()),
                baseline, s.path("blend").asBoolean(false));
    }

    /** True when the rate-table baseline takes part, which needs the table learnt on the training rows. */
    public boolean needsRateTable() {
        return "rate_table".equals(baseline);
    }

    /**
     * The ranker's scores on {@code on}: {@code score} ranks the assets, {@code scorePerKm} the length budget (null
     * where there are no lengths). A baseline that does not apply to these rows leaves the learner's ranking.
     */
    public Metrics.Input apply(Scorers.Rows on, Predictor.Predictions p, long seed, RateTable rates) {
        return apply(on, p, baseline == null ? Map.of() : Scorers.baselines(on, seed, rates));
    }

    /** As {@link #apply(Scorers.Rows, Predictor.Predictions, long, RateTable)}, with the baselines already scored. */
    public Metrics.Input apply(Scorers.Rows on, Predictor.Predictions p, Map<String, Metrics.Input> baselines) {
        double[] score = p.expected() != null ? p.expected() : p.probability();
        Metrics.Input learner = on.oriented(score, perSize, p.probability(), p.expected());
        if (baseline == null) {
            return learner;
        }
        Metrics.Input base = baselines.get(baseline);
        if (base == null) {
            return learner;
        }
        return blend ? InnerValidation.blend(learner, base) : base;
    }
}
