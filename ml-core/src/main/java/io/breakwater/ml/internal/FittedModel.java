package io.breakwater.ml.internal;

/** A trained model: raw scores on the link scale, per-row contributions, and its bytes for the artifact. */
public interface FittedModel {
    /** Log-odds (classifier) or log of the expected count (count model), before calibration. */
    double[] margin(Matrix x);

    /**
     * Per-row additive contributions on the link scale: {@code rows x (cols + 1)}, the last column the bias, so that
     * each row sums to its margin (exactly for XGBoost's TreeSHAP and the pure-Java GBM's path attribution; for
     * logistic regression, weight times standardised value).
     */
    float[][] contributions(Matrix x);

    /** The model's own bytes, stored in the artifact. */
    byte[] toBytes();

    /** Training provenance as JSON (Tribuo provenance where Tribuo trained the model, else a summary). */
    String provenanceJson();
}
