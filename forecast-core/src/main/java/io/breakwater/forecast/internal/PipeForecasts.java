package io.breakwater.forecast.internal;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.forecast.BacktestMetric;
import io.breakwater.forecast.Method;
import io.breakwater.forecast.PipeForecast;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Per-pipe forecasts where the latest feature panel's grain is pipe. Each pipe's expected breaks in a month are its
 * area's forecast times the pipe's share of the area's expected breaks in the latest risk scores (probability where
 * a score has no expected breaks); its intervals come from a negative binomial with that mean and the area's
 * over-dispersion (the area's level uncertainty carries to its pipes). Pipes whose area the break history does not
 * know are left out. The apportioning is back-tested for calibration on the stored out-of-sample scores of the
 * latest pipe-grain model evaluation: for each of its test years that the forecaster can forecast from the January
 * before, each pipe's expected breaks over the evaluation's horizon (the area's forecast with weather unknown times
 * the pipe's share of that year's scores) against the breaks observed.
 */
final class PipeForecasts {
    private final BreakHistory history;
    private final DSLContext dsl;

    PipeForecasts(DSLContext dsl, BreakHistory history) {
        this.history = history;
        this.dsl = dsl;
    }

    /** The scope of pipe rows in the back-test metrics, and the grain that asks for them. */
    static final String SCOPE = "pipe";

    /** True when the latest feature set is at pipe grain. */
    boolean pipeGrain() {
        String grain = dsl.select(FEATURE_SETS.GRAIN).from(FEATURE_SETS)
                .orderBy(FEATURE_SETS.BUILT_AT.desc(), FEATURE_SETS.FEATURE_SET_ID.desc()).limit(1)
                .fetchOne(FEATURE_SETS.GRAIN);
        return SCOPE.equals(grain);
    }

    /** The pipe forecasts from {@code model} at {@code origin}; empty without pipe-grain risk scores. */
    List<PipeForecast> forecast(FittedModel model, int origin, int horizon) {
        var latest = dsl.select(DSL.max(PIPE_BREAK_RISK_SCORES.SCORE_MONTH)).from(PIPE_BREAK_RISK_SCORES).fetchOne();
        if (latest == null || latest.value1() == null) {
            return List.of();
        }
        Map<String, Double> scores = new HashMap<>();
        for (var r : dsl.select(PIPE_BREAK_RISK_SCORES.ASSET_ID, PIPE_BREAK_RISK_SCORES.EXPECTED_BREAKS,
                PIPE_BREAK_RISK_SCORES.PROBABILITY).from(PIPE_BREAK_RISK_SCORES)
                .where(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.eq(latest.value1())).fetch()) {
            scores.merge(r.value1(), r.value2() != null ? r.value2() : r.value3(), Math::max);
        }
        List<Share> shares = shares(scores, areasOf(latestFeatureSet()));
        List<PipeForecast> out = new ArrayList<>();
        boolean climate = model.method() == Method.CLIMATE_NB;
        for (int t = origin; t < origin + horizon; t++) {
            int moy = history.monthOfYear(t);
            Weather.Condition normal = history.weather.normal(moy);
            Weather.Condition cold = climate ? history.weather.cold(moy) : normal;
            YearMonth month = history.monthAt(t);
            double[] areaNormal = new double[history.areaIds.size()];
            double[] areaCold = new double[areaNormal.length];
            for (int a = 0; a < areaNormal.length; a++) {
                areaNormal[a] = model.means(t, a, List.of(normal))[0];
                areaCold[a] = model.means(t, a, List.of(cold))[0];
            }
            for (Share s : shares) {
                CountDistribution d = CountDistribution.negativeBinomial(s.share * areaNormal[s.area], model.areaAlpha());
                CountDistribution c = CountDistribution.negativeBinomial(s.share * areaCold[s.area], model.areaAlpha());
                int[] i80 = d.interval(0.8);
                int[] i95 = d.interval(0.95);
                out.add(new PipeForecast(s.assetId, history.areaIds.get(s.area), month, s.share, d.mean(), i80[0],
                        i80[1], i95[0], i95[1], c.mean(), c.quantile(0.975)));
            }
        }
        return out;
    }

    /**
     * The calibration back-test of the apportioning on the latest pipe-grain evaluation's out-of-sample scores, per
     * test year and pooled (scope "pipe"): pipe_years, observed_over_expected, top_decile_observed_over_expected (the
     * tenth of pipes expecting most), and the coverage of the pipe-year counts by the 80% and 95% intervals of a
     * negative binomial with the area's over-dispersion, plainly and by randomised PIT.
     */
    List<BacktestMetric> backtest(Fits fits, Method method) {
        var evaluation = dsl.select(MODEL_EVALUATIONS.EVALUATION_ID, MODEL_EVALUATIONS.FEATURE_SET_ID,
                        MODEL_EVALUATIONS.HORIZON_MONTHS).from(MODEL_EVALUATIONS)
                .where(MODEL_EVALUATIONS.GRAIN.eq(SCOPE))
                .orderBy(MODEL_EVALUATIONS.CREATED_AT.desc(), MODEL_EVALUATIONS.EVALUATION_ID.desc()).limit(1).fetchOne();
        if (evaluation == null) {
            return List.of();
        }
        Map<String, String> areas = areasOf(evaluation.value2());
        Map<Integer, Map<String, Double>> scores = new HashMap<>();
        Map<Integer, Map<String, Double>> observed = new HashMap<>();
        for (var r : dsl.select(EVALUATION_BACKTEST_SCORES.TEST_YEAR, EVALUATION_BACKTEST_SCORES.ASSET_ID,
                        EVALUATION_BACKTEST_SCORES.SCORE, EVALUATION_BACKTEST_SCORES.BREAKS_OBSERVED)
                .from(EVALUATION_BACKTEST_SCORES).where(EVALUATION_BACKTEST_SCORES.EVALUATION_ID.eq(evaluation.value1()))
                .fetch()) {
            if (r.value4() != null) {
                scores.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), Math.max(0, r.value3()));
                observed.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value4());
            }
        }
        List<BacktestMetric> out = new ArrayList<>();
        List<double[]> pooled = new ArrayList<>();
        int horizon = evaluation.value3();
        for (int year : new java.util.TreeSet<>(scores.keySet())) {
            int origin = (int) (BreakHistory.index(YearMonth.of(year, 1)) - BreakHistory.index(history.first));
            FittedModel model = origin >= 12 * ForecastEngine.WARM_UP_YEARS && origin + horizon <= history.months
                    ? fits.get(method, origin) : null;
            if (model == null) {
                continue;
            }
            double[] areaTotal = new double[history.areaIds.size()];
            for (int t = origin; t < origin + horizon; t++) {
                List<Weather.Condition> weather = model.unknownWeather(t);
                for (int a = 0; a < areaTotal.length; a++) {
                    for (double mu : model.means(t, a, weather)) {
                        areaTotal[a] += mu / weather.size();
                    }
                }
            }
            List<double[]> rows = new ArrayList<>();
            for (Share s : shares(scores.get(year), areas)) {
                rows.add(new double[] {s.share * areaTotal[s.area], observed.get(year).get(s.assetId),
                    model.areaAlpha()});
            }
            addMetrics(out, method.id(), String.valueOf(year), rows);
            pooled.addAll(rows);
        }
        if (!pooled.isEmpty()) {
            addMetrics(out, method.id(), "pooled", pooled);
        }
        return out;
    }

    /** Rows of (expected, observed, over-dispersion) to the calibration metrics. */
    private static void addMetrics(List<BacktestMetric> out, String candidate, String period, List<double[]> rows) {
        Backtest.Tally tally = new Backtest.Tally();
        double expected = 0;
        double observed = 0;
        for (double[] r : rows) {
            expected += r[0];
            observed += r[1];
            tally.add(CountDistribution.negativeBinomial(r[0], r[2]), (int) Math.round(r[1]), 0);
        }
        List<double[]> top = rows.stream().sorted(Comparator.comparingDouble((double[] r) -> -r[0]))
                .limit(Math.max(1, rows.size() / 10)).toList();
        double topExpected = top.stream().mapToDouble(r -> r[0]).sum();
        double topObserved = top.stream().mapToDouble(r -> r[1]).sum();
        out.add(new BacktestMetric(candidate, SCOPE, period, "pipe_years", rows.size()));
        out.add(new BacktestMetric(candidate, SCOPE, period, "observed_over_expected", observed / expected));
        out.add(new BacktestMetric(candidate, SCOPE, period, "top_decile_observed_over_expected",
                topObserved / topExpected));
        tally.addCoverageTo(out, candidate, SCOPE, period);
    }

    /** One pipe's area (its index in the history) and share of the area's scores. */
    private record Share(String assetId, int area, double share) {
    }

    private List<Share> shares(Map<String, Double> scores, Map<String, String> areaOf) {
        Map<String, Integer> index = new HashMap<>();
        for (int a = 0; a < history.areaIds.size(); a++) {
            index.put(history.areaIds.get(a), a);
        }
        double[] total = new double[history.areaIds.size()];
        List<String[]> kept = new ArrayList<>();
        scores.forEach((asset, score) -> {
            Integer a = index.get(areaOf.get(asset));
            if (a != null) {
                total[a] += score;
                kept.add(new String[] {asset});
            }
        });
        List<Share> out = new ArrayList<>();
        for (String[] k : kept) {
            int a = index.get(areaOf.get(k[0]));
            out.add(new Share(k[0], a, total[a] > 0 ? scores.get(k[0]) / total[a] : 0));
        }
        out.sort(Comparator.comparing(Share::assetId));
        return out;
    }

    private String latestFeatureSet() {
        return dsl.select(FEATURE_SETS.FEATURE_SET_ID).from(FEATURE_SETS)
                .orderBy(FEATURE_SETS.BUILT_AT.desc(), FEATURE_SETS.FEATURE_SET_ID.desc()).limit(1)
                .fetchOne(FEATURE_SETS.FEATURE_SET_ID);
    }

    private Map<String, String> areasOf(String featureSetId) {
        Map<String, String> out = new HashMap<>();
        for (var r : dsl.select(FEATURE_ASSETS.ASSET_ID, FEATURE_ASSETS.AREA_ID).from(FEATURE_ASSETS)
                .where(FEATURE_ASSETS.FEATURE_SET_ID.eq(featureSetId)).fetch()) {
            if (r.value2() != null) {
                out.put(r.value1(), r.value2());
            }
        }
        return out;
    }
}
