package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.pipeline.CitySources.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.ModelInfo;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.synth.CityFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leakage, end to end: the break records themselves are changed after the cut-off, the feature panel is rebuilt from
 * them by the real feature stage, and the model trained at that cut-off comes out byte for byte the same. Changing a
 * record inside the training window does change it, so the test can fail.
 */
class BreakRecordLeakageIntegrationTests {
    private static final long SEED = 77;
    private static final YearMonth CUTOFF = YearMonth.of(2021, 1);

    @TempDir
    Path dir;

    @Test
    void breakRecordsFromTheCutOffOnNeverReachTheTrainedModel() throws Exception {
        CityFiles city = CitySources.write(dir, 800, 10, 2015, SEED);
        PipelineConfig config = CitySources.config(city,
                new PipelineConfig.Features("pipe", 12, "leakage", "1"), SEED, dir);
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("leakage.duckdb").toString())) {
            Pipeline features = Pipeline.of(config.withDatabase(store.location().describe())).clock(CLOCK);
            String featureSet = features.stages(Stage.INGEST, Stage.FEATURES).run(store).featureSetId();
            TrainingConfig training = TrainingConfig.of(featureSet).withSeed(SEED).withCutoff(CUTOFF)
                    .withHyper(HyperParameters.defaults().withTrees(60).withMaxDepth(4));
            ModelInfo before = train(store, training, "before");

            // the test window (2021) and everything after it: drop a third of the breaks, put another third on one pipe
            var atOrAfterCutoff = PIPE_BREAKS_CLEAN.BREAK_YEAR.ge(CUTOFF.getYear());
            int total = store.dsl().fetchCount(PIPE_BREAKS_CLEAN, atOrAfterCutoff);
            int dropped = store.dsl().deleteFrom(PIPE_BREAKS_CLEAN).where(atOrAfterCutoff)
                    .and(PIPE_BREAKS_CLEAN.SOURCE_LINE.mod(3L).eq(0L)).execute();
            String onePipe = store.dsl().select(DSL.min(PIPES.PIPE_ID)).from(PIPES).fetchOne().value1();
            int moved = store.dsl().update(PIPE_BREAKS_CLEAN).set(PIPE_BREAKS_CLEAN.PIPE_ID, onePipe)
                    .where(atOrAfterCutoff).and(PIPE_BREAKS_CLEAN.SOURCE_LINE.mod(3L).eq(1L)).execute();
            assertThat(total).as("breaks from the cut-off on").isGreaterThan(50);
            assertThat(dropped).isPositive();
            assertThat(moved).isPositive();
            features.stages(Stage.FEATURES, Stage.FEATURES).run(store);
            ModelInfo after = train(store, training, "after");
            assertThat(after.trainingDataHash()).isEqualTo(before.trainingDataHash());
            assertThat(after.artifactSha256()).isEqualTo(before.artifactSha256());
            assertThat(after.calibration()).isEqualTo(before.calibration());
            assertThat(Files.readAllBytes(Path.of(after.artifactPath())))
                    .isEqualTo(Files.readAllBytes(Path.of(before.artifactPath())));

            // the same change a year before the calibration block reaches the model
            var trainingYear = PIPE_BREAKS_CLEAN.BREAK_YEAR.eq(2017);
            assertThat(store.dsl().deleteFrom(PIPE_BREAKS_CLEAN).where(trainingYear)
                    .and(PIPE_BREAKS_CLEAN.SOURCE_LINE.mod(3L).eq(0L)).execute()).isPositive();
            features.stages(Stage.FEATURES, Stage.FEATURES).run(store);
            ModelInfo touched = train(store, training, "touched");
            assertThat(touched.trainingDataHash()).isNotEqualTo(before.trainingDataHash());
            assertThat(touched.artifactSha256()).isNotEqualTo(before.artifactSha256());
        }
    }

    private ModelInfo train(BreakwaterStore store, TrainingConfig training, String folder) {
        return RiskModels.using(store).artifactDirectory(dir.resolve(folder)).clock(CLOCK).build().train(training)
                .model();
    }
}
