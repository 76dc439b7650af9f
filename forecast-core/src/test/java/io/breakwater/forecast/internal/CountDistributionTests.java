package io.breakwater.forecast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CountDistributionTests {
    @Test
    void poissonAndNegativeBinomialQuantilesMatchKnownValues() {
        CountDistribution poisson = CountDistribution.negativeBinomial(10, 0);
        assertThat(poisson.cdf(10)).isCloseTo(0.58304, within(1e-4));
        assertThat(poisson.interval(0.95)).containsExactly(4, 17);
        // NB with mean 10 and alpha 0.1 (k = 10): variance 20, wider than Poisson
        CountDistribution nb = CountDistribution.negativeBinomial(10, 0.1);
        assertThat(nb.cdf(0)).isCloseTo(Math.pow(0.5, 10), within(1e-9));
        assertThat(nb.interval(0.95)[1]).isGreaterThan(17);
        assertThat(nb.upperTail(0)).isEqualTo(1.0);
    }

    @Test
    void aLargeMeanKeepsItsWholeDistribution() {
        CountDistribution big = CountDistribution.negativeBinomial(2_000, 0);
        assertThat(big.cdf(Integer.MAX_VALUE - 1)).isCloseTo(1.0, within(1e-9));
        assertThat(big.quantile(0.5)).isBetween(1_995, 2_005);
        CountDistribution mixture = CountDistribution.mixture(new double[] {100, 300}, 0.01);
        assertThat(mixture.mean()).isEqualTo(200);
        assertThat(mixture.quantile(0.5)).isBetween(100, 300);
    }

    @Test
    void theLogProbabilityByLogGammaAgreesWithTheTabulatedOne() {
        assertThat(CountDistribution.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-10));
        for (double alpha : new double[] {0, 0.05, 0.5}) {
            for (int y : new int[] {70, 100, 120, 170}) {
                double tabulated = CountDistribution.negativeBinomial(120, alpha).probability(y);
                assertThat(CountDistribution.logNegativeBinomial(y, 120, alpha))
                        .as("y %d alpha %s", y, alpha).isCloseTo(Math.log(tabulated), within(1e-6));
            }
        }
    }

    @Test
    void theLikelihoodOfPastErrorsFindsTheirOverDispersion() {
        // 600 months drawn from a negative binomial of mean 80 and alpha 0.1 (a gamma-mixed Poisson)
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        java.util.List<double[]> means = new java.util.ArrayList<>();
        java.util.List<Integer> observed = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double g = 0;
            for (int k = 0; k < 10; k++) {
                g -= Math.log(1 - rng.nextDouble());
            }
            double lambda = 80 * g / 10;
            int y = 0;
            double p = rng.nextDouble();
            double l = Math.exp(-lambda);
            while (p > l) {
                y++;
                p *= rng.nextDouble();
            }
            means.add(new double[] {80});
            observed.add(y);
        }
        assertThat(Fits.likelihoodAlpha(means, observed)).isBetween(0.08, 0.12);
    }
}
