package io.breakwater.ml;

import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.TestStores;
import io.breakwater.ml.internal.Hashing;
import io.breakwater.synth.tables.SyntheticPanel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scores are ranked by the ranker the model's inner validation chose, and say which. */
class ChosenRankerScoringTests {
    static final String FS = "sim-chosen@1";
    static final YearMonth MONTH = YearMonth.of(2010, 12);

    @TempDir
    Path dir;

    @Test
    void scoresFollowTheChosenRankerAndTheProbabilitiesStayTheLearners() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            SyntheticPanel.generate(400, YearMonth.of(2003, 1), 8, 5L).writeTo(store, FS);
            RiskModels ml = RiskModels.using(store).artifactDirectory(dir.resolve("models"))
                    .clock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC)).build();
            TrainingConfig config = TrainingConfig.of(FS).withHyper(HyperParameters.defaults().withTrees(40));
            ModelInfo model = ml.train(config, ModelSelection.defaults()).model();
            String selection = ml.show(model.modelId()).selection();
            assertThat(selection).contains("\"scoring\":\"the scores are ranked by ");

            ScoringResult asChosen = ml.score(model.modelId(), MONTH, RiskBands.defaults());
            assertThat(selection).contains("\"chosen\":\"" + asChosen.rankedBy() + "\"");
            Map<String, Double> learnerProbability = probabilities(store, model.modelId());

            // the registry now records that the all-history prior breaks baseline won the inner validation
            store.dsl().update(MODEL_REGISTRY).set(MODEL_REGISTRY.SELECTION_JSON, selection
                            .replaceFirst("\"chosen\":\"[^\"]*\"", "\"chosen\":\"baseline:prior_breaks\"")
                            .replaceFirst("\"baseline\":(null|\"[^\"]*\")", "\"baseline\":\"prior_breaks\"")
                            .replaceFirst("\"blend\":true", "\"blend\":false"))
                    .where(MODEL_REGISTRY.MODEL_ID.eq(model.modelId())).execute();
            ScoringResult byBaseline = ml.score(model.modelId(), MONTH, RiskBands.defaults());
            assertThat(byBaseline.rankedBy()).isEqualTo("baseline:prior_breaks");

            Map<String, Integer> priorBreaks = store.dsl().select(PIPE_FEATURES_MONTHLY.ASSET_ID,
                            PIPE_FEATURES_MONTHLY.BREAKS_CUMULATIVE).from(PIPE_FEATURES_MONTHLY)
                    .where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(FS))
                    .and(PIPE_FEATURES_MONTHLY.MONTH_START.eq(MONTH.atDay(1)))
                    .fetchMap(PIPE_FEATURES_MONTHLY.ASSET_ID, PIPE_FEATURES_MONTHLY.BREAKS_CUMULATIVE);
            List<String> expectedOrder = priorBreaks.keySet().stream()
                    .sorted(Comparator.<String>comparingInt(priorBreaks::get).reversed()
                            .thenComparingLong(a -> Hashing.assetKey(model.seed(), a)))
                    .toList();
            List<String> ranked = store.dsl().select(PIPE_BREAK_RISK_SCORES.ASSET_ID).from(PIPE_BREAK_RISK_SCORES)
                    .where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(model.modelId()))
                    .and(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.eq(MONTH.atDay(1)))
                    .orderBy(PIPE_BREAK_RISK_SCORES.RISK_RANK).fetch(PIPE_BREAK_RISK_SCORES.ASSET_ID);
            assertThat(ranked).isEqualTo(expectedOrder);
            // the probabilities written are still the learner's calibrated estimates
            assertThat(probabilities(store, model.modelId())).isEqualTo(learnerProbability);
        }
    }

    private static Map<String, Double> probabilities(BreakwaterStore store, String modelId) {
        return store.dsl().select(PIPE_BREAK_RISK_SCORES.ASSET_ID, PIPE_BREAK_RISK_SCORES.PROBABILITY)
                .from(PIPE_BREAK_RISK_SCORES).where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(modelId)).fetch().stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }
}
