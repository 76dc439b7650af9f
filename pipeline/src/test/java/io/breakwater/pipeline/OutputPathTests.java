package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output path of the wrong kind is refused before any stage runs, not after the BI stage rebuilt its tables. */
class OutputPathTests {
    private static final Path SAMPLE = Path.of("..", "sample-data", "toronto");

    @TempDir
    Path dir;

    @Test
    void aReportPathThatIsAFolderOrAPowerBiPathThatIsAFileStopsTheRunBeforeItStarts() throws Exception {
        PipelineConfig config = PipelineConfig.read(SAMPLE.resolve("pipeline.yaml")).withOutputFolder(dir);
        Files.createDirectories(Path.of(config.outputs().report()));
        try (BreakwaterStore store = BreakwaterStore.open("memory")) {
            assertThatThrownBy(() -> Pipeline.of(config).run(store)).isInstanceOf(BreakwaterException.class)
                    .satisfies(e -> assertThat(((BreakwaterException) e).errorCode())
                            .isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                    .hasMessageContaining("outputs.report: " + config.outputs().report() + " is a folder");
            assertThat(store.dsl().fetchCount(INGEST_RUNS)).as("no stage ran").isZero();
        }
        Files.delete(Path.of(config.outputs().report()));
        Files.writeString(Path.of(config.outputs().powerbi()), "not a folder");
        try (BreakwaterStore store = BreakwaterStore.open("memory")) {
            assertThatThrownBy(() -> Pipeline.of(config).run(store)).hasMessageContaining("outputs.powerbi")
                    .hasMessageContaining("is a file");
            // a run that stops before BI does not need the BI outputs
            Pipeline.of(config).stages(Stage.INGEST, Stage.INGEST).run(store);
            assertThat(store.dsl().fetchCount(INGEST_RUNS)).isPositive();
        }
    }
}
