package io.breakwater.forecast.internal;

import static io.breakwater.db.schema.Tables.BREAK_ANOMALIES;
import static io.breakwater.db.schema.Tables.BREAK_FORECASTS;
import static io.breakwater.db.schema.Tables.FORECAST_BACKTEST_METRICS;
import static io.breakwater.db.schema.Tables.FORECAST_RUNS;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_FORECASTS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.BreakAnomaliesRecord;
import io.breakwater.db.schema.tables.records.BreakForecastsRecord;
import io.breakwater.db.schema.tables.records.ForecastBacktestMetricsRecord;
import io.breakwater.db.schema.tables.records.ForecastRunsRecord;
import io.breakwater.db.schema.tables.records.PipeBreakForecastsRecord;
import io.breakwater.forecast.Anomaly;
import io.breakwater.forecast.BacktestMetric;
import io.breakwater.forecast.ForecastResult;
import io.breakwater.forecast.Candidate;
import io.breakwater.forecast.MonthForecast;
import io.breakwater.forecast.PipeForecast;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** Writes a forecast run to the V15 and V18 tables in one transaction, replacing an earlier run of the same id. */
public final class ForecastStore {
    private ForecastStore() {
    }

    public static void write(DSLContext dsl, ForecastResult r, LocalDateTime now) {
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            String id = r.forecastId();
            tx.deleteFrom(BREAK_ANOMALIES).where(BREAK_ANOMALIES.FORECAST_ID.eq(id)).execute();
            tx.deleteFrom(BREAK_FORECASTS).where(BREAK_FORECASTS.FORECAST_ID.eq(id)).execute();
            tx.deleteFrom(PIPE_BREAK_FORECASTS).where(PIPE_BREAK_FORECASTS.FORECAST_ID.eq(id)).execute();
            tx.deleteFrom(FORECAST_BACKTEST_METRICS).where(FORECAST_BACKTEST_METRICS.FORECAST_ID.eq(id)).execute();
            tx.deleteFrom(FORECAST_RUNS).where(FORECAST_RUNS.FORECAST_ID.eq(id)).execute();
            ForecastRunsRecord run = new ForecastRunsRecord(id, r.firstMonth().atDay(1),
                    (int) r.forecasts().stream().map(MonthForecast::month).distinct().count(),
                    r.historyStart().atDay(1), r.historyEnd().atDay(1), r.method().id(),
                    String.join(",", r.candidates().stream().filter(x -> !x.status().equals(Candidate.SKIPPED))
                            .map(Candidate::method).toList()), r.climateSeries(),
                    r.networkAlpha(), r.areaAlpha(), r.threshold(), scenarios(r), now, BreakwaterVersion.get(),
                    choice(r));
            BulkRows.insert(tx, FORECAST_RUNS, List.of(run));
            List<BreakForecastsRecord> forecasts = new ArrayList<>();
            for (MonthForecast f : r.forecasts()) {
                forecasts.add(new BreakForecastsRecord(id, f.scope(), f.areaId(), f.month().atDay(1), f.scenario(),
                        f.expected(), f.lower80(), f.upper80(), f.lower95(), f.upper95(), nullIfNaN(f.freezingIndex()),
                        nullIfNaN(f.freezeThawDays())));
            }
            BulkRows.insert(tx, BREAK_FORECASTS, forecasts);
            List<PipeBreakForecastsRecord> pipes = new ArrayList<>();
            for (PipeForecast p : r.pipeForecasts()) {
                pipes.add(new PipeBreakForecastsRecord(id, p.assetId(), p.areaId(), p.month().atDay(1), p.riskShare(),
                        p.expected(), p.lower80(), p.upper80(), p.lower95(), p.upper95(), p.expectedCold(),
                        p.upper95Cold()));
            }
            BulkRows.insert(tx, PIPE_BREAK_FORECASTS, pipes);
            List<ForecastBacktestMetricsRecord> metrics = new ArrayList<>();
            for (BacktestMetric m : r.backtest()) {
                metrics.add(new ForecastBacktestMetricsRecord(id, m.candidate(), m.scope(), m.period(), m.metric(),
                        nullIfNaN(m.value())));
            }
            BulkRows.insert(tx, FORECAST_BACKTEST_METRICS, metrics);
            List<BreakAnomaliesRecord> anomalies = new ArrayList<>();
            for (Anomaly a : r.anomalies()) {
                anomalies.add(new BreakAnomaliesRecord(id, a.scope(), a.areaId(), a.month().atDay(1), a.observed(),
                        a.expected(), a.lower95(), a.upper95(), a.tailProbability(), a.expectedNormal(),
                        a.upper95Normal(), a.tailProbabilityNormal(), a.lower95Cold(), a.upper95Cold(), a.direction(),
                        a.flagged(), a.driver(), a.driverDetail(), nullIfNaN(a.freezingIndex())));
            }
            BulkRows.insert(tx, BREAK_ANOMALIES, anomalies);
        });
    }

    /** Every candidate, chosen, back-tested or skipped, with its reason. */
    private static String choice(ForecastResult r) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("chosen", r.method().id());
        root.put("rule", "lowest pooled area-month log score in the rolling-origin back-test");
        var list = root.putArray("candidates");
        for (Candidate c : r.candidates()) {
            list.addObject().put("method", c.method()).put("status", c.status()).put("reason", c.reason());
        }
        return root.toString();
    }

    /** Each scenario's weather per calendar month, as stated in the output. */
    private static String scenarios(ForecastResult r) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("normal", "median freezing index and median freeze-thaw days of the calendar month in the station's record");
        root.put("cold_1_in_10", "90th percentile of the month's freezing index in the station's record, with the mean "
                + "freeze-thaw days of its coldest fifth");
        root.put("any_weather", "every year of the station's record, one draw each (weather unknown)");
        ObjectNode months = root.putObject("months");
        r.forecasts().stream().filter(f -> f.scope().equals("network") && !f.scenario().equals("any_weather"))
                .forEach(f -> {
                    ObjectNode m = months.has(f.month().toString()) ? (ObjectNode) months.get(f.month().toString())
                            : months.putObject(f.month().toString());
                    ObjectNode s = m.putObject(f.scenario());
                    s.put("freezing_index", nullIfNaN(f.freezingIndex()));
                    s.put("freeze_thaw_days", nullIfNaN(f.freezeThawDays()));
                });
        return root.toString();
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
