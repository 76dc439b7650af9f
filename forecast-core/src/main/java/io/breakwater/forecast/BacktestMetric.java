package io.breakwater.forecast;

/**
 * One number of the rolling-origin back-test: {@code candidate} (a {@link Method} id, or "seasonal_naive"),
 * {@code scope} ("area" or "network"), {@code period} (a test year or "pooled"), {@code metric} ("coverage_80",
 * "coverage_95", "mae", "mase", "months").
 */
public record BacktestMetric(String candidate, String scope, String period, String metric, double value) {
}
