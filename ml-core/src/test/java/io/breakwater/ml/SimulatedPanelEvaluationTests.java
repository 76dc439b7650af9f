package io.breakwater.ml;

import static io.breakwater.db.schema.Tables.EVALUATION_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.TestStores;
import io.breakwater.ml.internal.Hashing;
import io.breakwater.ml.internal.Metrics;
import io.breakwater.synth.tables.SyntheticPanel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model against its baselines and the oracle on a simulated network with a known hazard. */
class SimulatedPanelEvaluationTests {
    static final String FS = "sim-pipes@1";
    static final List<Integer> YEARS = List.of(2010, 2011);

    @TempDir
    static Path dir;
    static SyntheticPanel city;
    static BreakwaterStore store;
    static EvaluationResult result;

    @BeforeAll
    static void evaluate() {
        city = SyntheticPanel.generate(1500, YearMonth.of(2000, 1), 12, 7L);
        store = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
        long t0 = System.nanoTime();
        city.writeTo(store, FS);
        System.out.printf("simulated panel written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        RiskModels ml = RiskModels.using(store).artifactDirectory(dir.resolve("models"))
                .clock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC)).build();
        t0 = System.nanoTime();
        result = ml.evaluate(TestConfigs.fast(FS), YEARS);
        System.out.printf("evaluation in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** The oracle's metrics on the same rows: the true probability from the simulation. */
    static Map<String, Double> oracle(int year) {
        Map<String, Double> p = city.oracle(YearMonth.of(year, 1));
        List<String> ids = p.keySet().stream().sorted().toList();
        int n = ids.size();
        Metrics.Input in = Metrics.Input.perKm(n);
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            int b = city.breaks(id, YearMonth.of(year, 1));
            in.score[i] = p.get(id);
            in.lengthKm[i] = city.lengthKm(id);
            in.scorePerKm[i] = p.get(id) / in.lengthKm[i];
            in.y[i] = b > 0 ? 1 : 0;
            in.breaks[i] = b;
            in.tieKeys[i] = Hashing.assetKey(1, id);
        }
        return Metrics.compute(in).values();
    }

    @Test
    void modelBeatsThePastBreaksBaselineAndApproachesTheOracle() {
        for (int year : YEARS) {
            String y = String.valueOf(year);
            Map<String, Double> oracle = oracle(year);
            double model = result.metric("model", y, "roc_auc");
            double past = result.metric("trailing_breaks_12m_per_km", y, "roc_auc");
            double modelLen = result.metric("model", y, "break_share_top_10pct_length");
            double pastLen = result.metric("trailing_breaks_12m_per_km", y, "break_share_top_10pct_length");
            System.out.printf("%d  AUC model %.3f  past %.3f  age %.3f  random %.3f  oracle %.3f | top10%%len model %.3f"
                    + "  past %.3f  oracle %.3f | brier %.4f ratio %.2f%n", year, model, past,
                    result.metric("age", y, "roc_auc"), result.metric("random", y, "roc_auc"), oracle.get("roc_auc"),
                    modelLen, pastLen, oracle.get("break_share_top_10pct_length"), result.metric("model", y, "brier"),
                    result.metric("model", y, "predicted_actual_ratio"));
            assertThat(model).isGreaterThan(past);
            assertThat(modelLen).isGreaterThan(pastLen);
            assertThat(model).isGreaterThanOrEqualTo(0.9 * oracle.get("roc_auc"));
            assertThat(modelLen).isGreaterThanOrEqualTo(0.8 * oracle.get("break_share_top_10pct_length"));
            assertThat(result.metric("random", y, "roc_auc")).isBetween(0.4, 0.6);
        }
    }

    @Test
    void probabilitiesAreCalibratedOnTheTestYears() {
        double ratio = result.metric("model", "pooled", "predicted_actual_ratio");
        assertThat(ratio).as("predicted/actual positives, pooled").isBetween(0.7, 1.3);
        ScorerMetrics pooled = result.metrics().stream()
                .filter(m -> m.scorer().equals("model") && m.period().equals("pooled")).findFirst().orElseThrow();
        ReliabilityBin top = pooled.reliability().get(pooled.reliability().size() - 1);
        assertThat(top.observedRate()).isBetween(top.meanPredicted() * 0.6, top.meanPredicted() * 1.4);
    }

    @Test
    void everyYearAndThePoolAreStoredForModelAndBaselines() {
        assertThat(result.modelIds()).hasSize(YEARS.size());
        assertThat(store.dsl().fetchCount(MODEL_EVALUATIONS)).isEqualTo(1);
        assertThat(store.dsl().selectDistinct(EVALUATION_METRICS.PERIOD).from(EVALUATION_METRICS)
                .fetch(EVALUATION_METRICS.PERIOD)).containsExactlyInAnyOrder("2010", "2011", "mean", "pooled");
        assertThat(store.dsl().selectDistinct(EVALUATION_METRICS.SCORER).from(EVALUATION_METRICS)
                .fetch(EVALUATION_METRICS.SCORER)).containsExactlyInAnyOrder("model", "random", "age", "prior_breaks",
                        "prior_breaks_per_km", "trailing_breaks_12m", "trailing_breaks_12m_per_km", "rate_table");
        for (String metric : List.of("roc_auc", "pr_auc", "brier", "precision_top_1pct", "recall_top_5pct",
                "break_share_top_10pct_length", "lift_top_10pct", "predicted_actual_ratio")) {
            assertThat(store.dsl().fetchCount(EVALUATION_METRICS, EVALUATION_METRICS.METRIC.eq(metric)
                    .and(EVALUATION_METRICS.SCORER.eq("model")))).as(metric).isEqualTo(4);
        }
        var first = store.dsl().selectFrom(MODEL_REGISTRY).where(MODEL_REGISTRY.MODEL_ID.eq(result.modelIds().get(0)))
                .fetchOne();
        assertThat(first.getCutoffMonth()).isEqualTo(YearMonth.of(2010, 1).atDay(1));
        assertThat(first.getTrainEnd()).isEqualTo(YearMonth.of(2007, 12).atDay(1));
        assertThat(first.getValidationEnd()).isEqualTo(YearMonth.of(2008, 12).atDay(1));
        assertThat(first.getTestMonth()).isEqualTo(YearMonth.of(2009, 12).atDay(1));
        assertThat(first.getEvaluationId()).isEqualTo(result.evaluationId());
        assertThat(store.dsl().fetchCount(MODEL_METRICS, MODEL_METRICS.MODEL_ID.eq(first.getModelId())
                .and(MODEL_METRICS.PERIOD.eq("2010")))).isGreaterThan(40);
    }
}
