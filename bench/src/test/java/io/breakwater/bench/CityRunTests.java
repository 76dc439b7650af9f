package io.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.bench.internal.CityRun;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ProgressListener;
import io.breakwater.pipeline.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark's city comes with a pipeline config the pipeline reads, settings from the command line included. */
class CityRunTests {
    @TempDir
    Path dir;

    @Test
    void theConfigNamesEverySourceOfTheCityAndTakesSettings() {
        CityRun run = CityRun.write(dir, 40, 2, 7, dir.resolve("bench.duckdb").toString(),
                List.of("features.horizon=3", "features.period=month", "forecast.enabled=false"), ProgressListener.NONE);
        PipelineConfig config = PipelineConfig.read(run.config());
        assertThat(config.features().grain()).isEqualTo("pipe");
        assertThat(config.features().horizon()).isEqualTo(3);
        assertThat(config.features().period()).isEqualTo("month");
        assertThat(config.sources().breaks()).hasSize(1);
        assertThat(Path.of(config.sources().pipes().file())).exists();
        assertThat(Path.of(config.sources().climate().get(0).file())).isDirectory();
        assertThat(run.city().pipes()).isEqualTo(40);
        assertThat(Files.exists(dir.resolve("city").resolve("city.json"))).isTrue();
    }

    @Test
    void aSettingWithoutAValueIsRefusedWithAnExample() {
        assertThatThrownBy(() -> CityRun.write(dir, 8, 1, 1, "memory", List.of("model.threads"), ProgressListener.NONE))
                .isInstanceOf(BreakwaterException.class)
                .hasMessage("pipeline setting 'model.threads': expected section.key=value, e.g. model.negativeRate=0.05");
    }

    @Test
    void peakResidentMemoryAndLoadAreRead() {
        assertThat(ProcessFigures.peakResidentBytes()).isGreaterThan(1L << 20);
        assertThat(ProcessFigures.loadAverage()).matches("[0-9.]+ [0-9.]+ [0-9.]+");
    }
}
