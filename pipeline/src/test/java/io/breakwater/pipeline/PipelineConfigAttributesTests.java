package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code features.attributes}: the extra attributes a pipeline's feature set uses. */
class PipelineConfigAttributesTests {
    @TempDir
    Path dir;

    @BeforeEach
    void sourceFiles() throws Exception {
        ConfigFolder.writeSources(dir);
    }

    private PipelineConfig read(String features) throws Exception {
        return ConfigFolder.read(dir, """
                database: bw.duckdb
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: breaks.csv }
                """ + features);
    }

    @Test
    void attributesReachTheFeatureSetDefinition() throws Exception {
        PipelineConfig config = read("features: { attributes: [lined, soil_code] }\n");
        assertThat(config.features().attributes()).containsExactly("lined", "soil_code");
        assertThat(read("features: { grain: area }\n").features().attributes()).isEmpty();
    }

    @Test
    void aBadAttributeNameIsNamedByItsKey() {
        assertThatThrownBy(() -> read("features: { attributes: [lined, 'soil code'] }\n"))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("features.attributes: 'soil code' is not an attribute name");
    }
}
