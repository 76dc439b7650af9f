package io.breakwater.ml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ranking metrics against their textbook definitions, on scores with many ties and missing values. */
class MetricsTests {

    private static Metrics.Input input(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Metrics.Input in = new Metrics.Input();
        in.score = new double[n];
        in.y = new int[n];
        in.breaks = new float[n];
        in.tieKeys = new long[n];
        for (int i = 0; i < n; i++) {
            // a tenth missing, the rest on 20 levels: most scores are tied
            in.score[i] = random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(20);
            double p = Double.isNaN(in.score[i]) ? 0.1 : 0.02 + in.score[i] / 40;
            in.y[i] = random.nextDouble() < p ? 1 : 0;
            in.breaks[i] = in.y[i] * (1 + random.nextInt(3));
            in.tieKeys[i] = random.nextLong();
        }
        return in;
    }

    private static double low(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    @Test
    void rocAucIsTheShareOfPositiveNegativePairsRankedRightWithTiesHalf() {
        Metrics.Input in = input(3_000, 1);
        double right = 0;
        long pairs = 0;
        for (int i = 0; i < in.y.length; i++) {
            for (int j = 0; j < in.y.length; j++) {
                if (in.y[i] == 1 && in.y[j] == 0) {
                    pairs++;
                    double a = low(in.score[i]);
                    double b = low(in.score[j]);
                    right += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        assertThat(Metrics.compute(in).values().get("roc_auc")).isCloseTo(right / pairs, offset(1e-12));
    }

    @Test
    void theOrderIsByDescendingScoreThenTieKeyWithMissingLast() {
        Metrics.Input in = input(5_000, 2);
        int[] order = Metrics.order(in.score, in.tieKeys);
        assertThat(order).hasSize(5_000).doesNotHaveDuplicates();
        for (int k = 1; k < order.length; k++) {
            double before = low(in.score[order[k - 1]]);
            double after = low(in.score[order[k]]);
            assertThat(before).isGreaterThanOrEqualTo(after);
            if (before == after) {
                assertThat(in.tieKeys[order[k - 1]]).isLessThan(in.tieKeys[order[k]]);
            }
        }
    }

    @Test
    void averagePrecisionAndTopSharesFollowTheOrder() {
        Metrics.Input in = input(2_000, 3);
        int[] order = Metrics.order(in.score, in.tieKeys);
        double ap = 0;
        long hits = 0;
        long positives = 0;
        double total = 0;
        for (int y : in.y) {
            positives += y;
        }
        for (float b : in.breaks) {
            total += b;
        }
        double top10 = 0;
        for (int k = 0; k < order.length; k++) {
            if (in.y[order[k]] == 1) {
                ap += (double) ++hits / (k + 1);
            }
            if (k < 200) {
                top10 += in.breaks[order[k]];
            }
        }
        var values = Metrics.compute(in).values();
        assertThat(values.get("pr_auc")).isCloseTo(ap / positives, offset(1e-12));
        assertThat(values.get("break_share_top_10pct_assets")).isCloseTo(top10 / total, offset(1e-12));
    }
}
