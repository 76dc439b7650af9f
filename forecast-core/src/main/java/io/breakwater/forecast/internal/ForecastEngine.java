package io.breakwater.forecast.internal;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.forecast.Anomaly;
import io.breakwater.forecast.BacktestMetric;
import io.breakwater.forecast.ForecastResult;
import io.breakwater.forecast.Method;
import io.breakwater.forecast.MonthForecast;
import io.breakwater.forecast.PipeForecast;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forecast run on a store's curated tables: completeness, back-test, choice, forecast, anomaly scan.
 *
 * @param horizon       months forecast
 * @param testYears     back-test years, the latest complete ones
 * @param threshold     tail probability below which a month is flagged
 * @param climateSeries the climate_monthly series to read, or null for the default of {@link io.breakwater.db.ClimateSeries#choose}
 */
public record ForecastEngine(int horizon, int testYears, double threshold, String climateSeries) {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastEngine.class);
    /** Years of history a fit needs before its origin. */
    public static final int WARM_UP_YEARS = 3;
    /** Years of station record each calendar month needs before weather enters a model. */
    static final int MIN_WEATHER_YEARS = 5;
    /** Previous years of the same calendar month whose median is the typical count of a trailing month. */
    static final int TYPICAL_YEARS = 5;

    public ForecastResult run(DSLContext dsl) {
        long started = System.nanoTime();
        BreakHistory h = BreakHistory.read(dsl, climateSeries);
        int end = lastComplete(h);
        if (end + 1 < 12 * (WARM_UP_YEARS + 1)) {
            throw new io.breakwater.db.BreakwaterException(io.breakwater.db.ErrorCode.INVALID_INPUT, "break history "
                    + h.first + ".." + h.monthAt(end) + " is too short to forecast: at least " + (WARM_UP_YEARS + 1)
                    + " complete years are needed (three to fit, one to test)");
        }
        List<Method> candidates = new ArrayList<>(h.weather.usable(MIN_WEATHER_YEARS)
                ? List.of(Method.SEASONAL, Method.CLIMATE_NB) : List.of(Method.SEASONAL));
        List<Integer> origins = IntStream.range(0, h.months).filter(t -> h.monthOfYear(t) == 1
                && t >= 12 * WARM_UP_YEARS).boxed().toList();
        List<Integer> testOrigins = origins.stream().filter(o -> o + 11 <= end).toList();
        testOrigins = testOrigins.subList(Math.max(0, testOrigins.size() - testYears), testOrigins.size());
        CountModelScores counts = CountModelScores.read(dsl, h);
        Map<Method, String> skipped = new LinkedHashMap<>();
        if (!h.weather.usable(MIN_WEATHER_YEARS)) {
            skipped.put(Method.CLIMATE_NB, "the station's weather record is shorter than " + MIN_WEATHER_YEARS
                    + " years per calendar month");
        }
        String countSkip = counts.skipReason(h, testOrigins, end + 1);
        if (countSkip == null) {
            candidates.add(Method.ML_COUNT);
        } else {
            skipped.put(Method.ML_COUNT, countSkip);
        }
        long read = System.nanoTime();
        Fits fits = new Fits(h, threshold, counts);
        List<BacktestMetric> backtest = new Backtest(h, fits).run(candidates, testOrigins, end);
        Method chosen = Backtest.choose(candidates, backtest);
        long tested = System.nanoTime();
        // the count model stored expectations only at its test years: months before them are judged by the best
        // statistical candidate
        Method judge = chosen != Method.ML_COUNT ? chosen
                : Backtest.choose(candidates.stream().filter(m -> m != Method.ML_COUNT).toList(), backtest);
        List<Anomaly> anomalies = new AnomalyScan(h, fits, threshold).run(judge, origins);
        long scanned = System.nanoTime();
        FittedModel model = fits.get(chosen, end + 1);
        List<MonthForecast> forecasts = forecast(h, model, end + 1);
        PipeForecasts pipes = new PipeForecasts(dsl, h);
        List<PipeForecast> pipeForecasts = List.of();
        if (pipes.pipeGrain()) {
            pipeForecasts = pipes.forecast(model, end + 1, horizon);
            backtest = new ArrayList<>(backtest);
            backtest.addAll(pipes.backtest(fits, chosen));
        }
        LOG.info("forecast steps: history read {} ms, back-test {} ms, anomaly scan {} ms, forecast {} ms",
                (read - started) / 1_000_000, (tested - read) / 1_000_000, (scanned - tested) / 1_000_000,
                (System.nanoTime() - scanned) / 1_000_000);
        YearMonth first = h.monthAt(end + 1);
        LOG.info("forecast from {} by {} (candidates {}), network over-dispersion {}, area over-dispersion {}", first,
                chosen.id(), candidates, model.networkAlpha(), model.areaAlpha());
        return new ForecastResult("forecast@" + first, chosen, first, h.first, h.monthAt(end), h.weather.series,
                model.networkAlpha(), model.areaAlpha(), threshold, forecasts, backtest, anomalies, pipeForecasts,
                Backtest.explain(candidates, chosen, backtest, skipped), Duration.ofNanos(System.nanoTime() - started));
    }

    /** True when the complete break history (trailing collapsed months left out) is long enough to forecast. */
    public static boolean enoughHistory(DSLContext dsl) {
        if (!dsl.fetchExists(PIPE_BREAKS_CLEAN)) {
            return false;
        }
        return lastComplete(BreakHistory.read(dsl, null)) + 1 >= 12 * (WARM_UP_YEARS + 1);
    }

    private List<MonthForecast> forecast(BreakHistory h, FittedModel model, int origin) {
        List<MonthForecast> out = new ArrayList<>();
        for (int t = origin; t < origin + horizon; t++) {
            int moy = h.monthOfYear(t);
            YearMonth month = h.monthAt(t);
            boolean weather = model.method() == Method.CLIMATE_NB;
            for (int a = -1; a < h.areaIds.size(); a++) {
                String scope = a < 0 ? "network" : "area";
                String id = a < 0 ? "*" : h.areaIds.get(a);
                out.add(row(scope, id, month, "normal", model.predict(t, a, List.of(h.weather.normal(moy))),
                        weather ? h.weather.normal(moy) : null));
                Weather.Condition cold = weather ? h.weather.cold(moy) : h.weather.normal(moy);
                out.add(row(scope, id, month, "cold_1_in_10", model.predict(t, a, List.of(cold)),
                        weather ? cold : null));
                out.add(row(scope, id, month, "any_weather", model.predict(t, a, model.unknownWeather(t)), null));
            }
        }
        return out;
    }

    private static MonthForecast row(String scope, String id, YearMonth month, String scenario, CountDistribution d,
            Weather.Condition weather) {
        int[] i80 = d.interval(0.8);
        int[] i95 = d.interval(0.95);
        return new MonthForecast(scope, id, month, scenario, d.mean(), i80[0], i80[1], i95[0], i95[1],
                weather == null ? Double.NaN : weather.freezingIndex(),
                weather == null ? Double.NaN : weather.freezeThawDays());
    }

    /**
     * The last complete month: walking back from the last month of records, a month whose count is under half the
     * median of the same calendar month in the previous years (a median of at least 10) is a collapse in records,
     * not a month to fit; at most 12 are left out.
     */
    static int lastComplete(BreakHistory h) {
        int end = h.months - 1;
        while (end > 0 && end >= h.months - 12) {
            int month = end;
            double[] previous = IntStream.rangeClosed(1, TYPICAL_YEARS).map(k -> month - 12 * k).filter(t -> t >= 0)
                    .mapToDouble(t -> h.network[t]).toArray();
            if (previous.length < 2) {
                break;
            }
            double typical = Weather.percentile(previous, 0.5);
            if (typical < 10 || h.network[end] >= AnomalyScan.GAP_RATIO * typical) {
                break;
            }
            end--;
        }
        return end;
    }
}
