package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.FORECAST_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ClimateSeries;
import io.breakwater.synth.CityFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city whose climate comes from two stations (the synthetic city's ECCC and GHCN-Daily files): the pipeline runs
 * without being told which to read, the panel and the forecast read the same one, and naming the other moves both.
 */
class TwoClimateStationsIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void thePanelAndTheForecastReadOneStationTheDefaultOrTheOneNamed() {
        CityFiles city = CitySources.write(dir, 300, 8, 2015, 3);
        PipelineConfig.Sources one = CitySources.of(city);
        PipelineConfig.Sources both = new PipelineConfig.Sources(one.areas(), one.breaks(),
                List.of(one.climate().get(0), new PipelineConfig.Source(city.ghcnMapping().toString(),
                        city.ghcnCsv().toString())), one.soil(), one.pipes());
        PipelineConfig.Features features = new PipelineConfig.Features("pipe", 12, "stations", "1");

        String other;
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("default.duckdb").toString())) {
            run(store, config(both, features));
            List<String> series = ClimateSeries.byObservedMonths(store.dsl());
            assertThat(series).hasSize(2);
            assertThat(readBy(store)).containsExactly(series.get(0), series.get(0));
            other = series.get(1);
        }
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("named.duckdb").toString())) {
            PipelineConfig.Features named = new PipelineConfig.Features("pipe", 12, "stations", "1", null, null,
                    List.of(), null, other);
            run(store, config(both, named));
            assertThat(readBy(store)).containsExactly(other, other);
        }
    }

    private PipelineConfig config(PipelineConfig.Sources sources, PipelineConfig.Features features) {
        return new PipelineConfig(null, sources, features,
                new PipelineConfig.Model("xgboost", 3L, null, null, "latest", List.of("any_break")),
                new PipelineConfig.Outputs(null, null, dir.resolve("models").toString()), null, null);
    }

    /** Ingest and features, then the forecast alone: the model stages are not what this is about. */
    private static void run(BreakwaterStore store, PipelineConfig config) {
        PipelineConfig here = config.withDatabase(store.location().describe());
        Pipeline.of(here).clock(CitySources.CLOCK).stages(Stage.INGEST, Stage.FEATURES).run(store);
        Pipeline.of(here).clock(CitySources.CLOCK).stages(Stage.FORECAST, Stage.FORECAST).run(store);
    }

    /** The series the feature set read and the series the forecast read. */
    private static List<String> readBy(BreakwaterStore store) {
        return List.of(store.dsl().select(FEATURE_SETS.CLIMATE_SERIES_ID).from(FEATURE_SETS).fetchSingle().value1(),
                store.dsl().select(FORECAST_RUNS.CLIMATE_SERIES).from(FORECAST_RUNS).fetchSingle().value1());
    }
}
