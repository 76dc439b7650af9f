package io.breakwater.etl.climate.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.breakwater.etl.climate.ClimateFormat;
import io.breakwater.etl.climate.ClimateMonth;
import io.breakwater.etl.climate.ClimateReading;
import io.breakwater.etl.climate.CompletenessRule;
import io.breakwater.etl.env.SourceReject;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * NOAA Global Summary of the Month CSV: {@code STATION, DATE (yyyy-MM), [NAME, ...,] PRCP (mm), SNOW (mm), TAVG, TMAX,
 * TMIN (degC, means of the daily values), DT32 (days with minimum at or below 0 degC), ...} with optional
 * {@code *_ATTRIBUTES}; the first whole number in an attribute is read as the count of missing days (GSOM publishes a
 * month with at most five). NOAA also publishes GSOM in "standard" units (degF, inches), converted here when the
 * mapping says so. GSOM has no freezing index or freeze-thaw count: those stay {@code null}.
 */
public final class GsomParser {
    /**
     * The highest monthly mean of daily maxima a metric file may hold: no station has recorded a month above about
     * 48 degC, while almost every station's summer in degF is above 50.
     */
    static final double MAX_MONTHLY_TMAX_C = 50;

    private GsomParser() {
    }

    /**
     * Reads a GSOM file; months outside 1800..{@code today} or physically impossible are rejected (ClimateRanges).
     * A file declared metric whose monthly maxima exceed {@value #MAX_MONTHLY_TMAX_C} degC is refused whole: it is
     * in standard units, and its cold months would otherwise load as plausible but wrong.
     *
     * @param standardUnits the file is in NOAA's standard units (degF, inches) and is converted to metric
     */
    public static ClimateReading parse(Path file, String stationOverride, CompletenessRule rule,
            java.time.LocalDate today, boolean standardUnits) {
        List<CsvRecord> records = CsvFile.read(file);
        NoaaColumns cols = new NoaaColumns(file, records.get(0), "STATION", "DATE");
        List<ClimateMonth> months = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        String firstStation = stationOverride;
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (!standardUnits) {
            refuseStandardUnits(file, records, cols);
        }
        for (int i = 1; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            String station = GhcnDailyParser.station(file, r, cols, stationOverride, rejects);
            if (station == null) {
                continue;
            }
            firstStation = firstStation == null ? station : firstStation;
            String dateText = cols.get(r, "DATE");
            YearMonth month;
            try {
                month = YearMonth.parse(dateText);
            } catch (DateTimeParseException e) {
                rejects.add(GhcnDailyParser.reject(file, r, cols, "DATE", dateText, "date_format",
                        "is not a month, expected yyyy-MM"));
                continue;
            }
            String[] names = {"TAVG", "TMIN", "TMAX", "PRCP", "SNOW", "DT32"};
            Double[] v = new Double[names.length];
            SourceReject bad = null;
            for (int k = 0; k < names.length; k++) {
                String raw = cols.get(r, names[k]);
                try {
                    v[k] = Values.number(raw);
                } catch (NumberFormatException e) {
                    bad = GhcnDailyParser.reject(file, r, cols, names[k], raw, "number", "is not a number");
                    break;
                }
            }
            if (bad != null) {
                rejects.add(bad);
                continue;
            }
            if (standardUnits) {
                toMetric(v);
            }
            int tempMissing = Math.max(missing(cols.get(r, "TMAX_ATTRIBUTES")), missing(cols.get(r, "TMIN_ATTRIBUTES")));
            int precipMissing = missing(cols.get(r, "PRCP_ATTRIBUTES"));
            if (!seen.add(station + "|" + month)) {
                rejects.add(GhcnDailyParser.reject(file, r, cols, "DATE", dateText, "duplicate", "repeats an earlier row "
                        + "of station " + station + "; expected one row per station and month"));
                continue;
            }
            ClimateMonth parsed = month(station, month, v[0], v[1], v[2], v[3], v[4] == null ? null
                    : MonthlyRound.tenth(v[4] / 10.0), v[5] == null ? null : (int) Math.round(v[5]), tempMissing,
                    precipMissing, rule);
            String problem = io.breakwater.etl.climate.ClimateRanges.monthProblem(parsed, today);
            if (problem != null) {
                rejects.add(GhcnDailyParser.reject(file, r, cols, "DATE", dateText, "value_range", problem));
                continue;
            }
            months.add(parsed);
        }
        return new ClimateReading(file.toString(), ClimateFormat.GSOM, firstStation, records.size() - 1L, List.of(),
                withChanges(months), rejects);
    }

