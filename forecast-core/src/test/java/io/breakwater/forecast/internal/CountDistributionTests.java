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
}
