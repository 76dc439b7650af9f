package io.breakwater.forecast.internal;

import io.breakwater.forecast.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * One candidate fitted at one origin. The seasonal part is a negative-binomial regression of network breaks per
 * month on the calendar month and a log-linear trend over the last {@value #WINDOW_YEARS} years. {@link
 * Method#CLIMATE_NB} adds the weather as a log-rate term {@code b1 (FI - FI_normal) + b2 (FTD - FTD_normal)}: the
 * coefficients come from a regression on every month before the origin whose weather was observed (calendar month,
 * trend, freezing index, freeze-thaw days), which also gives the over-dispersion given the weather; the seasonal
 * part is then fitted with that term as an offset, so it stands for a normal winter. Each area is a share of the
 * network (its breaks over the last {@value #SHARE_YEARS} years, lightly pooled) with the area-months' own
 * over-dispersion.
 */
public final class FittedModel {
    /** Years of history before the origin that the seasonal part reads. */
    static final int WINDOW_YEARS = 10;
    /** Years of history before the origin from which area shares are taken. */
    static final int SHARE_YEARS = 5;
    /** Months with observed weather a climate fit needs. */
    static final int MIN_WEATHER_MONTHS = 36;

    private final Method method;
    private final int origin;
    private final BreakHistory history;
    private final NegativeBinomialGlm seasonal;
    private final double[] weatherCoefficients;
    private final double[] weatherRange;
    private final double networkAlpha;
    private final double[] shares;
    private final double areaAlpha;
    /** A factor on the seasonal part's mean: 1, except for the count model's level ({@link #countModel}). */
    private final double level;

    private FittedModel(Method method, int origin, BreakHistory history, NegativeBinomialGlm seasonal,
            double[] weatherCoefficients, double[] weatherRange, double networkAlpha, double[] shares,
            double areaAlpha) {
        this(method, origin, history, seasonal, weatherCoefficients, weatherRange, networkAlpha, shares, areaAlpha, 1);
    }

    private FittedModel(Method method, int origin, BreakHistory history, NegativeBinomialGlm seasonal,
            double[] weatherCoefficients, double[] weatherRange, double networkAlpha, double[] shares,
            double areaAlpha, double level) {
        this.level = level;
        this.method = method;
        this.origin = origin;
        this.history = history;
        this.seasonal = seasonal;
        this.weatherCoefficients = weatherCoefficients;
        this.weatherRange = weatherRange;
        this.networkAlpha = networkAlpha;
        this.shares = shares;
        this.areaAlpha = areaAlpha;
    }

    /** Fits {@code method} on the months before {@code origin}; null when the weather record is too short for it. */
    static FittedModel fit(Method method, BreakHistory h, int origin) {
        double[] weather = new double[2];
        double[] range = {0, Double.MAX_VALUE, 0, Double.MAX_VALUE};
        double alpha = Double.NaN;
        if (method == Method.CLIMATE_NB) {
            NegativeBinomialGlm climate = climateFit(h, origin, range);
            if (climate == null) {
                return null;
            }
            weather[0] = climate.coefficient(13);
            weather[1] = climate.coefficient(14);
            alpha = climate.alpha();
        }
        int from = Math.max(0, origin - 12 * WINDOW_YEARS);
        List<double[]> rows = new ArrayList<>();
        double[] y = new double[origin - from];
        double[] offset = new double[origin - from];
        for (int t = from; t < origin; t++) {
            rows.add(calendarRow(h, origin, t));
            y[t - from] = h.network[t];
            offset[t - from] = weatherTerm(h, weather, range, t, h.weather.observedOrNormal(t, h.monthOfYear(t)));
        }
        NegativeBinomialGlm glm = NegativeBinomialGlm.fit(rows, y, offset);
        if (Double.isNaN(alpha)) {
            alpha = glm.alpha();
        }
        int shareFrom = Math.max(from, origin - 12 * SHARE_YEARS);
        int areas = h.areaIds.size();
        double[] shares = new double[areas];
        double total = 0;
        for (int t = shareFrom; t < origin; t++) {
            total += h.network[t];
        }
        for (int a = 0; a < areas; a++) {
            double n = 0;
            for (int t = shareFrom; t < origin; t++) {
                n += h.areaCounts[a][t];
            }
            // a little pooling keeps an area with no break in the window from a zero forecast
            shares[a] = (n + 0.5) / (total + 0.5 * areas);
        }
        double num = 0;
        double den = 0;
        for (int t = shareFrom; t < origin; t++) {
            double m = glm.mean(rows.get(t - from), offset[t - from]);
            for (int a = 0; a < areas; a++) {
                double mu = shares[a] * m;
                double r = h.areaCounts[a][t] - mu;
                num += r * r - mu;
                den += mu * mu;
            }
        }
        double areaAlpha = den <= 0 ? 0 : Math.max(0, num / den);
        return new FittedModel(method, origin, h, glm, weather, range, alpha, shares, areaAlpha);
    }

    /**
     * {@link Method#ML_COUNT} at {@code calendar}'s origin: the count model's expected breaks per area over {@code
     * horizon} months ({@code areaExpected}, of the breaks it counts, a share {@code counted} of an area's breaks),
     * spread over the months by the calendar fit's shape (its month-of-year rates with trend, normal weather). The
     * network is the areas' sum over the share of the network's breaks that carry an area in the last
     * {@value #SHARE_YEARS} years. The over-dispersions are NaN: they come from the candidate's own earlier errors
     * ({@link Fits}).
     */
    static FittedModel countModel(FittedModel calendar, double[] areaExpected, int horizon, double counted) {
        BreakHistory h = calendar.history;
        int origin = calendar.origin;
        double shape = 0;
        for (int t = origin; t < origin + horizon; t++) {
            shape += calendar.networkMean(t, h.weather.normal(h.monthOfYear(t)));
        }
        double withArea = 0;
        double all = 0;
        for (int t = Math.max(0, origin - 12 * SHARE_YEARS); t < origin; t++) {
            all += h.network[t];
            for (int[] counts : h.areaCounts) {
                withArea += counts[t];
            }
        }
        double areaShare = all == 0 ? 1 : Math.max(0.05, withArea / all);
        double areaSum = 0;
        for (double e : areaExpected) {
            areaSum += e / counted;
        }
        double network = areaSum / areaShare;
        double[] shares = new double[areaExpected.length];
        for (int a = 0; a < shares.length; a++) {
            shares[a] = network > 0 ? areaExpected[a] / counted / network : 0;
        }
        double level = network / shape;
        return new FittedModel(Method.ML_COUNT, origin, h, calendar.seasonal, new double[2],
                calendar.weatherRange, Double.NaN, shares, Double.NaN, level);
    }

    /**
     * Calendar month, trend, freezing index and freeze-thaw days on every month before the origin with weather;
     * {@code range} receives the lowest and highest freezing index and freeze-thaw days fitted on.
     */
    private static NegativeBinomialGlm climateFit(BreakHistory h, int origin, double[] range) {
        List<double[]> rows = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int t = 0; t < origin; t++) {
            Weather.Condition w = h.weather.observed(t);
            if (w != null) {
                double[] row = java.util.Arrays.copyOf(calendarRow(h, origin, t), 15);
                row[13] = w.freezingIndex() / 100.0;
                row[14] = w.freezeThawDays() / 10.0;
                rows.add(row);
                y.add((double) h.network[t]);
                range[0] = rows.size() == 1 ? w.freezingIndex() : Math.min(range[0], w.freezingIndex());
                range[1] = rows.size() == 1 ? w.freezingIndex() : Math.max(range[1], w.freezingIndex());
                range[2] = rows.size() == 1 ? w.freezeThawDays() : Math.min(range[2], w.freezeThawDays());
                range[3] = rows.size() == 1 ? w.freezeThawDays() : Math.max(range[3], w.freezeThawDays());
            }
        }
        if (rows.size() < MIN_WEATHER_MONTHS) {
            return null;
        }
        return NegativeBinomialGlm.fit(rows, y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] calendarRow(BreakHistory h, int origin, int t) {
        double[] row = new double[13];
        row[0] = 1;
        int moy = h.monthOfYear(t);
        if (moy > 1) {
            row[moy - 1] = 1;
        }
        row[12] = (t - origin) / 12.0;
        return row;
    }

    /**
     * The log-rate of a month's weather against the normal weather of its calendar month. Weather beyond the range
     * the coefficients were fitted on counts as the range's edge: a log-linear effect is not extrapolated.
     */
    private static double weatherTerm(BreakHistory h, double[] coefficients, double[] range, int t,
            Weather.Condition w) {
        Weather.Condition normal = h.weather.normal(h.monthOfYear(t));
        double fi = Math.max(range[0], Math.min(range[1], w.freezingIndex()));
        double ftd = Math.max(range[2], Math.min(range[3], w.freezeThawDays()));
        double fiNormal = Math.max(range[0], Math.min(range[1], normal.freezingIndex()));
        double ftdNormal = Math.max(range[2], Math.min(range[3], normal.freezeThawDays()));
        return coefficients[0] * (fi - fiNormal) / 100.0 + coefficients[1] * (ftd - ftdNormal) / 10.0;
    }

    /** True when the month's freezing index lies beyond the range this model's weather effect was fitted on. */
    boolean beyondFittedWeather(Weather.Condition w) {
        return w != null && method == Method.CLIMATE_NB && w.freezingIndex() > weatherRange[1];
    }

    /** Expected network breaks in month {@code t} under {@code weather}. */
    double networkMean(int t, Weather.Condition weather) {
        return level * seasonal.mean(calendarRow(history, origin, t),
                weatherTerm(history, weatherCoefficients, weatherRange, t, weather));
    }

    /**
     * The predictive distribution of month {@code t} for the network ({@code area} negative) or one area, mixed
     * over {@code conditions} (one condition is a scenario; the station's record is weather unknown).
     */
    CountDistribution predict(int t, int area, List<Weather.Condition> conditions) {
        return CountDistribution.mixture(means(t, area, conditions), area < 0 ? networkAlpha : areaAlpha);
    }

    /** The expected breaks of month {@code t} for the network ({@code area} negative) or one area, per condition. */
    double[] means(int t, int area, List<Weather.Condition> conditions) {
        double[] mus = new double[conditions.size()];
        for (int i = 0; i < mus.length; i++) {
            double m = networkMean(t, conditions.get(i));
            mus[i] = area < 0 ? m : shares[area] * m;
        }
        return mus;
    }

    /** The share of the network's breaks that area {@code area} is expected to hold. */
    double share(int area) {
        return shares[area];
    }

    /** The same fit with the over-dispersions of its predictive distributions replaced. */
    FittedModel withDispersion(double network, double area) {
        return new FittedModel(method, origin, history, seasonal, weatherCoefficients, weatherRange, network, shares,
                area, level);
    }

    /**
     * The conditions that stand for unknown weather in month {@code t}: for a climate model every other year of the
     * station record (never the month's own), for a calendar model the normal one (its dispersion holds the weather).
     */
    List<Weather.Condition> unknownWeather(int t) {
        int moy = history.monthOfYear(t);
        return method == Method.CLIMATE_NB ? history.weather.draws(moy, history.monthAt(t).getYear())
                : List.of(history.weather.normal(moy));
    }

    int origin() {
        return origin;
    }

    Method method() {
        return method;
    }

    double networkAlpha() {
        return networkAlpha;
    }

    double areaAlpha() {
        return areaAlpha;
    }

    /** Log-rate per 100 degree-days of freezing index and per 10 freeze-thaw days (zero for a calendar model). */
    double[] weatherCoefficients() {
        return weatherCoefficients.clone();
    }
}
