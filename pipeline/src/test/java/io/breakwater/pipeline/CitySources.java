package io.breakwater.pipeline;

import io.breakwater.synth.CityFiles;
import io.breakwater.synth.SyntheticCity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The shared fixture of the pipeline tests on a synthetic city: the city written into a folder, its pipeline sources
 * (districts, breaks, ECCC climate, soil layer and pipe inventory), a config on them, and the tests' fixed clock.
 */
final class CitySources {
    /** The clock every pipeline test runs at. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private CitySources() {
    }

    /** A synthetic city of {@code pipes} pipes over {@code years} years from {@code firstYear}, in DIR/city. */
    static CityFiles write(Path dir, int pipes, int years, int firstYear, long seed) {
        return SyntheticCity.builder().pipes(pipes).years(years).firstYear(firstYear).seed(seed).build()
                .writeTo(dir.resolve("city")).files();
    }

    static PipelineConfig.Sources of(CityFiles city) {
        return new PipelineConfig.Sources(
                new PipelineConfig.Source(city.areasMapping().toString(), city.areasGeoJson().toString()),
                List.of(new PipelineConfig.Source(city.breaksMapping().toString(), city.breaksCsv().toString())),
                List.of(new PipelineConfig.Source(city.ecccMapping().toString(), city.ecccDirectory().toString())),
                new PipelineConfig.Source(city.soilMapping().toString(), city.soilGeoJson().toString()),
                new PipelineConfig.Source(city.pipesMapping().toString(), city.pipesGeoJson().toString()));
    }

    /** The city's pipeline: {@code features}, an XGBoost any-break model of {@code seed}, models in DIR/models. */
    static PipelineConfig config(CityFiles city, PipelineConfig.Features features, long seed, Path dir) {
        return new PipelineConfig(null, of(city), features,
                new PipelineConfig.Model("xgboost", seed, null, null, "latest", List.of("any_break")),
                new PipelineConfig.Outputs(null, null, dir.resolve("models").toString()));
    }
}
