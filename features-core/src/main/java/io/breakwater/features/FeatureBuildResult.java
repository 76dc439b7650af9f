package io.breakwater.features;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a feature build wrote, fit for JSON and reports.
 *
 * @param featureSetId        {@code name@version}
 * @param definitionHash      SHA-256 of the definition
 * @param grain               {@code pipe}, {@code area} or {@code grid:SIZE}
 * @param horizonMonths       label horizon
 * @param firstMonth          the panel's first month
 * @param lastMonth           the panel's last month
 * @param assetCount          assets in the panel
 * @param monthCount          months in the panel
 * @param rowCount            rows written to {@code pipe_features_monthly} (assets x months, or x snapshots)
 * @param neighbourPairs      rows written to {@code asset_neighbours}
 * @param breaksInPanel       breaks counted on some asset
 * @param breaksUnassigned    breaks in the panel's months that belong to no asset (no pipe, no area, outside the grid)
 * @param breaksBeforeInstall pipe grain: breaks dated before their pipe's install year (flagged)
 * @param climateSeriesId     the climate series read, or {@code null} when the store holds none
 * @param inputRuns           the ingest runs whose rows were read
 * @param asOf                the build's as-of time
 * @param replacedPrevious    whether an earlier build of the same feature set was replaced
 * @param stepTimings         duration of each step, in order
 * @param total               the whole build
 * @param period              {@code month} or {@code year}: how often each asset is snapshot ({@link Period})
 */
public record FeatureBuildResult(String featureSetId, String definitionHash, String grain, int horizonMonths,
        YearMonth firstMonth, YearMonth lastMonth, long assetCount, int monthCount, long rowCount,
        long neighbourPairs, long breaksInPanel, long breaksUnassigned, long breaksBeforeInstall,
        String climateSeriesId, List<Long> inputRuns, Instant asOf, boolean replacedPrevious,
        Map<String, Duration> stepTimings, Duration total, String period) {

    public FeatureBuildResult {
        inputRuns = List.copyOf(inputRuns);
        stepTimings = Collections.unmodifiableMap(new LinkedHashMap<>(stepTimings));
        period = period == null ? Period.MONTH.id() : period;
    }

    /** A monthly panel's result. */
    public FeatureBuildResult(String featureSetId, String definitionHash, String grain, int horizonMonths,
            YearMonth firstMonth, YearMonth lastMonth, long assetCount, int monthCount, long rowCount,
            long neighbourPairs, long breaksInPanel, long breaksUnassigned, long breaksBeforeInstall,
            String climateSeriesId, List<Long> inputRuns, Instant asOf, boolean replacedPrevious,
            Map<String, Duration> stepTimings, Duration total) {
        this(featureSetId, definitionHash, grain, horizonMonths, firstMonth, lastMonth, assetCount, monthCount,
                rowCount, neighbourPairs, breaksInPanel, breaksUnassigned, breaksBeforeInstall, climateSeriesId,
                inputRuns, asOf, replacedPrevious, stepTimings, total, null);
    }

    /** "{@code N months}", or for yearly snapshots "{@code K yearly snapshots}" (the Decembers and the last month). */
    public String snapshots() {
        if (Period.YEAR.id().equals(period)) {
            int decembers = 0;
            for (YearMonth m = firstMonth; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
                decembers += m.getMonthValue() == 12 ? 1 : 0;
            }
            return (lastMonth.getMonthValue() == 12 ? decembers : decembers + 1) + " yearly snapshots";
        }
        return monthCount + " months";
    }
}
