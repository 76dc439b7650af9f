package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.features.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code features.period} (yearly snapshots by default at pipe grain) and {@code model.duckdbMemoryLimit}. */
class PipelineConfigPeriodTests {
    @TempDir
    Path dir;

    @BeforeEach
    void sourceFiles() throws Exception {
        Files.writeString(dir.resolve("breaks-mapping.yaml"), "source: x\n");
        Files.writeString(dir.resolve("breaks.csv"), "BREAK_DATE\n");
        Files.writeString(dir.resolve("areas-mapping.yaml"), "source: a\n");
        Files.writeString(dir.resolve("areas.geojson"), "{}");
        Files.writeString(dir.resolve("pipes-mapping.yaml"), "source: p\n");
        Files.writeString(dir.resolve("pipes.geojson"), "{}");
    }

    private PipelineConfig read(String features, String model) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, """
                database: bw.duckdb
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  pipes: { mapping: pipes-mapping.yaml, file: pipes.geojson }
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                features: %s
                model: %s
                """.formatted(features, model));
        return PipelineConfig.read(file);
    }

    @Test
    void pipeGrainSnapshotsYearlyByDefaultAndCoarseGrainsMonthly() throws Exception {
        PipelineConfig pipes = read("{ grain: pipe }", "{}");
        assertThat(pipes.features().period()).isEqualTo("year");
        assertThat(Pipeline.of(pipes).featureDefinition().period()).isEqualTo(Period.YEAR);
        assertThat(Pipeline.of(pipes).featureDefinition().definitionJson()).contains("\"period\":\"year\"");
        PipelineConfig areas = read("{ grain: area }", "{}");
        assertThat(areas.features().period()).isEqualTo("month");
        assertThat(Pipeline.of(areas).featureDefinition().definitionJson()).doesNotContain("period");
        PipelineConfig monthlyPipes = read("{ grain: pipe, period: month, horizon: 3 }", "{}");
        assertThat(Pipeline.of(monthlyPipes).featureDefinition().period()).isEqualTo(Period.MONTH);
    }

    @Test
    void aWrongPeriodOrAShortHorizonOnYearlySnapshotsIsNamedByItsKey() {
        assertThatThrownBy(() -> read("{ grain: pipe, period: week }", "{}"))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("features.period: 'week' is not one of month, year");
        assertThatThrownBy(() -> read("{ grain: pipe, horizon: 3 }", "{}"))
                .hasMessageContaining("features.period: yearly snapshots take horizon 12")
                .hasMessageContaining("set period: month for a shorter horizon");
    }

    @Test
    void theDuckDbMemoryLimitIsCheckedAndAppliedToTheRunsStore() throws Exception {
        assertThat(read("{ grain: area }", "{}").model().duckdbMemoryLimit()).isEqualTo("2GB");
        assertThatThrownBy(() -> read("{ grain: area }", "{ duckdbMemoryLimit: lots }"))
                .hasMessageContaining("model.duckdbMemoryLimit: 'lots' is not a size such as 2GB or 512MB");
        PipelineConfig config = read("{ grain: area }", "{ duckdbMemoryLimit: 700MB }");
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("bw.duckdb").toString())) {
            // the features stage refuses an empty store, after the limit was set
            assertThatThrownBy(() -> Pipeline.of(config).stages(Stage.FEATURES, Stage.FEATURES).run(store))
                    .isInstanceOf(BreakwaterException.class);
            try (Statement s = store.connection().createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('memory_limit')")) {
                rs.next();
                assertThat(rs.getString(1)).matches("6[0-9]{2}\\.[0-9] MiB");
            }
        }
    }
}
