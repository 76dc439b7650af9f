package io.breakwater.forecast;

import java.time.YearMonth;

/**
 * Expected breaks of one pipe in one month, where the feature panel's grain is pipe: its area's forecast ({@code
 * areaId}) apportioned by the pipe's share of the area's risk scores, with 80% and 95% intervals in a normal winter
 * and the expectation and 95% upper bound of a cold 1-in-10 winter.
 */
public record PipeForecast(String assetId, String areaId, YearMonth month, double riskShare, double expected,
        int lower80, int upper80, int lower95, int upper95, double expectedCold, int upper95Cold) {
}
