package io.breakwater.ml.internal;

/**
 * A fitted model with what it needs to predict: its column schema and calibration.
 *
 * @param algorithm   the learner
 * @param count       true for a count (Poisson) model
 * @param schema      columns
 * @param model       the fitted model
 * @param calibration margin to probability / expected count
 */
public record Predictor(String algorithm, boolean count, FeatureSchema schema, FittedModel model,
        Calibration calibration) {

    /** Calibrated outputs for some rows. */
    public record Predictions(double[] margin, double[] probability, double[] expected) {
    }

    public Predictions predict(Matrix x) {
        double[] margin = model.margin(x);
        double[] p = new double[margin.length];
        double[] e = count ? new double[margin.length] : null;
        for (int i = 0; i < margin.length; i++) {
            p[i] = calibration.probability(margin[i]);
            if (e != null) {
                e[i] = calibration.expected(margin[i]);
            }
        }
        return new Predictions(margin, p, e);
    }
}
