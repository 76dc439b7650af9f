package io.breakwater.forecast;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * What a forecast run produced and stored: the method the back-test chose, the 12-month forecasts per scenario, the
 * back-test numbers of every candidate and every area-month and network-month judged for anomalies.
 *
 * @param historyEnd    the last complete month of break history (trailing months with collapsed records are left out)
 * @param networkAlpha  the negative-binomial over-dispersion of a network month forecast a year ahead (variance
 *                      mu + alpha mu^2)
 * @param pipeForecasts per pipe and month where the feature panel's grain is pipe (empty otherwise)
 * @param candidates    every candidate: chosen, back-tested or skipped, and why
 */
public record ForecastResult(String forecastId, Method method, YearMonth firstMonth, YearMonth historyStart,
        YearMonth historyEnd, String climateSeries, double networkAlpha, double areaAlpha, double threshold,
        List<MonthForecast> forecasts, List<BacktestMetric> backtest, List<Anomaly> anomalies,
        List<PipeForecast> pipeForecasts, List<Candidate> candidates, Duration elapsed) {

    public ForecastResult {
        candidates = List.copyOf(candidates);
        forecasts = List.copyOf(forecasts);
        pipeForecasts = List.copyOf(pipeForecasts);
        backtest = List.copyOf(backtest);
        anomalies = List.copyOf(anomalies);
    }

    /** A back-test number, or NaN when absent. */
    public double metric(String candidate, String level, String period, String metric) {
        return backtest.stream().filter(m -> m.candidate().equals(candidate) && m.scope().equals(level)
                        && m.period().equals(period) && m.metric().equals(metric))
                .mapToDouble(BacktestMetric::value).findFirst().orElse(Double.NaN);
    }

    /** The forecast of one month, scope ("network" or "area"), area ("*" for the network) and scenario, or null. */
    public MonthForecast forecast(String areaId, YearMonth month, String scenario) {
        return forecasts.stream().filter(f -> f.areaId().equals(areaId) && f.month().equals(month)
                && f.scenario().equals(scenario)).findFirst().orElse(null);
    }

    /** The anomaly row of one area ("*" for the network) and month, or null. */
    public Anomaly anomaly(String areaId, YearMonth month) {
        return anomalies.stream().filter(a -> a.areaId().equals(areaId) && a.month().equals(month)).findFirst()
                .orElse(null);
    }

    /** The candidate of one method, or null when the run did not consider it. */
    public Candidate candidate(Method m) {
        return candidates.stream().filter(c -> c.method().equals(m.id())).findFirst().orElse(null);
    }

    public List<Anomaly> flagged() {
        return anomalies.stream().filter(Anomaly::flagged).toList();
    }

    /** One line for run output. */
    public String summary() {
        long areaFlags = anomalies.stream().filter(a -> a.flagged() && a.scope().equals("area")).count();
        long networkFlags = anomalies.stream().filter(a -> a.flagged() && a.scope().equals("network")).count();
        return String.format(java.util.Locale.ROOT, "forecast %s (%s) from %s, history %s..%s: back-test pooled "
                        + "network coverage 80%% %.2f, 95%% %.2f, MASE %.2f; area coverage 80%% %.2f, 95%% %.2f; "
                        + "%d network-months and %d area-months flagged (tail probability < %s)%s in %.1f s",
                forecastId, method.id(), firstMonth, historyStart, historyEnd,
                metric(method.id(), "network", "pooled", "coverage_80"),
                metric(method.id(), "network", "pooled", "coverage_95"), metric(method.id(), "network", "pooled", "mase"),
                metric(method.id(), "area", "pooled", "coverage_80"), metric(method.id(), "area", "pooled", "coverage_95"),
                networkFlags, areaFlags, threshold, pipeForecasts.isEmpty() ? "" : String.format(java.util.Locale.ROOT,
                        "; %,d pipes forecast (apportioning back-test: observed/expected %.2f)",
                        pipeForecasts.stream().map(PipeForecast::assetId).distinct().count(),
                        metric(method.id(), "pipe", "pooled", "observed_over_expected")),
                elapsed.toMillis() / 1000.0);
    }
}
