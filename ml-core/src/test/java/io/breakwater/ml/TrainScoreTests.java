package io.breakwater.ml;

import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import io.breakwater.synth.tables.SyntheticPanel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Training, registry, artifacts and scoring on a small simulated network, on both store kinds. */
class TrainScoreTests {
    static final String FS = "sim-small@1";
    static final SyntheticPanel CITY = SyntheticPanel.generate(300, YearMonth.of(2004, 1), 7, 11L);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static TrainingConfig config() {
        return TrainingConfig.of(FS).withHyper(HyperParameters.defaults().withTrees(40).withMaxDepth(3));
    }

    RiskModels ml(BreakwaterStore store, String folder) {
        return RiskModels.using(store).artifactDirectory(dir.resolve(folder)).clock(CLOCK).build();
    }

    BreakwaterStore store(TestStores.Kind kind, String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        BreakwaterStore store = TestStores.fresh(kind, d);
        CITY.writeTo(store, FS);
        return store;
    }

    @EachStoreKind
    void trainRegistersEverythingAndScoringRanksEveryAssetWithDrivers(TestStores.Kind kind) throws Exception {
        try (BreakwaterStore store = store(kind, "s")) {
            RiskModels ml = ml(store, "models");
            TrainingResult trained = ml.train(config());
            ModelInfo m = trained.model();
            assertThat(m.cutoffMonth()).isEqualTo(YearMonth.of(2011, 1).atDay(1));  // last labelled 2009-12 + 13
            assertThat(m.trainEnd()).isEqualTo(YearMonth.of(2008, 12).atDay(1));
            assertThat(m.validationEnd()).isEqualTo(YearMonth.of(2009, 12).atDay(1));
            assertThat(m.algorithm()).isEqualTo("xgboost");
            assertThat(m.trainingPositives()).isPositive();
            assertThat(m.negativeSampleRate()).isBetween(0.0, 1.0);
            assertThat(m.trainingDataHash()).hasSize(64);
            assertThat(m.artifactSha256()).hasSize(64);
            assertThat(Files.exists(Path.of(m.artifactPath()))).isTrue();
            assertThat(m.createdAt()).isEqualTo("2024-05-01T10:00:00");
            assertThat(m.breakwaterVersion()).startsWith("0.");
            assertThat(m.hyperParameters()).contains("\"trees\":40");
            assertThat(m.dataFingerprint()).contains("training_rows").contains("schema_version");
            assertThat(ml.provenance(m.modelId())).contains("xgboost4j").contains("count:poisson".equals("") ? "" : "binary:logistic");
            var row = store.dsl().selectFrom(MODEL_REGISTRY).fetchOne();
            assertThat(row.getProvenanceJson()).isNotBlank();
            assertThat(row.getMetricsJson()).contains("\"validation\"").contains("reliability");
            assertThat(store.dsl().fetchCount(MODEL_FEATURE_IMPORTANCE)).isGreaterThan(5);
            assertThat(trained.importance().get(0).rank()).isEqualTo(1);

            ScoringResult scored = ml.score(m.modelId(), YearMonth.of(2010, 12), RiskBands.defaults());
            assertThat(scored.assetsScored()).isEqualTo(CITY.pipes());
            assertThat(scored.classCounts().get("very_high")).isEqualTo(3L);
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES)).isEqualTo(CITY.pipes());
            List<Integer> ranks = store.dsl().select(PIPE_BREAK_RISK_SCORES.RISK_RANK).from(PIPE_BREAK_RISK_SCORES)
                    .orderBy(PIPE_BREAK_RISK_SCORES.RISK_RANK).fetch(PIPE_BREAK_RISK_SCORES.RISK_RANK);
            assertThat(ranks).first().isEqualTo(1);
            assertThat(ranks).last().isEqualTo(CITY.pipes());
            assertThat(ranks).doesNotHaveDuplicates();
            var top = store.dsl().selectFrom(PIPE_BREAK_RISK_SCORES).where(PIPE_BREAK_RISK_SCORES.RISK_RANK.eq(1)).fetchOne();
            assertThat(top.getPercentile()).isEqualTo(100.0);
            assertThat(top.getRiskClass()).isEqualTo("very_high");
            assertThat(top.getDriver_1()).isNotBlank();
            assertThat(top.getDriver_1Contribution()).isPositive();
            assertThat(top.getRiskPerKm()).isPositive();
            assertThat(top.getRankPerKm()).isBetween(1, CITY.pipes());
            assertThat(top.getHorizonMonths()).isEqualTo(12);
            Record max = store.dsl().select(org.jooq.impl.DSL.max(PIPE_BREAK_RISK_SCORES.PROBABILITY),
                    org.jooq.impl.DSL.min(PIPE_BREAK_RISK_SCORES.PROBABILITY)).from(PIPE_BREAK_RISK_SCORES).fetchOne();
            assertThat((Double) max.get(0)).isEqualTo(top.getProbability()).isLessThan(1.0);
            assertThat((Double) max.get(1)).isPositive();

