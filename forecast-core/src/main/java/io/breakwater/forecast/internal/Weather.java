package io.breakwater.forecast.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The station's weather: each month of break history (freezing index and freeze-thaw days, NaN where unknown) and
 * the station's whole record by calendar month, from which the weather scenarios come: <b>normal</b> is the median
 * freezing index and median freeze-thaw days of the calendar month; <b>cold 1-in-10</b> is the 90th percentile of
 * the freezing index with the mean freeze-thaw days of the coldest fifth of those months; <b>any weather</b> is every
 * year of the record, one draw each.
 */
public final class Weather {
    static final double COLD_PERCENTILE = 0.9;
    static final double COLD_SHARE_FOR_FREEZE_THAW = 0.2;

    /** One month of the station record. */
    record Observation(YearMonth month, double freezingIndex, double freezeThawDays) {
    }

    /** A month's weather: freezing index (degree-days below 0 degC) and freeze-thaw days. */
    public record Condition(double freezingIndex, double freezeThawDays) {
    }

    final String series;
    private final double[] fi;
    private final double[] ftd;
    private final List<List<Condition>> byMonthOfYear = new ArrayList<>();
    private final List<List<Integer>> yearsByMonthOfYear = new ArrayList<>();
    private final Condition[] normal = new Condition[12];
    private final Condition[] cold = new Condition[12];

    Weather(String series, double[] fi, double[] ftd, List<Observation> record) {
        this.series = series;
        this.fi = fi;
        this.ftd = ftd;
        for (int m = 0; m < 12; m++) {
            byMonthOfYear.add(new ArrayList<>());
            yearsByMonthOfYear.add(new ArrayList<>());
        }
        for (Observation o : record) {
            byMonthOfYear.get(o.month().getMonthValue() - 1).add(new Condition(o.freezingIndex(), o.freezeThawDays()));
            yearsByMonthOfYear.get(o.month().getMonthValue() - 1).add(o.month().getYear());
        }
    }

    static Weather none(int months) {
        double[] nan = new double[months];
        Arrays.fill(nan, Double.NaN);
        return new Weather(null, nan, nan.clone(), List.of());
    }

    /** True when every month of the calendar has at least {@code years} years of record. */
    boolean usable(int years) {
        return series != null && byMonthOfYear.stream().allMatch(l -> l.size() >= years);
    }

    /** The observed weather of history month {@code t}, or null where the record has a hole. */
    Condition observed(int t) {
        return Double.isNaN(fi[t]) || Double.isNaN(ftd[t]) ? null : new Condition(fi[t], ftd[t]);
    }

    /** The observed weather of history month {@code t}, or the normal one where the record has a hole. */
    Condition observedOrNormal(int t, int monthOfYear) {
        Condition c = observed(t);
        return c == null ? normal(monthOfYear) : c;
    }

    double freezingIndex(int t) {
        return fi[t];
    }

    /** The normal weather of a calendar month (computed once). */
    Condition normal(int monthOfYear) {
        if (normal[monthOfYear - 1] == null) {
            normal[monthOfYear - 1] = computeNormal(monthOfYear);
        }
        return normal[monthOfYear - 1];
    }

    /** The cold 1-in-10 weather of a calendar month (computed once). */
    Condition cold(int monthOfYear) {
        if (cold[monthOfYear - 1] == null) {
            cold[monthOfYear - 1] = computeCold(monthOfYear);
        }
        return cold[monthOfYear - 1];
    }

    private Condition computeNormal(int monthOfYear) {
        List<Condition> all = byMonthOfYear.get(monthOfYear - 1);
        return new Condition(percentile(all.stream().mapToDouble(Condition::freezingIndex).toArray(), 0.5),
                percentile(all.stream().mapToDouble(Condition::freezeThawDays).toArray(), 0.5));
    }

    private Condition computeCold(int monthOfYear) {
        List<Condition> all = new ArrayList<>(byMonthOfYear.get(monthOfYear - 1));
        double fiCold = percentile(all.stream().mapToDouble(Condition::freezingIndex).toArray(), COLD_PERCENTILE);
        all.sort(Comparator.comparingDouble(Condition::freezingIndex).reversed());
        int coldest = Math.max(1, (int) Math.round(all.size() * COLD_SHARE_FOR_FREEZE_THAW));
        double ftdCold = all.stream().limit(coldest).mapToDouble(Condition::freezeThawDays).average().orElse(0);
        return new Condition(fiCold, ftdCold);
    }

    /**
     * Every year of the record for a calendar month but {@code year} itself: the weather of a month judged or
     * back-tested never enters its own forecast.
     */
    List<Condition> draws(int monthOfYear, int year) {
        List<Condition> all = byMonthOfYear.get(monthOfYear - 1);
        List<Integer> years = yearsByMonthOfYear.get(monthOfYear - 1);
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (years.get(i) != year) {
                out.add(all.get(i));
            }
        }
        return out.isEmpty() ? List.of(normal(monthOfYear)) : out;
    }

    /** A freezing index at or above the cold 1-in-10 scenario's for its calendar month, and above zero. */
    boolean coldExtreme(int t, int monthOfYear) {
        return series != null && !Double.isNaN(fi[t]) && fi[t] > 0 && fi[t] >= cold(monthOfYear).freezingIndex();
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = p * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
