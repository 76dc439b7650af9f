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

    /**
     * Contributions in the same layout as {@link #contributions(Matrix)}, for explaining every scored asset: as fast
     * as prediction. By default the exact contributions; XGBoost gives path attributions (Saabas, XGBoost's
     * {@code approx_contribs}), which also sum to the margin but cost one walk per tree instead of TreeSHAP's
     * {@code O(leaves x depth^2)}.
     */
    default float[][] driverContributions(Matrix x) {
        return contributions(x);
    }

    /** The model's own bytes, stored in the artifact. */
    byte[] toBytes();

    /** Training provenance as JSON (Tribuo provenance where Tribuo trained the model, else a summary). */
    String provenanceJson();
}