    /**
     * One month from published monthly values (temperatures in degC, means of the daily values; precipitation mm;
     * snowfall cm) and the counts of days missing from them: complete under {@code rule} when at most
     * {@code rule.maxMissingDays()} are missing (a monthly file cannot tell whether they were consecutive). Sums and
     * frost days are kept only for a complete part; the mean is (min+max)/2 when no mean is given.
     */
    static ClimateMonth month(String station, YearMonth month, Double tAvg, Double tMin, Double tMax, Double precipMm,
            Double snowCm, Integer frostDays, int tempMissing, int precipMissing, CompletenessRule rule) {
        int days = month.lengthOfMonth();
        boolean hasTemp = tMin != null && tMax != null;
        boolean hasPrecip = precipMm != null;
        int tempDays = hasTemp ? days - tempMissing : 0;
        int precipDays = hasPrecip ? days - precipMissing : 0;
        boolean tempComplete = hasTemp && tempMissing <= rule.maxMissingDays();
        boolean precipComplete = hasPrecip && precipMissing <= rule.maxMissingDays();
        Double tMean = tAvg != null ? tAvg : hasTemp ? MonthlyRound.tenth((tMin + tMax) / 2) : null;
        return new ClimateMonth(station, month, tMean, tMin, tMax, precipComplete ? precipMm : null,
                precipComplete ? snowCm : null, null, tempComplete ? frostDays : null, null, null,
                Math.max(tempDays, precipDays), tempDays, precipDays, tempComplete, precipComplete, station);
    }

    /** The months with {@code t_mean_change} set where the previous month of the same series is present. */
    static List<ClimateMonth> withChanges(List<ClimateMonth> months) {
        List<ClimateMonth> out = new ArrayList<>();
        ClimateMonth previous = null;
        for (ClimateMonth m : months) {
            Double change = previous != null && previous.seriesId().equals(m.seriesId())
                    && previous.month().plusMonths(1).equals(m.month()) && previous.tMean() != null && m.tMean() != null
                    ? MonthlyRound.tenth(m.tMean() - previous.tMean()) : null;
            out.add(new ClimateMonth(m.seriesId(), m.month(), m.tMean(), m.tMin(), m.tMax(), m.precipMm(), m.snowCm(),
                    m.freezingIndex(), m.frostDays(), m.freezeThawDays(), change, m.daysObserved(),
                    m.tempDaysObserved(), m.precipDaysObserved(), m.tempComplete(), m.precipComplete(),
                    m.sourceStation()));
            previous = m;
        }
        return out;
    }

    /** TAVG, TMIN, TMAX from degF to degC and PRCP, SNOW from inches to mm, in place; DT32 is a count. */
    private static void toMetric(Double[] v) {
        for (int k = 0; k < 3; k++) {
            v[k] = v[k] == null ? null : MonthlyRound.tenth(ClimateUnits.DEG_F.canonical(v[k]));
        }
        for (int k = 3; k < 5; k++) {
            v[k] = v[k] == null ? null : MonthlyRound.tenth(ClimateUnits.INCH.canonical(v[k]));
        }
    }

    private static void refuseStandardUnits(Path file, List<CsvRecord> records, NoaaColumns cols) {
        for (int i = 1; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            if (r.getFieldCount() != cols.width) {
                continue;
            }
            double tMax = io.breakwater.etl.internal.Numbers.decimal(cols.get(r, "TMAX"));
            if (tMax > MAX_MONTHLY_TMAX_C) {
                throw new io.breakwater.db.BreakwaterException(io.breakwater.db.ErrorCode.INVALID_INPUT, file
                        + ": line " + r.getStartingLineNumber() + ": TMAX " + cols.get(r, "TMAX") + " in "
                        + cols.get(r, "DATE") + " is above " + (int) MAX_MONTHLY_TMAX_C + ", which no monthly mean "
                        + "of daily maxima in degC reaches: the file looks like NOAA's standard units (degF, inches). "
                        + "Set format.units: standard in the mapping, or download the file in metric units; nothing "
                        + "was loaded");
            }
        }
    }

    private static int missing(String attributes) {
        for (String part : attributes.split(",", -1)) {
            String p = part.trim();
            if (!p.isEmpty() && p.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(p);
            }
        }
        return 0;
    }
}
