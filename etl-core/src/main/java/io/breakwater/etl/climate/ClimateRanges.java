package io.breakwater.etl.climate;

import io.breakwater.etl.env.SourceReject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What a climate value can physically be, in every climate format (ECCC, GHCN-Daily, GSOM, mapped CSV): a
 * temperature in -90..60 degC, precipitation in 0..2,000 mm a day (0..20,000 a month), snowfall in 0..500 cm a day
 * (0..5,000 a month), a date from 1800 to the run date. A row outside is rejected with the value and the bounds: a
 * file in other units than its format says (NOAA "standard" units, degF and inches, read as metric) is then loud,
 * never loaded.
 */
public final class ClimateRanges {
    static final double T_MIN = -90;
    static final double T_MAX = 60;
    static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);

    private ClimateRanges() {
    }

    /** The problem of one daily row, or {@code null}: names the first value out of range. */
    static String dayProblem(DailyObservation d, LocalDate today) {
        if (d.date().isBefore(EARLIEST) || d.date().isAfter(today)) {
            return "date " + d.date() + " is outside 1800-01-01.." + today + " (the run date)";
        }
        return valuesProblem(d.tMax(), d.tMin(), d.tMean(), d.precipMm(), d.snowCm(), 2_000, 500);
    }

    /** The problem of one monthly row, or {@code null}. */
    public static String monthProblem(ClimateMonth m, LocalDate today) {
        if (m.month().isBefore(YearMonth.from(EARLIEST)) || m.month().isAfter(YearMonth.from(today))) {
            return "month " + m.month() + " is outside 1800-01.." + YearMonth.from(today) + " (the run date)";
        }
        return valuesProblem(m.tMax(), m.tMin(), m.tMean(), m.precipMm(), m.snowCm(), 20_000, 5_000);
    }

    private static String valuesProblem(Double tMax, Double tMin, Double tMean, Double precipMm, Double snowCm,
            double maxPrecip, double maxSnow) {
        String[] names = {"maximum temperature", "minimum temperature", "mean temperature"};
        Double[] temps = {tMax, tMin, tMean};
        for (int i = 0; i < temps.length; i++) {
            if (temps[i] != null && (temps[i] < T_MIN || temps[i] > T_MAX)) {
                return names[i] + " " + temps[i] + " degC is outside -90..60 degC (is the file in other units, "
                        + "degF or tenths, than its format says?)";
            }
        }
        if (precipMm != null && (precipMm < 0 || precipMm > maxPrecip)) {
            return "precipitation " + precipMm + " mm is outside 0.." + (int) maxPrecip + " mm";
        }
        if (snowCm != null && (snowCm < 0 || snowCm > maxSnow)) {
            return "snowfall " + snowCm + " cm is outside 0.." + (int) maxSnow + " cm";
        }
        return null;
    }

    /**
     * {@code reading} with its out-of-range days moved to its rejects ({@code value_range}). Monthly rows are checked
     * by their parsers with {@link #monthProblem}, where their lines are known.
     */
    static ClimateReading apply(ClimateReading reading, LocalDate today) {
        List<DailyObservation> days = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>(reading.rejects());
        for (DailyObservation d : reading.days()) {
            String problem = dayProblem(d, today);
            if (problem == null) {
                days.add(d);
            } else {
                rejects.add(new SourceReject(reading.file(), d.sourceLine(), null, d.date().toString(), null,
                        "value_range", reading.file() + ": line " + d.sourceLine() + ": " + problem));
            }
        }
        return days.size() == reading.days().size() ? reading : new ClimateReading(reading.file(), reading.format(),
                reading.stationId(), reading.rowsRead(), days, reading.months(), rejects);
    }
}
