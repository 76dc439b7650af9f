package io.breakwater.forecast.internal;

import io.breakwater.forecast.BacktestMetric;
import io.breakwater.forecast.Candidate;
import io.breakwater.forecast.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rolling-origin back-test: for each test year, each candidate fitted on the months before January forecasts the 12
 * months with weather unknown; per year and pooled, at area-month and network-month level, the share of months
 * inside the 80% and 95% intervals, the same shares by randomised PIT (free of the coarseness of small counts), the
 * mean absolute error, and MASE (the error over the seasonal naive forecast's, last year's same month, on the same
 * months), and the log score. A month whose network records collapsed ({@link Fits#recordGap}) is counted in
 * {@code gap_months} and not scored, at either level.
 */
final class Backtest {
    static final String NAIVE = "seasonal_naive";

    private final BreakHistory history;
    private final Fits fits;

    Backtest(BreakHistory history, Fits fits) {
        this.history = history;
        this.fits = fits;
    }

    /** Accumulated errors of one candidate at one level over some months. */
    static final class Tally {
        long months;
        long gapMonths;
        long in80;
        long in95;
        double pit80;
        double pit95;
        double absError;
        double naiveAbsError;
        double logLoss;

        void add(CountDistribution d, int observed, int lastYear) {
            int[] i80 = d.interval(0.8);
            int[] i95 = d.interval(0.95);
            months++;
            in80 += observed >= i80[0] && observed <= i80[1] ? 1 : 0;
            in95 += observed >= i95[0] && observed <= i95[1] ? 1 : 0;
            pit80 += pitInside(d, observed, 0.8);
            pit95 += pitInside(d, observed, 0.95);
            absError += Math.abs(observed - d.mean());
            naiveAbsError += Math.abs(observed - lastYear);
            logLoss -= Math.log(d.probability(observed));
        }

        void addTo(List<BacktestMetric> out, String candidate, String level, String period) {
            out.add(new BacktestMetric(candidate, level, period, "months", months));
            addCoverageTo(out, candidate, level, period);
            out.add(new BacktestMetric(candidate, level, period, "gap_months", gapMonths));
            out.add(new BacktestMetric(candidate, level, period, "mae", absError / months));
            out.add(new BacktestMetric(candidate, level, period, "mase",
                    naiveAbsError > 0 ? absError / naiveAbsError : Double.NaN));
            out.add(new BacktestMetric(candidate, level, period, "log_score", logLoss / months));
        }

        /** The shares inside the 80% and 95% intervals, plainly and by randomised PIT. */
        void addCoverageTo(List<BacktestMetric> out, String candidate, String level, String period) {
            out.add(new BacktestMetric(candidate, level, period, "coverage_80", (double) in80 / months));
            out.add(new BacktestMetric(candidate, level, period, "coverage_95", (double) in95 / months));
            out.add(new BacktestMetric(candidate, level, period, "pit_coverage_80", pit80 / months));
            out.add(new BacktestMetric(candidate, level, period, "pit_coverage_95", pit95 / months));
        }

        void addNaiveTo(List<BacktestMetric> out, String level, String period) {
            out.add(new BacktestMetric(NAIVE, level, period, "months", months));
            out.add(new BacktestMetric(NAIVE, level, period, "mae", naiveAbsError / months));
            out.add(new BacktestMetric(NAIVE, level, period, "mase", 1.0));
        }
    }

    /**
     * The probability that the randomised PIT of {@code observed} (uniform between P(X < observed) and
     * P(X <= observed)) falls inside the central {@code level} band: its mean over months is {@code level} for
     * a calibrated forecast, however coarse the counts, where the share inside an integer interval is not.
     */
    static double pitInside(CountDistribution d, int observed, double level) {
        double from = d.cdf(observed - 1);
        double to = d.cdf(observed);
        double overlap = Math.min(to, (1 + level) / 2) - Math.max(from, (1 - level) / 2);
        return to - from <= 0 ? 0 : Math.max(0, overlap) / (to - from);
    }

    /** Runs every candidate over {@code years} (origins at January, history month indexes) up to {@code lastMonth}. */
    List<BacktestMetric> run(List<Method> candidates, List<Integer> origins, int lastMonth) {
        List<BacktestMetric> out = new ArrayList<>();
        for (Method method : candidates) {
            if (origins.stream().anyMatch(o -> fits.get(method, o) == null)) {
                continue;   // the weather record does not reach back far enough for every test year
            }
            Map<String, Tally> pooled = new TreeMap<>();
            for (int origin : origins) {
                Map<String, Tally> year = new TreeMap<>();
                FittedModel model = fits.get(method, origin);
                for (int t = origin; t < origin + 12 && t <= lastMonth; t++) {
                    List<Weather.Condition> weather = model.unknownWeather(t);
                    if (fits.recordGap(t)) {
                        // the records of the month collapsed: it measures the records, not the breaks
                        for (String level : List.of("network", "area")) {
                            year.computeIfAbsent(level, k -> new Tally()).gapMonths++;
                            pooled.computeIfAbsent(level, k -> new Tally()).gapMonths++;
                        }
                        continue;
                    }
                    tally(year, pooled, "network", model.predict(t, -1, weather), history.network[t],
                            history.network[t - 12]);
                    for (int a = 0; a < history.areaIds.size(); a++) {
                        tally(year, pooled, "area", model.predict(t, a, weather), history.areaCounts[a][t],
                                history.areaCounts[a][t - 12]);
                    }
                }
                String period = String.valueOf(history.monthAt(origin).getYear());
                year.forEach((level, tally) -> {
                    tally.addTo(out, method.id(), level, period);
                    if (method == candidates.get(0)) {
                        tally.addNaiveTo(out, level, period);
                    }
                });
            }
            pooled.forEach((level, tally) -> {
                tally.addTo(out, method.id(), level, "pooled");
                if (method == candidates.get(0)) {
                    tally.addNaiveTo(out, level, "pooled");
                }
            });
        }
        return out;
    }

    private static void tally(Map<String, Tally> year, Map<String, Tally> pooled, String level, CountDistribution d,
            int observed, int lastYear) {
        year.computeIfAbsent(level, k -> new Tally()).add(d, observed, lastYear);
        pooled.computeIfAbsent(level, k -> new Tally()).add(d, observed, lastYear);
    }

    /**
     * The candidate with the lowest pooled area-month log score (mean negative log predictive probability of what
     * was observed): a proper score, so it rewards the whole predictive distribution, intervals included, where MAE
     * would judge only the mean.
     */
    static Method choose(List<Method> candidates, List<BacktestMetric> metrics) {
        Method best = candidates.get(0);
        double bestScore = Double.POSITIVE_INFINITY;
        for (Method m : candidates) {
            double score = pooledLogScore(metrics, m, "area");
            if (score < bestScore) {
                best = m;
                bestScore = score;
            }
        }
        return best;
    }

    private static double pooledLogScore(List<BacktestMetric> metrics, Method m, String scope) {
        return metrics.stream().filter(x -> x.candidate().equals(m.id()) && x.scope().equals(scope)
                        && x.period().equals("pooled") && x.metric().equals("log_score"))
                .mapToDouble(BacktestMetric::value).findFirst().orElse(Double.POSITIVE_INFINITY);
    }

    /** Every candidate, the chosen one first: chosen, back-tested (with its pooled log scores) or skipped (why). */
    static List<Candidate> explain(List<Method> candidates, Method chosen, List<BacktestMetric> metrics,
            Map<Method, String> skipped) {
        List<Candidate> out = new ArrayList<>();
        double best = pooledLogScore(metrics, chosen, "area");
        String others = candidates.stream().filter(m -> m != chosen).map(m -> String.format(Locale.ROOT, "%s %.4f",
                m.id(), pooledLogScore(metrics, m, "area"))).reduce((a, b) -> a + ", " + b).orElse("no other");
        out.add(new Candidate(chosen.id(), Candidate.CHOSEN, String.format(Locale.ROOT, "lowest pooled area-month "
                + "log score over the back-test years: %.4f against %s (network-month %.3f)", best, others,
                pooledLogScore(metrics, chosen, "network"))));
        for (Method m : candidates) {
            if (m != chosen) {
                out.add(new Candidate(m.id(), Candidate.BACKTESTED, String.format(Locale.ROOT, "pooled area-month "
                        + "log score %.4f, network-month %.3f", pooledLogScore(metrics, m, "area"),
                        pooledLogScore(metrics, m, "network"))));
            }
        }
        skipped.forEach((m, why) -> out.add(new Candidate(m.id(), Candidate.SKIPPED, why)));
        return out;
    }
}
