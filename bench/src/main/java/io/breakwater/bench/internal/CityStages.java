package io.breakwater.bench.internal;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.pipeline.Stage;
import java.time.Clock;

/** Runs stages of a {@link CityRun}'s pipeline config on an open store. */
public final class CityStages {
    private CityStages() {
    }

    public static PipelineResult run(CityRun city, BreakwaterStore store, Stage first, Stage last, Clock clock,
            ProgressListener progress) {
        PipelineConfig config = PipelineConfig.read(city.config()).withDatabase(store.location().describe());
        return Pipeline.of(config).clock(clock).progress(progress).stages(first, last).run(store);
    }
}
