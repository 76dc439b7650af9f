/** Internals of the forecaster: count distributions, the negative-binomial regression, back-test, anomaly scan, storage. */
package io.breakwater.forecast.internal;
