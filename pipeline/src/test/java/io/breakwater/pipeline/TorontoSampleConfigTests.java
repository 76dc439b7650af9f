package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.etl.SourceMapping;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled Toronto pipeline reads, and each of its sources declares its own licence or credit. */
class TorontoSampleConfigTests {
    private static final Path SAMPLE = Path.of("..", "sample-data", "toronto");

    private static String attribution(PipelineConfig.Source source) {
        return SourceMapping.read(Path.of(source.mapping())).mapping().attribution();
    }

    @Test
    void everyTorontoSourceDeclaresItsAttribution() {
        PipelineConfig config = PipelineConfig.read(SAMPLE.resolve("pipeline.yaml"));
        assertThat(config.title()).isEqualTo("Toronto water main breaks and risk");
        PipelineConfig.Sources s = config.sources();
        assertThat(attribution(s.breaks().get(0))).contains("City of Toronto Open Data")
                .contains("Open Government Licence – Toronto");
        assertThat(attribution(s.areas())).contains("City of Toronto Open Data")
                .contains("Open Government Licence – Toronto");
        assertThat(attribution(s.climate().get(0))).contains("Environment and Climate Change Canada")
                .contains("Open Government Licence – Canada");
        assertThat(attribution(s.soil())).startsWith("Synthetic").doesNotContain("Licence");
        assertThat(SourceMapping.read(SAMPLE.resolve("climate-csv-daily-mapping.yaml")).mapping().attribution())
                .isEqualTo(attribution(s.climate().get(0)));
    }
}
