package io.breakwater.ml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** How many training rows of each class a fit keeps. */
class SampleRatesTests {

    @Test
    void aConfiguredRateThinsOnlyTheNegatives() {
        ModelTrainer.SampleRates r = ModelTrainer.SampleRates.of(300_000, 9_000_000, 0.3, 1_000_000);
        assertThat(r.positive()).isEqualTo(1.0);
        assertThat(r.negative()).isEqualTo(0.3);
    }

    @Test
    void anAutomaticRateKeepsTenNegativesAPositiveAndEveryPositiveBelowTheCap() {
        ModelTrainer.SampleRates r = ModelTrainer.SampleRates.of(1_000, 100_000, Double.NaN, 1_000_000);
        assertThat(r.positive()).isEqualTo(1.0);
        assertThat(r.negative()).isCloseTo(0.1, offset(1e-12));
        assertThat(ModelTrainer.SampleRates.of(1_000, 0, Double.NaN, 1_000_000).negative()).isEqualTo(1.0);
        assertThat(ModelTrainer.SampleRates.of(1_000, 5_000, Double.NaN, 1_000_000).negative()).isEqualTo(1.0);
    }

    @Test
    void aLargeWindowIsThinnedToTheCapAtTheSameNegativesPerPositive() {
        long positives = 200_000;
        long negatives = 5_000_000;
        ModelTrainer.SampleRates r = ModelTrainer.SampleRates.of(positives, negatives, Double.NaN, 1_000_000);
        double keptPositives = positives * r.positive();
        double keptNegatives = negatives * r.negative();
        assertThat(keptPositives + keptNegatives).isCloseTo(1_000_000, offset(1.0));
        assertThat(keptNegatives / keptPositives).isCloseTo(10, offset(1e-9));
        assertThat(r.positive()).isLessThan(1.0);
    }
}
