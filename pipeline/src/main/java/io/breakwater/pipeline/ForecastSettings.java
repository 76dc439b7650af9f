package io.breakwater.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The {@code forecast:} keys of a pipeline config (docs/forecast.md); every key may be left out.
 *
 * @param enabled       false skips the stage
 * @param threshold     tail probability below which a month is flagged, in (0, 0.5); default 0.01
 * @param testYears     back-test years, 1 to 30; default 5
 * @param horizon       months forecast, 1 to 36; default 12
 * @param climateSeries the climate series to read; default {@code features.climateSeries}, which defaults to the only
 *                      series, or of several the one with the most observed months
 */
public record ForecastSettings(Boolean enabled, Double threshold, Integer testYears, Integer horizon,
        String climateSeries) {
    @JsonCreator
    public ForecastSettings {
        enabled = enabled == null || enabled;
        threshold = threshold == null ? 0.01 : threshold;
        testYears = testYears == null ? 5 : testYears;
        horizon = horizon == null ? 12 : horizon;
    }

    /** The same settings reading {@code series}. */
    ForecastSettings withClimateSeries(String series) {
        return new ForecastSettings(enabled, threshold, testYears, horizon, series);
    }

    /** Adds a line per key that cannot work to {@code problems}. */
    void check(List<String> problems) {
        if (!(threshold > 0 && threshold < 0.5)) {
            problems.add("forecast.threshold: " + threshold + " is not a tail probability above 0 and below 0.5 "
                    + "(e.g. 0.01)");
        }
        if (testYears < 1 || testYears > 30) {
            problems.add("forecast.testYears: " + testYears + " is not in 1..30");
        }
        if (horizon < 1 || horizon > 36) {
            problems.add("forecast.horizon: " + horizon + " is not in 1..36 months");
        }
    }
}
