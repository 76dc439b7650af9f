package io.breakwater.bi.testing;

import static io.breakwater.db.schema.Tables.BREAK_ANOMALIES;
import static io.breakwater.db.schema.Tables.BREAK_FORECASTS;
import static io.breakwater.db.schema.Tables.FORECAST_RUNS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_FORECASTS;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A stored forecast run for the demo store: 2017 forecast for the network and three areas under the three weather
 * scenarios, and 2016 judged against its forecast, with March 2016 flagged for a freezing-index extreme; every pipe's
 * 2017 months (P001 expecting most).
 */
public final class ForecastFixture {
    public static final String FORECAST_ID = "forecast@2017-01";
    public static final List<String> AREAS = List.of("*", "A01", "A02", "A03");

    private ForecastFixture() {
    }

    public static void fill(DSLContext dsl) {
        var run = dsl.newRecord(FORECAST_RUNS);
        run.setForecastId(FORECAST_ID);
        run.setFirstMonth(LocalDate.of(2017, 1, 1));
        run.setHorizonMonths(12);
        run.setHistoryStart(LocalDate.of(2014, 1, 1));
        run.setHistoryEnd(LocalDate.of(2016, 12, 1));
        run.setMethod("climate_nb");
        run.setCandidates("seasonal,climate_nb");
        run.setAnomalyThreshold(0.01);
        run.setScenariosJson("{}");
        run.setCreatedAt(LocalDateTime.of(2026, 11, 20, 10, 0));
        run.setBreakwaterVersion("test");
        run.insert();
        for (String area : AREAS) {
            double scale = area.equals("*") ? 40 : 4;
            for (int m = 1; m <= 12; m++) {
                double winter = m <= 3 || m == 12 ? 1.6 : 1.0;
                for (String scenario : List.of("normal", "cold_1_in_10", "any_weather")) {
                    double mean = scale * winter * (scenario.equals("cold_1_in_10") ? 1.3 : 1.0);
                    var f = dsl.newRecord(BREAK_FORECASTS);
                    f.setForecastId(FORECAST_ID);
                    f.setScope(area.equals("*") ? "network" : "area");
                    f.setAreaId(area);
                    f.setMonthStart(LocalDate.of(2017, m, 1));
                    f.setScenario(scenario);
                    f.setExpectedBreaks(mean);
                    f.setLower_80((int) (mean * 0.7));
                    f.setUpper_80((int) (mean * 1.3) + 1);
                    f.setLower_95((int) (mean * 0.5));
                    f.setUpper_95((int) (mean * 1.6) + 1);
                    f.insert();
                }
                var a = dsl.newRecord(BREAK_ANOMALIES);
                double expected = scale * winter;
                boolean flagged = area.equals("*") && m == 3;
                a.setForecastId(FORECAST_ID);
                a.setScope(area.equals("*") ? "network" : "area");
                a.setAreaId(area);
                a.setMonthStart(LocalDate.of(2016, m, 1));
                a.setObservedBreaks(flagged ? (int) (expected * 2.5) : (int) expected);
                a.setExpectedBreaks(expected);
                a.setLower_95((int) (expected * 0.5));
                a.setUpper_95((int) (expected * 1.6) + 1);
                a.setTailProbability(flagged ? 0.001 : 0.4);
                a.setDirection("high");
                a.setFlagged(flagged);
                a.setDriver(flagged ? "freezing_index_extreme" : null);
                a.setDriverDetail(flagged ? "freezing index 190.0 degree-days" : null);
                a.insert();
            }
        }
        fillPipes(dsl);
    }

    /** Each pipe's 2017 months: its area's forecast split evenly over the area's pipes, P001 the riskiest. */
    private static void fillPipes(DSLContext dsl) {
        for (var pipe : dsl.select(PIPES.PIPE_ID, PIPES.AREA_ID).from(PIPES).orderBy(PIPES.PIPE_ID).fetch()) {
            double share = pipe.value1().equals("P001") ? 0.5 : 0.1;
            for (int m = 1; m <= 12; m++) {
                double mean = share * (m <= 3 || m == 12 ? 1.6 : 1.0);
                var f = dsl.newRecord(PIPE_BREAK_FORECASTS);
                f.setForecastId(FORECAST_ID);
                f.setAssetId(pipe.value1());
                f.setAreaId(pipe.value2() == null ? "*" : pipe.value2());
                f.setMonthStart(LocalDate.of(2017, m, 1));
                f.setRiskShare(share);
                f.setExpectedBreaks(mean);
                f.setLower_80(0);
                f.setUpper_80(mean > 0.5 ? 2 : 1);
                f.setLower_95(0);
                f.setUpper_95(mean > 0.5 ? 3 : 1);
                f.setExpectedCold(mean * 1.3);
                f.setUpper_95Cold(mean > 0.5 ? 3 : 2);
                f.insert();
            }
        }
    }
}
