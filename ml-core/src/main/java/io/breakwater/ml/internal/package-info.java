/**
 * Internals of ml-core: the in-memory panel, the learners, calibration, metrics, artifacts and registry I/O. Not an
 * API; use {@link io.breakwater.ml.RiskModels}.
 */
package io.breakwater.ml.internal;
