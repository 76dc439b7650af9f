package io.breakwater.ml.internal;

/**
 * Maps a model's margin to a calibrated probability (and, for count models, an expected count).
 *
 * <p>Classifier: the training negatives were subsampled at rate {@code r}, so the raw log-odds are first shifted by
 * {@code ln r} (the prior correction), then Platt scaling {@code p = sigmoid(a * m + b)} fitted on the validation
 * block, which never overlaps the test window. With fewer than {@value #MIN_POSITIVES} validation positives Platt is
 * skipped and only the prior correction holds. Count model: {@code expected = scale * exp(m)}, with {@code scale} the
 * validation block's actual over predicted breaks, and {@code p = 1 - exp(-expected)}.
 *
 * @param method          platt, prior_only, poisson_scale
 * @param a               Platt slope
 * @param b               Platt intercept
 * @param priorShift      ln(negative sample rate) added to the margin first
 * @param countScale      count models: multiplies exp(margin)
 * @param validationRows  rows the calibration was fitted on
 * @param validationPositives positives among them
 */
public record Calibration(String method, double a, double b, double priorShift, double countScale,
        long validationRows, long validationPositives) {
    static final int MIN_POSITIVES = 10;

    public boolean count() {
        return "poisson_scale".equals(method);
    }

    public double probability(double margin) {
        if (count()) {
            return 1 - Math.exp(-expected(margin));
        }
        double z = a * (margin + priorShift) + b;
        return 1 / (1 + Math.exp(-z));
    }

    /** Expected breaks in the horizon (count models), or NaN. */
    public double expected(double margin) {
        return count() ? countScale * Math.exp(Math.min(margin, 50)) : Double.NaN;
    }

    public static Calibration fitClassifier(double[] margin, int[] y, double sampleRate) {
        double shift = Math.log(sampleRate);
        long positives = 0;
        for (int v : y) {
            positives += v;
        }
        if (positives < MIN_POSITIVES || positives == y.length) {
            return new Calibration("prior_only", 1, 0, shift, Double.NaN, y.length, positives);
        }
        double[] m = new double[margin.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = margin[i] + shift;
        }
        double[] ab = platt(m, y, positives);
        return new Calibration("platt", ab[0], ab[1], shift, Double.NaN, y.length, positives);
    }

    public static Calibration fitCount(double[] margin, float[] breaks) {
        double predicted = 0;
        double actual = 0;
        long positives = 0;
        for (int i = 0; i < margin.length; i++) {
            predicted += Math.exp(Math.min(margin[i], 50));
            actual += breaks[i];
            positives += breaks[i] > 0 ? 1 : 0;
        }
        double scale = predicted > 0 && actual > 0 ? actual / predicted : 1;
        return new Calibration("poisson_scale", 1, 0, 0, scale, margin.length, positives);
    }

    /** Platt's method with his smoothed targets, by Newton's method on (a, b). */
    static double[] platt(double[] m, int[] y, long positives) {
        long negatives = y.length - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double g1 = 0;
            double g2 = 0;
            double h11 = 1e-9;
            double h22 = 1e-9;
            double h21 = 0;
            for (int i = 0; i < m.length; i++) {
                double t = y[i] == 1 ? hi : lo;
                double p = 1 / (1 + Math.exp(-(a * m[i] + b)));
                double d = p - t;
                double w = p * (1 - p);
                g1 += d * m[i];
                g2 += d;
                h11 += w * m[i] * m[i];
                h22 += w;
                h21 += w * m[i];
            }
            double det = h11 * h22 - h21 * h21;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double da = (h22 * g1 - h21 * g2) / det;
            double db = (h11 * g2 - h21 * g1) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }
}
