package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTests {
    @TempDir
    Path dir;

    @BeforeEach
    void sourceFiles() throws Exception {
        Files.writeString(dir.resolve("breaks-mapping.yaml"), "source: x\n");
        Files.writeString(dir.resolve("breaks.csv"), "BREAK_DATE\n");
        Files.writeString(dir.resolve("areas-mapping.yaml"), "source: a\n");
        Files.writeString(dir.resolve("areas.geojson"), "{}");
    }

    private PipelineConfig read(String yaml) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return PipelineConfig.read(file);
    }

    @Test
    void aValidConfigResolvesPathsAgainstItsFolderAndFillsDefaults() throws Exception {
        PipelineConfig config = read("""
                database: out/breakwater.duckdb
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: breaks.csv }
                outputs: { report: out/report.html }
                """);
        assertThat(config.database()).isEqualTo(dir.resolve("out/breakwater.duckdb").toString());
        assertThat(config.sources().breaks().get(0).file()).isEqualTo(dir.resolve("breaks.csv").toString());
        assertThat(config.features().grain()).isEqualTo("area");
        assertThat(config.features().horizon()).isEqualTo(12);
        assertThat(config.model().algorithm()).isEqualTo("xgboost");
        assertThat(config.model().seed()).isEqualTo(42L);
        assertThat(config.outputs().report()).isEqualTo(dir.resolve("out/report.html").toString());
        assertThat(config.outputs().powerbi()).isNull();
    }

    @Test
    void everyProblemIsNamedByItsKeyBeforeAnythingRuns() {
        assertThatThrownBy(() -> read("""
                database: bw.sqlite
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: missing.csv }
                features: { grain: hexagon, horizon: 5 }
                model: { algorithm: forest, scoreMonth: 2016-13 }
                """))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("sources.breaks[0].file: no such file or folder " + dir.resolve("missing.csv"))
                .hasMessageContaining("features.grain: 'hexagon' is not one of pipe, area, grid:SIZE")
                .hasMessageContaining("features.horizon: 5 is not one of 1, 3, 12")
                .hasMessageContaining("model.algorithm: 'forest' is not one of xgboost")
                .hasMessageContaining("model.scoreMonth: '2016-13' is not YYYY-MM");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> read("""
                database: bw.duckdb
                sources:
                  breaks:
                    - { mapping: breaks-mapping.yaml, flie: breaks.csv }
                """))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("sources.breaks[0].flie")
                .hasMessageContaining("Unrecognized field \"flie\"");
    }

    @Test
    void pipeGrainWithoutAPipeInventoryIsRefused() {
        assertThatThrownBy(() -> read("""
                database: bw.duckdb
                sources:
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                features: { grain: pipe }
                """))
                .hasMessageContaining("features.grain: 'pipe' needs sources.pipes");
    }

    @Test
    void aSoilTableKeyedByAreaNeedsTheAreasItsCodesName() throws Exception {
        Files.writeString(dir.resolve("soil-mapping.yaml"), "source: s\nkind: soil\nformat: { type: csv }\n"
                + "id: { columns: [AREA] }\nattributes:\n  corrosivity: { column: C }\n");
        Files.writeString(dir.resolve("soil.csv"), "AREA,C\nA,low\n");
        String config = """
                database: bw.duckdb
                sources:
                  %s
                  soil: { mapping: soil-mapping.yaml, file: soil.csv }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: breaks.csv }
                features: { grain: grid:500 }
                """;
        assertThatThrownBy(() -> read(config.formatted("")))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("sources.soil: a soil table keyed by area (format csv) needs sources.areas");
        assertThat(read(config.formatted("areas: { mapping: areas-mapping.yaml, file: areas.geojson }")).sources()
                .soil().file()).isEqualTo(dir.resolve("soil.csv").toString());
    }
}
