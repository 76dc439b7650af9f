package io.breakwater.synth.internal;

import io.breakwater.synth.HazardParameters;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The city's true daily weather, from 1 January of the year before the first simulated year (a spin-up year, so the
 * first month has a previous month) to 31 December of the last: a seasonal cycle, a warm or cold year, a mild or
 * severe winter, day-to-day persistence, cold snaps of 3 to 8 days, and Markov wet days with rain or snow. Values
 * are kept in the units the ECCC export prints (tenths of °C, tenths of mm, tenths of cm, whole cm).
 */
public final class Weather {
    private final LocalDate first;
    private final int days;
    final int[] tmax;
    final int[] tmin;
    final int[] tmean;
    final int[] rain;
    final int[] snow;
    final int[] snowOnGround;

    public Weather(long seed, int firstYear, int lastYear) {
        this.first = LocalDate.of(firstYear - 1, 1, 1);
        this.days = (int) (LocalDate.of(lastYear + 1, 1, 1).toEpochDay() - first.toEpochDay());
        tmax = new int[days];
        tmin = new int[days];
        tmean = new int[days];
        rain = new int[days];
        snow = new int[days];
        snowOnGround = new int[days];
        SplittableRandom rng = Rng.stream(seed, "weather");
        double anomaly = 0;
        double yearAnomaly = 0;
        double winterSeverity = 0;
        int snapDaysLeft = 0;
        double snapDepth = 0;
        boolean wet = false;
        double ground = 0;
        int year = Integer.MIN_VALUE;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            if (date.getYear() != year) {
                year = date.getYear();
                yearAnomaly = 0.8 * Rng.gaussian(rng);
                winterSeverity = 1.8 * Rng.gaussian(rng);
            }
            double phase = 2 * Math.PI * (date.getDayOfYear() - 20) / 365.25;
            double seasonal = 7.5 - 13.5 * StrictMath.cos(phase);
            double winterWeight = Math.max(0.0, StrictMath.cos(phase));
            anomaly = 0.7 * anomaly + 2.8 * Rng.gaussian(rng);
            int month = date.getMonthValue();
            boolean snapSeason = month >= 11 || month <= 3;
            if (snapDaysLeft == 0 && snapSeason && rng.nextDouble() < 0.025) {
                snapDaysLeft = 3 + rng.nextInt(6);
                snapDepth = 7.0 + 7.0 * rng.nextDouble();
            }
            double snap = 0;
            if (snapDaysLeft > 0) {
                snap = snapDepth;
                snapDaysLeft--;
            }
            double mean = seasonal + yearAnomaly - winterSeverity * winterWeight + anomaly - snap;
            double range = Math.max(3.0, Math.min(16.0, 8.5 + 1.5 * StrictMath.sin(phase) + 2.0 * Rng.gaussian(rng)));
            tmax[d] = (int) Math.round((mean + range / 2) * 10);
            tmin[d] = (int) Math.round((mean - range / 2) * 10);
            tmean[d] = Math.floorDiv(tmax[d] + tmin[d] + 1, 2);

            wet = rng.nextDouble() < (wet ? 0.5 : 0.25);
            double amount = wet ? -6.0 * StrictMath.log(1.0 - rng.nextDouble()) : 0.0;
            int amountTenths = (int) Math.round(amount * 10);
            double meanC = tmean[d] / 10.0;
            double snowShare = meanC <= -1 ? 1.0 : meanC >= 1 ? 0.0 : 0.5;
            snow[d] = (int) Math.round(amountTenths * snowShare); // 1 cm of snow holds about 1 mm of water
            rain[d] = amountTenths - snow[d];
            ground = Math.max(0.0, ground + snow[d] / 10.0 - Math.max(0.0, meanC) * 0.8 - rain[d] / 40.0);
            snowOnGround[d] = (int) Math.round(ground);
        }
    }

    public LocalDate date(int day) {
        return first.plusDays(day);
    }

    public int days() {
        return days;
    }

    /** The index of the first day of the given year. */
    public int dayIndex(LocalDate date) {
        return (int) (date.toEpochDay() - first.toEpochDay());
    }

    /** Total precipitation in tenths of mm. */
    public int precip(int day) {
        return rain[day] + snow[day];
    }

    /**
     * The monthly climate summaries that drive the hazard, for every month from January of {@code firstYear} to
     * December of {@code lastYear}, computed from the daily mean temperature as the ECCC file prints it.
     */
    public ClimateMonth[] months(HazardParameters p, int firstYear, int lastYear) {
        ClimateMonth[] out = new ClimateMonth[(lastYear - firstYear + 1) * 12];
        int sharpTenths = (int) Math.round(p.sharpDropThreshold() * 10);
        double previousMean = monthMean(firstYear - 1, 12);
        for (int y = firstYear; y <= lastYear; y++) {
            for (int m = 1; m <= 12; m++) {
                LocalDate start = LocalDate.of(y, m, 1);
                int from = dayIndex(start);
                int to = dayIndex(start.plusMonths(1));
                long freezingTenths = 0;
                int sharp = 0;
                for (int d = from; d < to; d++) {
                    freezingTenths += Math.max(0, -tmean[d]);
                    if (tmean[d - 1] - tmean[d] >= sharpTenths) {
                        sharp++;
                    }
                }
                double mean = monthMean(y, m);
                double freezingIndex = freezingTenths / 10.0;
                double drop = Math.max(0.0, previousMean - mean);
                double factor = StrictMath.exp(p.freezingIndexCoefficient() * freezingIndex / 100.0
                        + p.temperatureDropCoefficient() * drop + p.sharpDropCoefficient() * sharp);
                out[(y - firstYear) * 12 + m - 1] = new ClimateMonth(y, m, mean, freezingIndex, drop, sharp, factor);
                previousMean = mean;
            }
        }
        return out;
    }

    private double monthMean(int year, int month) {
        LocalDate start = LocalDate.of(year, month, 1);
        int from = dayIndex(start);
        int to = dayIndex(start.plusMonths(1));
        long sum = 0;
        for (int d = from; d < to; d++) {
            sum += tmean[d];
        }
        return sum / 10.0 / (to - from);
    }

    /** One month's climate drivers and the resulting hazard factor. */
    public record ClimateMonth(int year, int month, double meanTempC, double freezingIndex, double tempDropC,
            int sharpDropDays, double factor) {
    }
}
