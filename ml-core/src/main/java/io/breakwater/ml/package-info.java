/**
 * Batch machine learning on the feature panel: {@link io.breakwater.ml.RiskModels} trains (XGBoost, Tribuo logistic
 * regression, or a pure-Java GBM), evaluates over rolling as-of cut-offs against baselines, registers models with
 * their provenance and artifacts, and writes per-asset risk scores with their main drivers.
 */
package io.breakwater.ml;
