package io.breakwater.etl.climate;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One month of one series, as stored in {@code climate_monthly}. Temperatures are means of the daily values
 * (t_min is the mean daily minimum, t_max the mean daily maximum, as NOAA GSOM publishes them). Sums and day counts
 * (precipitation, snowfall, freezing index, frost and freeze-thaw days) are {@code null} when their part of the
 * month is incomplete, because a partial sum would understate the month; means are kept from the observed days
 * whenever there is at least one. A month without observations has every value {@code null}: it is reported,
 * never invented.
 *
 * @param seriesId           the station id or the merged series name
 * @param month              the month
 * @param tMean              mean of the daily means, degC
 * @param tMin               mean daily minimum, degC
 * @param tMax               mean daily maximum, degC
 * @param precipMm           total precipitation, mm
 * @param snowCm             total snowfall, cm
 * @param freezingIndex      sum over the days of max(0, -daily mean), degree-days below 0 degC
 * @param frostDays          days whose minimum is below 0 degC
 * @param freezeThawDays     days whose maximum is above 0 degC and minimum below 0 degC
 * @param tMeanChange        t_mean minus the previous month's t_mean
 * @param daysObserved       days with any observation
 * @param tempDaysObserved   days with both maximum and minimum temperature
 * @param precipDaysObserved days with precipitation
 * @param tempComplete       the temperature part meets the completeness rule
 * @param precipComplete     the precipitation part meets the completeness rule
 * @param sourceStation      the station that supplied the month (for a merged series; the station itself otherwise)
 */
public record ClimateMonth(String seriesId, YearMonth month, Double tMean, Double tMin, Double tMax, Double precipMm,
        Double snowCm, Double freezingIndex, Integer frostDays, Integer freezeThawDays, Double tMeanChange,
        int daysObserved, int tempDaysObserved, int precipDaysObserved, boolean tempComplete,
        boolean precipComplete, String sourceStation) {

    public LocalDate monthStart() {
        return month.atDay(1);
    }

    public int daysInMonth() {
        return month.lengthOfMonth();
    }

    /** No observation at all this month. */
    public boolean isEmpty() {
        return daysObserved == 0 && tMean == null && precipMm == null;
    }

    ClimateMonth withSeries(String series, String source) {
        return new ClimateMonth(series, month, tMean, tMin, tMax, precipMm, snowCm, freezingIndex, frostDays,
                freezeThawDays, tMeanChange, daysObserved, tempDaysObserved, precipDaysObserved, tempComplete,
                precipComplete, source);
    }

    ClimateMonth withChange(Double change) {
        return new ClimateMonth(seriesId, month, tMean, tMin, tMax, precipMm, snowCm, freezingIndex, frostDays,
                freezeThawDays, change, daysObserved, tempDaysObserved, precipDaysObserved, tempComplete,
                precipComplete, sourceStation);
    }
}
