package io.breakwater.ml.internal;

import io.breakwater.ml.HyperParameters;

/** Fits one kind of model on a dense matrix. Implementations: XGBoost, Tribuo logistic regression, pure-Java GBM. */
public interface Learner {
    /**
     * Fits a model.
     *
     * @param x      features, NaN for missing
     * @param y      0/1 for a classifier, break counts for a count model
     * @param weight per-row weights, or null
     * @param count  true for a Poisson count model (log link), false for a logistic classifier
     */
    FittedModel fit(Matrix x, float[] y, float[] weight, boolean count, HyperParameters hyper, long seed);
}
