package io.breakwater.pipeline;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.forecast.ForecastResult;
import io.breakwater.forecast.Forecasts;
import java.time.Clock;
import java.util.List;

/** The forecast stage of a pipeline run: skipped when the config turns it off or the history is too short. */
final class ForecastStage {
    private ForecastStage() {
    }

    static List<String> run(BreakwaterStore store, ForecastSettings config, Clock clock) {
        if (!config.enabled()) {
            return List.of("forecast skipped: forecast.enabled is false");
        }
        Forecasts forecasts = Forecasts.on(store).clock(clock).anomalyThreshold(config.threshold())
                .testYears(config.testYears()).horizonMonths(config.horizon()).climateSeries(config.climateSeries())
                .build();
        if (!forecasts.hasEnoughHistory()) {
            return List.of("forecast skipped: the break history is shorter than the "
                    + Forecasts.MIN_HISTORY_YEARS + " complete years a forecast and its back-test need");
        }
        ForecastResult result = forecasts.run();
        return List.of(result.summary());
    }
}
