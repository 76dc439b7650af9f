package io.breakwater.pipeline;

import io.breakwater.synth.CityFiles;
import java.util.List;

/** The pipeline sources of a synthetic city: its districts, breaks, ECCC climate, soil layer and pipe inventory. */
final class CitySources {
    private CitySources() {
    }

    static PipelineConfig.Sources of(CityFiles city) {
        return new PipelineConfig.Sources(
                new PipelineConfig.Source(city.areasMapping().toString(), city.areasGeoJson().toString()),
                List.of(new PipelineConfig.Source(city.breaksMapping().toString(), city.breaksCsv().toString())),
                List.of(new PipelineConfig.Source(city.ecccMapping().toString(), city.ecccDirectory().toString())),
                new PipelineConfig.Source(city.soilMapping().toString(), city.soilGeoJson().toString()),
                new PipelineConfig.Source(city.pipesMapping().toString(), city.pipesGeoJson().toString()));
    }
}
