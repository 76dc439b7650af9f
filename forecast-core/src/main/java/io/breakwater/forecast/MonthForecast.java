package io.breakwater.forecast;

import java.time.YearMonth;

/**
 * Expected breaks in one month with 80% and 95% prediction intervals, for the network ({@code scope} "network",
 * {@code areaId} "*") or one area, under one weather scenario ("normal", "cold_1_in_10", "any_weather").
 * The scenario's freezing index and freeze-thaw days are NaN for "any_weather" and for a calendar-only method.
 */
public record MonthForecast(String scope, String areaId, YearMonth month, String scenario, double expected,
        int lower80, int upper80, int lower95, int upper95, double freezingIndex, double freezeThawDays) {
}
