package io.breakwater.ml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.data.Offset.offset;

import io.breakwater.ml.HyperParameters;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java reading of XGBoost's trees agrees with XGBoost itself, and its attributions add up to the margin. */
class XGBoostPathsTests {
    private static final String[] COLUMNS = {"age", "noise", "breaks_12m", "rarely_known"};

    /** Rows where the outcome depends on age and past breaks; a tenth of ages and most of column 3 are missing. */
    private static Matrix rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[n * COLUMNS.length];
        for (int r = 0; r < n; r++) {
            data[r * 4] = random.nextDouble() < 0.1 ? Float.NaN : (float) (random.nextDouble() * 100);
            data[r * 4 + 1] = (float) random.nextGaussian();
            data[r * 4 + 2] = random.nextInt(4);
            // many equal values: thresholds fall exactly on data values, so "<" must match XGBoost's
            data[r * 4 + 3] = random.nextDouble() < 0.8 ? Float.NaN : (float) Math.floor(random.nextDouble() * 5);
        }
        return new Matrix(data, n, COLUMNS.length, COLUMNS);
    }

    private static float[] labels(Matrix x, boolean count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] y = new float[x.rows()];
        for (int r = 0; r < x.rows(); r++) {
            float age = x.get(r, 0);
            double rate = 0.02 * Math.exp((Float.isNaN(age) ? 50 : age) / 40.0 + 0.6 * x.get(r, 2));
            if (count) {
                int k = 0;
                double p = Math.exp(-rate);
                double u = random.nextDouble();
                double cdf = p;
                while (u > cdf && k < 20) {
                    k++;
                    p *= rate / k;
                    cdf += p;
                }
                y[r] = k;
            } else {
                y[r] = random.nextDouble() < Math.min(0.95, rate) ? 1 : 0;
            }
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void marginsMatchXGBoostAndAttributionsSumToThem(boolean count) {
        assumeThat(XGBoostLearner.available()).as("XGBoost's native library loads here").isTrue();
        Matrix train = rows(20_000, 1);
        FittedModel model = new XGBoostLearner().fit(train, labels(train, count, 2), null, count,
                HyperParameters.defaults().withTrees(60).withMaxDepth(4), 3);
        XGBoostPaths paths = XGBoostLearner.paths(model);
        Matrix fresh = rows(5_000, 4);
        double[] expected = model.margin(fresh);
        double[] ours = paths.margin(fresh);
        float[][] contributions = model.driverContributions(fresh);
        for (int r = 0; r < fresh.rows(); r++) {
            assertThat(ours[r]).as("margin of row %d", r).isCloseTo(expected[r], offset(1e-4));
            double sum = 0;
            for (float c : contributions[r]) {
                sum += c;
            }
            assertThat(sum).as("attributions of row %d add up to its margin", r)
                    .isCloseTo(expected[r], offset(1e-3));
        }
        // the feature that carries no signal is rarely a main driver; age and past breaks are
        double[] meanAbs = new double[COLUMNS.length];
        for (float[] row : contributions) {
            for (int j = 0; j < COLUMNS.length; j++) {
                meanAbs[j] += Math.abs(row[j]) / contributions.length;
            }
        }
        assertThat(meanAbs[0]).isGreaterThan(3 * meanAbs[1]);
        assertThat(meanAbs[2]).isGreaterThan(3 * meanAbs[1]);
    }
}
