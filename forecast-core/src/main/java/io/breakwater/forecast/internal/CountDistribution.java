package io.breakwater.forecast.internal;

import java.util.Arrays;

/**
 * A predictive distribution of a monthly break count: a negative binomial (mean {@code mu}, variance
 * {@code mu + alpha mu^2}; {@code alpha = 0} is Poisson), or an equal-weight mixture of them over weather draws.
 * Tabulated once over 0..n so that quantiles and tail probabilities are exact sums, not approximations.
 */
public final class CountDistribution {
    private static final double TAIL = 1e-7;

    private final double mean;
    private final double[] cdf;

    private CountDistribution(double mean, double[] cdf) {
        this.mean = mean;
        this.cdf = cdf;
    }

    /** A negative binomial with mean {@code mu} and over-dispersion {@code alpha} (Poisson when 0). */
    public static CountDistribution negativeBinomial(double mu, double alpha) {
        return mixture(new double[] {mu}, alpha);
    }

    /** The equal-weight mixture of negative binomials with means {@code mus} and one over-dispersion. */
    public static CountDistribution mixture(double[] mus, double alpha) {
        double max = Arrays.stream(mus).max().orElse(0);
        double mean = Arrays.stream(mus).average().orElse(0);
        int n = (int) Math.ceil(max + 12 * Math.sqrt(max + alpha * max * max) + 20);
        double[] pmf = new double[n + 1];
        for (double mu : mus) {
            addPmf(pmf, Math.max(mu, 1e-9), alpha, 1.0 / mus.length);
        }
        double[] cdf = new double[n + 1];
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            sum += pmf[i];
            cdf[i] = Math.min(1.0, sum);
        }
        return new CountDistribution(mean, cdf);
    }

    /**
     * Adds {@code weight} times the pmf, by the ratio recurrence {@code P(y) = P(y-1) (y-1+k)/y q} (Poisson:
     * {@code mu/y}) on a scaled value, so that no logarithm or exponential is taken per count and a large mean does
     * not underflow {@code P(0)}: the scale is folded into a log offset whenever the value grows large.
     */
    private static void addPmf(double[] pmf, double mu, double alpha, double weight) {
        boolean poisson = alpha < 1e-9;
        double k = poisson ? 0 : 1 / alpha;
        double q = poisson ? 0 : mu / (k + mu);
        double logScale = poisson ? -mu : k * Math.log(k / (k + mu));
        double factor = Math.exp(logScale);
        double v = 1;
        for (int y = 0; y < pmf.length; y++) {
            if (y > 0) {
                v *= poisson ? mu / y : (y - 1 + k) / y * q;
                if (v > 1e200) {
                    logScale += Math.log(v);
                    factor = Math.exp(logScale);
                    v = 1;
                }
            }
            pmf[y] += weight * v * factor;
        }
    }

    /** log P(X = y) of a negative binomial with mean {@code mu} and over-dispersion {@code alpha} (Poisson when 0). */
    static double logNegativeBinomial(int y, double mu, double alpha) {
        double m = Math.max(mu, 1e-9);
        if (alpha < 1e-9) {
            return y * Math.log(m) - m - logGamma(y + 1.0);
        }
        double k = 1 / alpha;
        return logGamma(y + k) - logGamma(k) - logGamma(y + 1.0) + k * Math.log(k / (k + m))
                + y * Math.log(m / (k + m));
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** log Gamma(x) for x > 0, by the Lanczos approximation (g = 7), to about 15 significant digits. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    public double mean() {
        return mean;
    }

    /** The smallest count whose cumulative probability reaches {@code p}. */
    public int quantile(double p) {
        for (int i = 0; i < cdf.length; i++) {
            if (cdf[i] >= p - 1e-12) {
                return i;
            }
        }
        return cdf.length - 1;
    }

    /** P(X <= y). */
    public double cdf(int y) {
        if (y < 0) {
            return 0;
        }
        return y >= cdf.length ? 1.0 : cdf[y];
    }

    /** P(X = y), never below 1e-12 (a count far past the tabulated tail). */
    public double probability(int y) {
        return Math.max(1e-12, cdf(y) - cdf(y - 1));
    }

    /** P(X >= y). */
    public double upperTail(int y) {
        return y <= 0 ? 1.0 : Math.max(TAIL * TAIL, 1.0 - cdf(y - 1));
    }

    /** Central interval {@code [quantile((1-level)/2), quantile((1+level)/2)]}. */
    public int[] interval(double level) {
        return new int[] {quantile((1 - level) / 2), quantile((1 + level) / 2)};
    }
}
