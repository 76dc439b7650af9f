package io.breakwater.forecast;

import java.time.YearMonth;

/**
 * One area-month or network-month observed against the forecast made at the January before it.
 *
 * @param expected        that forecast's mean given the month's observed weather (weather unknown where the station
 *                        has no record of the month, or for a calendar-only method); {@code lower95}..{@code upper95}
 *                        its 95% interval
 * @param tailProbability P(at least {@code observed}) under it when {@code direction} is "high", P(at most) when "low"
 * @param tailProbabilityNormal P(at least {@code observed}) under the same forecast in a normal winter
 * @param lower95Cold     the 95% interval of the same forecast under the 1-in-10 cold winter, with {@code upper95Cold}
 * @param driver          for a flagged month: freezing_index_extreme, near_duplicate_cluster, data_gap or unexplained
 */
public record Anomaly(String scope, String areaId, YearMonth month, int observed, double expected, int lower95,
        int upper95, double tailProbability, double expectedNormal, int upper95Normal, double tailProbabilityNormal,
        int lower95Cold, int upper95Cold, String direction, boolean flagged, String driver, String driverDetail,
        double freezingIndex) {
}