            // scoring again replaces, never duplicates: an asset no longer scored that month goes, another month stays
            var stale = store.dsl().selectFrom(PIPE_BREAK_RISK_SCORES).limit(1).fetchOne();
            stale.setAssetId("no-longer-an-asset");
            store.dsl().insertInto(PIPE_BREAK_RISK_SCORES).set(stale).execute();
            stale.setAssetId("other-month");
            stale.setScoreMonth(stale.getScoreMonth().minusMonths(1));
            store.dsl().insertInto(PIPE_BREAK_RISK_SCORES).set(stale).execute();
            ml.score(m.modelId(), YearMonth.of(2010, 12), RiskBands.parse("top:90,rest:0"));
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES, PIPE_BREAK_RISK_SCORES.ASSET_ID
                    .eq("no-longer-an-asset"))).isZero();
            assertThat(store.dsl().deleteFrom(PIPE_BREAK_RISK_SCORES)
                    .where(PIPE_BREAK_RISK_SCORES.ASSET_ID.eq("other-month")).execute()).as("the other month stays")
                    .isEqualTo(1);
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES)).isEqualTo(CITY.pipes());
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES, PIPE_BREAK_RISK_SCORES.RISK_CLASS.eq("top")))
                    .isEqualTo(30);
        }
    }

    @Test
    void scoringRefusesAnArtifactThatChangedAfterTraining() throws Exception {
        try (BreakwaterStore store = store(TestStores.Kind.DUCKDB, "t")) {
            RiskModels ml = ml(store, "models");
            ModelInfo m = ml.train(config()).model();
            Files.write(Path.of(m.artifactPath()), new byte[] {1}, StandardOpenOption.APPEND);
            assertThatThrownBy(() -> ml.score(m.modelId(), YearMonth.of(2010, 12), RiskBands.defaults()))
                    .isInstanceOf(BreakwaterException.class)
                    .satisfies(e -> assertThat(((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.MODEL_INVALID))
                    .hasMessageContaining(m.artifactSha256()).hasMessageContaining("refusing to score");
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES)).isZero();
        }
    }

    @Test
    void sameDataConfigAndSeedGiveTheSameModelMetricsAndScores() throws Exception {
        try (BreakwaterStore a = store(TestStores.Kind.DUCKDB, "a"); BreakwaterStore b = store(TestStores.Kind.SQLITE, "b")) {
            TrainingResult ra = ml(a, "ma").train(config());
            TrainingResult rb = ml(b, "mb").train(config());
            assertThat(rb.model().trainingDataHash()).isEqualTo(ra.model().trainingDataHash());
            assertThat(rb.model().artifactSha256()).isEqualTo(ra.model().artifactSha256());
            assertThat(rb.model().modelId()).isEqualTo(ra.model().modelId());
            assertThat(rb.validation()).isEqualTo(ra.validation());
            ml(a, "ma").score(ra.model().modelId(), YearMonth.of(2010, 12), RiskBands.defaults());
            ml(b, "mb").score(rb.model().modelId(), YearMonth.of(2010, 12), RiskBands.defaults());
            var fields = List.of(PIPE_BREAK_RISK_SCORES.ASSET_ID, PIPE_BREAK_RISK_SCORES.PROBABILITY,
                    PIPE_BREAK_RISK_SCORES.RISK_RANK, PIPE_BREAK_RISK_SCORES.RISK_CLASS, PIPE_BREAK_RISK_SCORES.DRIVER_1);
            assertThat(b.dsl().select(fields).from(PIPE_BREAK_RISK_SCORES).orderBy(PIPE_BREAK_RISK_SCORES.ASSET_ID)
                    .fetch().intoArrays()).isEqualTo(a.dsl().select(fields).from(PIPE_BREAK_RISK_SCORES)
                    .orderBy(PIPE_BREAK_RISK_SCORES.ASSET_ID).fetch().intoArrays());
        }
    }

    @Test
    void changingLabelsInsideTheTestWindowLeavesTheTrainedModelIdentical() throws Exception {
        try (BreakwaterStore store = store(TestStores.Kind.DUCKDB, "l")) {
            YearMonth cutoff = YearMonth.of(2009, 1);
            TrainingConfig config = config().withCutoff(cutoff);
            ModelInfo before = ml(store, "m1").train(config).model();
            // every row whose label window reaches into the test window [2009-01, 2009-12]: flip its label
            int changed = store.dsl().update(PIPE_FEATURES_MONTHLY)
                    .set(PIPE_FEATURES_MONTHLY.LABEL_ANY, org.jooq.impl.DSL.not(PIPE_FEATURES_MONTHLY.LABEL_ANY))
                    .set(PIPE_FEATURES_MONTHLY.LABEL_BREAKS, PIPE_FEATURES_MONTHLY.LABEL_BREAKS.plus(3))
                    .where(PIPE_FEATURES_MONTHLY.MONTH_START.ge(cutoff.minusMonths(12).atDay(1)))
                    .and(PIPE_FEATURES_MONTHLY.LABEL_ANY.isNotNull()).execute();
            assertThat(changed).isGreaterThan(CITY.pipes() * 12);
            ModelInfo after = ml(store, "m2").train(config).model();
            assertThat(after.trainingDataHash()).isEqualTo(before.trainingDataHash());
            assertThat(after.artifactSha256()).isEqualTo(before.artifactSha256());
            assertThat(after.calibration()).isEqualTo(before.calibration());

            // a label inside the training window does change the model: the test above is not vacuous
            store.dsl().update(PIPE_FEATURES_MONTHLY)
                    .set(PIPE_FEATURES_MONTHLY.LABEL_ANY, org.jooq.impl.DSL.not(PIPE_FEATURES_MONTHLY.LABEL_ANY))
                    .where(PIPE_FEATURES_MONTHLY.MONTH_START.eq(YearMonth.of(2005, 6).atDay(1))).execute();
            ModelInfo touched = ml(store, "m3").train(config).model();
            assertThat(touched.trainingDataHash()).isNotEqualTo(before.trainingDataHash());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"LOGISTIC", "JAVA_GBM"})
    void otherLearnersTrainReloadAndScore(Algorithm algorithm) throws Exception {
        try (BreakwaterStore store = store(TestStores.Kind.DUCKDB, algorithm.id())) {
            RiskModels ml = ml(store, "models");
            TrainingResult r = ml.train(config().withAlgorithm(algorithm));
            assertThat(r.model().algorithm()).isEqualTo(algorithm.id());
            assertThat(r.validation().stream().filter(v -> v.scorer().equals("model")).findFirst().orElseThrow()
                    .get("roc_auc")).isGreaterThan(0.6);
            ScoringResult s = ml.score(r.model().modelId(), YearMonth.of(2010, 12), RiskBands.defaults());
            assertThat(s.assetsScored()).isEqualTo(CITY.pipes());
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES, PIPE_BREAK_RISK_SCORES.DRIVER_1.isNotNull()))
                    .isGreaterThan(CITY.pipes() / 2);
        }
    }

    @Test
    void aCountModelPredictsExpectedBreaksCloseToTheActualTotal() throws Exception {
        try (BreakwaterStore store = store(TestStores.Kind.DUCKDB, "c")) {
            RiskModels ml = ml(store, "models");
            EvaluationResult e = ml.evaluate(config().withTarget(Target.BREAK_COUNT), List.of(2010));
            assertThat(e.metric("model", "2010", "predicted_actual_breaks_ratio")).isBetween(0.6, 1.5);
            assertThat(e.metric("model", "2010", "roc_auc")).isGreaterThan(e.metric("random", "2010", "roc_auc"));
            ScoringResult s = ml.score(e.modelIds().get(0), YearMonth.of(2010, 12), RiskBands.defaults());
            assertThat(store.dsl().fetchCount(PIPE_BREAK_RISK_SCORES, PIPE_BREAK_RISK_SCORES.EXPECTED_BREAKS.isNotNull()))
                    .isEqualTo(CITY.pipes());
            assertThat(s.expectedBreaks()).isPositive();
        }
    }

    @Test
    void anUnknownFeatureSetIsAOneLineConfigurationError() throws Exception {
        try (BreakwaterStore store = store(TestStores.Kind.DUCKDB, "u")) {
            assertThatThrownBy(() -> ml(store, "m").train(TrainingConfig.of("nope@1")))
                    .isInstanceOf(BreakwaterException.class).hasMessageContaining("feature set 'nope@1'")
                    .hasMessageContaining(FS);
        }
    }
}
