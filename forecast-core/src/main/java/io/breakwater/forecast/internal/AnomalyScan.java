package io.breakwater.forecast.internal;

import io.breakwater.forecast.Anomaly;
import io.breakwater.forecast.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every network-month and area-month after the warm-up against the forecast made at the January before it. A month
 * is flagged by one of two routes:
 * <ol>
 * <li>against that forecast <b>given the month's observed weather</b> (weather unknown where the station has no
 * record of the month, or for a calendar-only method): its tail probability is below the threshold. A count far
 * below (under half the expectation) is a collapse in records, a data gap, never a month of few breaks; a high count
 * is put down to a near-duplicate cluster (one spot, about 100 m) when the cluster holds at least half the excess,
 * else to the freezing index when the month was colder than any the forecast was fitted on (the weather effect is
 * not extrapolated past them), else it is unexplained;</li>
 * <li>against the <b>normal-winter</b> forecast, when the month's freezing index is at or beyond the 1-in-10 cold
 * value of its calendar month: the driver is the freezing-index extreme (the weather explains the month).</li>
 * </ol>
 * Route 1 holds the false-alarm rate at the threshold when the model is right; route 2 names the cold months.
 *
 * @param history   the store's break history and weather
 * @param fits      the candidates fitted at each origin
 * @param threshold the tail probability below which a month is flagged
 */
record AnomalyScan(BreakHistory history, Fits fits, double threshold) {
    static final double GAP_RATIO = 0.5;
    static final int MIN_CLUSTER = 3;

    List<Anomaly> run(Method method, List<Integer> origins) {
        List<Anomaly> out = new ArrayList<>();
        for (int origin : origins) {
            FittedModel fitted = fits.monthly(method, origin);
            // an origin whose weather record is too short for the climate model is judged by the calendar alone
            FittedModel model = fitted != null ? fitted : fits.monthly(Method.SEASONAL, origin);
            boolean climate = model.method() == Method.CLIMATE_NB;
            for (int t = origin; t < origin + 12 && t < history.months; t++) {
                int moy = history.monthOfYear(t);
                Weather.Condition observed = history.weather.observed(t);
                List<Weather.Condition> given = climate && observed != null ? List.of(observed) : model.unknownWeather(t);
                List<Weather.Condition> normal = List.of(history.weather.normal(moy));
                List<Weather.Condition> cold = List.of(climate ? history.weather.cold(moy) : history.weather.normal(moy));
                boolean networkGap = false;
                for (int a = -1; a < history.areaIds.size(); a++) {
                    int count = a < 0 ? history.network[t] : history.areaCounts[a][t];
                    Anomaly anomaly = judge(t, a, count, model.predict(t, a, given), model.predict(t, a, normal),
                            model.predict(t, a, cold), networkGap, model.beyondFittedWeather(observed));
                    if (a < 0) {
                        networkGap = anomaly.flagged() && "data_gap".equals(anomaly.driver());
                    }
                    out.add(anomaly);
                }
            }
        }
        return out;
    }

    /**
     * A collapse in records: {@code observed} is under {@link #GAP_RATIO} of the forecast's mean and its lower tail
     * probability is below {@code threshold}.
     */
    static boolean collapsed(CountDistribution forecast, int observed, double threshold) {
        return observed < GAP_RATIO * forecast.mean() && forecast.cdf(observed) < threshold;
    }

    private Anomaly judge(int t, int area, int observed, CountDistribution given, CountDistribution normal,
            CountDistribution cold, boolean networkGap, boolean beyondFittedWeather) {
        double upper = given.upperTail(observed);
        double lower = given.cdf(observed);
        boolean high = upper <= lower;
        double p = Math.min(upper, lower);
        boolean collapse = observed < GAP_RATIO * given.mean();
        boolean flagged = high ? p < threshold : collapsed(given, observed, threshold);
        double pNormal = normal.upperTail(observed);
        String driver = null;
        String detail = null;
        int moy = history.monthOfYear(t);
        double fi = history.weather.freezingIndex(t);
        if (!high && (flagged || networkGap && collapse)) {
            flagged = true;
            driver = "data_gap";
            detail = String.format(Locale.ROOT, "%d breaks recorded against %.1f expected: records collapse%s",
                    observed, given.mean(), networkGap && area >= 0 ? " across the network" : "");
        } else if (flagged) {
            int cluster = area < 0 ? 0 : history.largestCluster[area][t];
            double excess = observed - given.mean();
            if (cluster >= MIN_CLUSTER && cluster >= excess / 2) {
                driver = "near_duplicate_cluster";
                detail = cluster + " of " + observed + " breaks within about 100 m of one spot";
            } else if (beyondFittedWeather && history.weather.coldExtreme(t, moy)) {
                driver = "freezing_index_extreme";
                detail = String.format(Locale.ROOT, "freezing index %.1f degree-days, colder than any month the "
                        + "forecast was fitted on", fi);
            } else {
                driver = "unexplained";
            }
        } else if (high && pNormal < threshold && history.weather.coldExtreme(t, moy)) {
            flagged = true;
            driver = "freezing_index_extreme";
            detail = String.format(Locale.ROOT, "%d breaks against %.1f in a normal winter; freezing index %.1f "
                    + "degree-days, at or beyond the 1-in-10 cold value %.1f", observed, normal.mean(), fi,
                    history.weather.cold(moy).freezingIndex());
        }
        return new Anomaly(area < 0 ? "network" : "area", area < 0 ? "*" : history.areaIds.get(area),
                history.monthAt(t), observed, given.mean(), given.quantile(0.025), given.quantile(0.975), p,
                normal.mean(), normal.quantile(0.975), pNormal, cold.quantile(0.025), cold.quantile(0.975),
                high ? "high" : "low", flagged, driver, detail, fi);
    }
}
