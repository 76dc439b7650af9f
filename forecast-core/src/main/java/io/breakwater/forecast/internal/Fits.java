package io.breakwater.forecast.internal;

import io.breakwater.forecast.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fitted candidates (null where one cannot be fitted) by method and origin, each fitted once per run (the back-test,
 * the anomaly scan and the forecast share them), with their predictive over-dispersion.
 *
 * <p>An in-sample residual misses what a forecast a year ahead carries besides month-to-month noise: the error of the
 * trend's extrapolation and shifts in the level of the whole year. So a fit's predictive over-dispersion comes from
 * the errors of the same method's 12-month forecasts (weather unknown) made at the {@value #CALIBRATION_YEARS}
 * January origins before it from a full {@value FittedModel#WINDOW_YEARS}-year window, once at least
 * {@value #MIN_CALIBRATION_YEARS} exist (before that, the in-sample over-dispersion stands): over the network-months by
 * maximum likelihood (the log score the back-test chooses by), over the area-months by weighted moments ({@link
 * Moments}; a likelihood search over their thousands would cost seconds). Months whose records collapsed (see
 * {@link #recordGap}) measure the records, not the breaks, and are left out.
 */
final class Fits {
    /** Earlier forecast years whose errors give a fit's predictive over-dispersion. */
    static final int CALIBRATION_YEARS = 10;
    /** Earlier forecast years needed before out-of-sample errors replace the in-sample over-dispersion. */
    static final int MIN_CALIBRATION_YEARS = 3;

    private final BreakHistory history;
    private final double threshold;
    private final Map<String, FittedModel> raw = new HashMap<>();
    private final Map<String, FittedModel> calibrated = new HashMap<>();
    private final CountModelScores counts;

    Fits(BreakHistory history, double threshold, CountModelScores counts) {
        this.history = history;
        this.threshold = threshold;
        this.counts = counts;
    }

    /**
     * The method fitted at {@code origin} with the over-dispersion of a forecast a year ahead (its intervals and the
     * back-test); null where it cannot be fitted.
     */
    FittedModel get(Method method, int origin) {
        String key = method.id() + "@" + origin;
        if (!calibrated.containsKey(key)) {
            calibrated.put(key, calibrate(method, origin));
        }
        return calibrated.get(key);
    }

    /**
     * The method fitted at {@code origin} with the over-dispersion of its own months about the fit (month to month,
     * given the level of the year): what a single month is judged against; null where it cannot be fitted.
     */
    FittedModel monthly(Method method, int origin) {
        String key = method.id() + "@" + origin;
        if (!raw.containsKey(key)) {
            raw.put(key, method == Method.ML_COUNT ? countModel(origin)
                    : FittedModel.fit(method, history, origin));   // null: not available at this origin
        }
        return raw.get(key);
    }

    /**
     * True when the network's records of month {@code t} collapsed: judged as the anomaly scan judges a data gap
     * ({@link AnomalyScan#collapsed}), against one reference for every candidate, the month-to-month fit of the
     * calendar model at the January before (a candidate that forecast too high must not excuse its misses as gaps).
     * The back-test does not score such a month, and no dispersion is estimated from it.
     */
    boolean recordGap(int t) {
        int origin = t - (history.monthOfYear(t) - 1);
        FittedModel model = origin >= 12 * ForecastEngine.WARM_UP_YEARS ? monthly(Method.SEASONAL, origin) : null;
        return model != null && AnomalyScan.collapsed(model.predict(t, -1, model.unknownWeather(t)),
                history.network[t], threshold);
    }

    /** The count model's candidate at {@code origin}, or null where it stored no expected breaks for it. */
    private FittedModel countModel(int origin) {
        double[] expected = counts.areaExpected(origin);
        FittedModel calendar = origin >= 12 * ForecastEngine.WARM_UP_YEARS ? monthly(Method.SEASONAL, origin) : null;
        return expected == null || calendar == null ? null
                : FittedModel.countModel(calendar, expected, counts.horizon(), counts.countedShare(history, origin));
    }

    /**
     * The count model's over-dispersion comes from its own errors in the earlier years it stored expected breaks for
     * (at most {@value #CALIBRATION_YEARS}); with fewer than {@value #MIN_CALIBRATION_YEARS} it has no estimate of
     * its own, and takes the calendar model's year-ahead over-dispersion at the same origin (a forecast a year ahead
     * with no weather input, known at the origin).
     */
    private FittedModel calibrateCountModel(FittedModel fit, int origin) {
        List<FittedModel> past = new ArrayList<>();
        for (int k = 1; k <= CALIBRATION_YEARS && origin - 12 * k >= 0; k++) {
            FittedModel p = monthly(Method.ML_COUNT, origin - 12 * k);
            if (p != null) {
                past.add(p);
            }
        }
        if (past.size() < MIN_CALIBRATION_YEARS) {
            FittedModel calendar = get(Method.SEASONAL, origin);
            return fit.withDispersion(calendar.networkAlpha(), calendar.areaAlpha());
        }
        return fromErrors(fit, past);
    }

    private FittedModel calibrate(Method method, int origin) {
        FittedModel fit = monthly(method, origin);
        if (fit == null) {
            return null;
        }
        if (method == Method.ML_COUNT) {
            return calibrateCountModel(fit, origin);
        }
        List<FittedModel> past = new ArrayList<>();
        // only forecasts made as this one is, from a full window: a short window's trend errs far more
        int fullWindow = 12 * FittedModel.WINDOW_YEARS;
        for (int k = 1; k <= CALIBRATION_YEARS && origin - 12 * k >= fullWindow; k++) {
            FittedModel p = monthly(method, origin - 12 * k);
            if (p == null) {
                break;
            }
            past.add(p);
        }
        if (past.size() < MIN_CALIBRATION_YEARS) {
            return fit;
        }
        return fromErrors(fit, past);
    }

    /** {@code fit} with the over-dispersions of the 12-month forecasts {@code past} against what followed them. */
    private FittedModel fromErrors(FittedModel fit, List<FittedModel> past) {
        List<double[]> networkMeans = new ArrayList<>();
        List<Integer> networkObserved = new ArrayList<>();
        Moments area = new Moments();
        for (FittedModel p : past) {
            for (int t = p.origin(); t < p.origin() + 12; t++) {
                if (recordGap(t)) {
                    continue;
                }
                double[] means = p.means(t, -1, p.unknownWeather(t));
                networkMeans.add(means);
                networkObserved.add(history.network[t]);
                for (int a = 0; a < history.areaIds.size(); a++) {
                    area.add(means, p.share(a), history.areaCounts[a][t]);
                }
            }
        }
        return fit.withDispersion(likelihoodAlpha(networkMeans, networkObserved), area.alpha());
    }

    /**
     * The over-dispersion that maximises the likelihood of the observed months under equal-weight mixtures of
     * negative binomials with the given means (the log score the back-test judges by): a golden-section search on
     * log alpha between 1e-4 and 4.
     */
    static double likelihoodAlpha(List<double[]> means, List<Integer> observed) {
        double lo = Math.log(1e-4);
        double hi = Math.log(4);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = logLikelihood(means, observed, Math.exp(a));
        double fb = logLikelihood(means, observed, Math.exp(b));
        while (hi - lo > 0.01) {
            if (fa > fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = logLikelihood(means, observed, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = logLikelihood(means, observed, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private static double logLikelihood(List<double[]> means, List<Integer> observed, double alpha) {
        double sum = 0;
        double[] logs = new double[0];
        for (int i = 0; i < means.size(); i++) {
            double[] mus = means.get(i);
            if (logs.length != mus.length) {
                logs = new double[mus.length];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < mus.length; j++) {
                logs[j] = CountDistribution.logNegativeBinomial(observed.get(i), mus[j], alpha);
                max = Math.max(max, logs[j]);
            }
            double mixture = 0;
            for (double l : logs) {
                mixture += Math.exp(l - max);
            }
            sum += max + Math.log(mixture / mus.length);
        }
        return sum;
    }

    /**
     * The over-dispersion of forecast errors against equal-weight mixtures of negative binomials with means
     * {@code mu_i} (mean {@code m}), whose variance is {@code m + alpha s + v} with {@code s = mean(mu_i^2)} and
     * {@code v = var(mu_i)}: the weather's share of the spread is the mixture's, not counted twice. {@code alpha} is
     * the weighted least-squares slope of {@code (y - m)^2 - m - v} on {@code s}, each month weighted by the inverse
     * square of its variance (iterated from the unweighted ratio): a month of 300 breaks then weighs about what a
     * month of 30 does, where the plain ratio of sums would let the largest months decide, and a month expecting a
     * fraction of a break weighs little.
     */
    static final class Moments {
        private static final int ROUNDS = 6;
        private double[] excess = new double[256];
        private double[] scale = new double[256];
        private double[] base = new double[256];
        private int n;

        void add(double[] mus, double factor, int observed) {
            double m = 0;
            double m2 = 0;
            for (double mu : mus) {
                m += factor * mu / mus.length;
                m2 += factor * mu * factor * mu / mus.length;
            }
            if (n == excess.length) {
                excess = java.util.Arrays.copyOf(excess, 2 * n);
                scale = java.util.Arrays.copyOf(scale, 2 * n);
                base = java.util.Arrays.copyOf(base, 2 * n);
            }
            double r = observed - m;
            excess[n] = r * r - m - (m2 - m * m);
            scale[n] = m2;
            base[n] = m + (m2 - m * m);
            n++;
        }

        double alpha() {
            double alpha = ratio(null, 0);
            for (int round = 0; round < ROUNDS; round++) {
                alpha = ratio(base, alpha);
            }
            return alpha;
        }

        private double ratio(double[] variance, double alpha) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                double w = 1;
                if (variance != null) {
                    double var = variance[i] + alpha * scale[i];
                    w = 1 / (var * var);
                }
                num += w * scale[i] * excess[i];
                den += w * scale[i] * scale[i];
            }
            return den <= 0 ? 0 : Math.max(0, num / den);
        }
    }
}
