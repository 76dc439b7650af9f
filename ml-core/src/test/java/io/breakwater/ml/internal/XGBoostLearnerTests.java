package io.breakwater.ml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.data.Offset.offset;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.HyperParameters;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Saving and reloading XGBoost models, across the XGBoost versions Breakwater has shipped. */
class XGBoostLearnerTests {

    /** An age in [0, 1) and a noise column, a fifth of it missing. */
    private static Matrix twoColumns(int n, SplittableRandom random) {
        float[] data = new float[n * 2];
        for (int r = 0; r < n; r++) {
            data[2 * r] = (float) random.nextDouble();
            data[2 * r + 1] = random.nextDouble() < 0.2 ? Float.NaN : (float) random.nextGaussian();
        }
        return new Matrix(data, n, 2, new String[] {"age", "noise"});
    }

    @Test
    void aSavedModelReloadsWithTheSameMarginsAndNamesItsVersion() {
        assumeThat(XGBoostLearner.available()).as("XGBoost's native library loads here").isTrue();
        SplittableRandom random = new SplittableRandom(7);
        Matrix x = twoColumns(2_000, random);
        float[] y = new float[x.rows()];
        for (int r = 0; r < x.rows(); r++) {
            y[r] = random.nextDouble() < 0.1 + 0.6 * x.get(r, 0) ? 1 : 0;
        }
        FittedModel model = new XGBoostLearner().fit(x, y, null, false, HyperParameters.defaults().withTrees(20), 1);

        FittedModel reloaded = XGBoostLearner.load(model.toBytes(), 2);

        assertThat(reloaded.margin(x)).containsExactly(model.margin(x));
        assertThat(model.provenanceJson()).contains("xgboost4j " + XGBoostLearner.VERSION).contains("binary:logistic");
        assertThat(XGBoostLearner.VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aModelSavedByXGBoost16IsRefusedWithWhatToDo() throws IOException {
        byte[] legacy;
        try (InputStream in = getClass().getResourceAsStream("xgboost-1.6.2-binary.model")) {
            legacy = in.readAllBytes();
        }
        assertThatThrownBy(() -> XGBoostLearner.load(legacy, 2))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("XGBoost 1.x's binary format")
                .hasMessageContaining("train the model again")
                .satisfies(e -> assertThat(((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.MODEL_INVALID));
    }

    @Test
    void labelsThatAreAllPositiveStillGiveAFiniteModelWhoseAttributionsAddUp() {
        assumeThat(XGBoostLearner.available()).as("XGBoost's native library loads here").isTrue();
        SplittableRandom random = new SplittableRandom(3);
        Matrix x = twoColumns(300, random);
        int n = x.rows();
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            y[r] = 1 + random.nextInt(3);
        }
        float[] any = new float[n];
        java.util.Arrays.fill(any, 1f);
        for (boolean count : new boolean[] {false, true}) {
            FittedModel model = new XGBoostLearner().fit(x, count ? y : any, null, count,
                    HyperParameters.defaults().withTrees(10), 1);
            double[] margin = model.margin(x);
            float[][] drivers = model.driverContributions(x);
            for (int r = 0; r < n; r++) {
                assertThat(margin[r]).as("margin of row %d", r).isFinite();
                double sum = 0;
                for (float c : drivers[r]) {
                    sum += c;
                }
                assertThat(sum).as("attributions of row %d", r).isCloseTo(margin[r], offset(1e-3));
            }
        }
        assertThat(XGBoostLearner.oneClass(any, false)).isTrue();
        assertThat(XGBoostLearner.oneClass(y, true)).isFalse();
    }

    @Test
    void theBaseScoreReadsInEitherVersionsJson() {
        assertThat(XGBoostPaths.baseScore("5E-1")).isEqualTo(0.5);
        assertThat(XGBoostPaths.baseScore("[2.5E-2]")).isEqualTo(0.025);
    }
}
