package io.breakwater.bi.internal;

import static io.breakwater.bi.internal.ModelCard.row;
import static io.breakwater.db.schema.Tables.DIM_AREA;
import static io.breakwater.db.schema.Tables.FCT_BREAK_ANOMALY;
import static io.breakwater.db.schema.Tables.FCT_BREAK_FORECAST;
import static io.breakwater.db.schema.Tables.FORECAST_BACKTEST_METRICS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.schema.tables.records.FctBreakForecastRecord;
import io.breakwater.db.schema.tables.records.ForecastRunsRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * The report's forecast section, from the star facts of the latest forecast run: the 12-month band of the network
 * and of the areas expecting most breaks (normal winter, with the cold 1-in-10 expectation beside it), and the
 * network's history against the band of the forecast made before each month, flagged months marked. Self-contained:
 * its own HTML, data and script, which the report places after its own.
 */
public final class ForecastSection {
    /** Areas drawn beside the network. */
    static final int TOP_AREAS = 4;

    private ForecastSection() {
    }

    /** The section as the report places it: after the model card, linked as "Forecast". */
    static final ReportSection SECTION = new ReportSection() {
        @Override
        public String id() {
            return "forecast";
        }

        @Override
        public String title() {
            return "Forecast";
        }

        @Override
        public Rendered render(DSLContext dsl) {
            return new Rendered(ForecastSection.render(dsl), null, script());
        }
    };

    /** The section's HTML (with its data as JSON), or a short note when no forecast has run. */
    public static String render(DSLContext dsl) {
        StringBuilder h = new StringBuilder();
        h.append("<section id=\"forecast\"><h2>Forecast and anomalies</h2>");
        String method = dsl.select(DSL.max(FCT_BREAK_FORECAST.METHOD)).from(FCT_BREAK_FORECAST).fetchOne().value1();
        if (method == null) {
            return h.append("<p>No forecast has been made yet (the forecast stage, <code>breakwater forecast</code>)."
                    + "</p></section>\n").toString();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("network", band(dsl, null));
        List<Map<String, Object>> areas = new ArrayList<>();
        var top = dsl.select(FCT_BREAK_FORECAST.AREA_KEY, DSL.sum(FCT_BREAK_FORECAST.EXPECTED_BREAKS))
                .from(FCT_BREAK_FORECAST)
                .where(FCT_BREAK_FORECAST.SCOPE.eq("area").and(FCT_BREAK_FORECAST.SCENARIO.eq("normal")))
                .groupBy(FCT_BREAK_FORECAST.AREA_KEY)
                .orderBy(DSL.sum(FCT_BREAK_FORECAST.EXPECTED_BREAKS).desc(), FCT_BREAK_FORECAST.AREA_KEY)
                .limit(TOP_AREAS).fetch();
        for (var r : top) {
            String name = dsl.select(DIM_AREA.AREA_NAME).from(DIM_AREA).where(DIM_AREA.AREA_KEY.eq(r.value1()))
                    .fetchOptional(DIM_AREA.AREA_NAME).orElse(null);
            Map<String, Object> area = band(dsl, r.value1());
            area.put("name", name == null ? r.value1() : name);
            areas.add(area);
        }
        data.put("areas", areas);
        List<Map<String, Object>> history = new ArrayList<>();
        List<Map<String, Object>> flagged = new ArrayList<>();
        for (var a : dsl.selectFrom(FCT_BREAK_ANOMALY).where(FCT_BREAK_ANOMALY.SCOPE.eq("network"))
                .orderBy(FCT_BREAK_ANOMALY.MONTH_KEY).fetch()) {
            String month = month(a.getMonthKey());
            history.add(row("month", month, "observed", a.getObservedBreaks(), "expected", a.getExpectedBreaks(),
                    "lower95", a.getLower_95(), "upper95", a.getUpper_95(), "flagged", a.getFlagged()));
            if (Boolean.TRUE.equals(a.getFlagged())) {
                flagged.add(row("month", month, "observed", a.getObservedBreaks(), "expected",
                        Math.round(a.getExpectedBreaks() * 10) / 10.0, "band", a.getLower_95() + ".." + a.getUpper_95(),
                        "driver", a.getDriver(), "detail", a.getDriverDetail()));
            }
        }
        data.put("history", history);
        data.put("backtest", backtest(dsl));
        data.put("flagged", flagged);
        int areaFlags = dsl.fetchCount(FCT_BREAK_ANOMALY, FCT_BREAK_ANOMALY.SCOPE.eq("area")
                .and(FCT_BREAK_ANOMALY.FLAGGED.isTrue()));
        h.append("<p>Expected breaks per month with 80% and 95% prediction intervals in a normal winter (method <code>")
                .append(SvgMap.escape(method)).append("</code>, chosen by back-test: the lowest pooled area-month log "
                        + "score of the candidates below; the dashed line is a 1-in-10 cold "
                        + "winter), for the network and the ").append(areas.size()).append(" areas expecting most "
                        + "breaks. Below, every past month of the network against the 95% band of the forecast made "
                        + "before it; flagged months are marked (")
                .append(flagged.size()).append(" network months, ").append(String.format(Locale.ROOT, "%,d", areaFlags))
                .append(" area-months; table <code>break_anomalies</code> has them all).</p>\n<div class=\"grid\">")
                .append(card("chart-forecast-network", "Network: next 12 months", true));
        for (int i = 0; i < areas.size(); i++) {
            h.append(card("chart-forecast-area-" + (i + 1), String.valueOf(areas.get(i).get("name")), false));
        }
        h.append(card("chart-anomalies", "Network: actual against the expected band, flagged months marked", true))
                .append("<div class=\"card wide\"><h3>Flagged network months</h3><table id=\"table-anomalies\">"
                        + "</table></div>")
                .append(PipeForecastTable.html(dsl))
                .append("<div class=\"card wide\"><h3>Back-test of the forecasters (pooled over the test years; "
                        + "80% intervals should cover 75-85% of months, 95% intervals 92-98%)</h3>"
                        + "<p>pit_coverage: the same shares by randomised PIT, free of the coarseness of small counts "
                        + "(an area expecting 0.3 breaks has [0, 1] as its 80% interval, which holds 96%); "
                        + "gap_months: months whose records collapsed, not scored.</p>" + candidates(dsl)
                        + "<table id=\"table-forecast-backtest\"></table></div></div></section>\n");
        try {
            h.append("<script id=\"forecast-data\" type=\"application/json\">")
                    .append(new ObjectMapper().writeValueAsString(data).replace("</", "<\\/")).append("</script>\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return h.toString();
    }

    /** The section's script: draws its charts with the report's Chart.js (placed after it). */
    public static String script() {
        try (InputStream in = ForecastSection.class.getResourceAsStream("forecast.js")) {
            if (in == null) {
                throw new IllegalStateException("forecast.js missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each candidate of the latest run, chosen, back-tested or skipped, with the reason stored with the run. */
    private static String candidates(DSLContext dsl) {
        ForecastRunsRecord run = ForecastFacts.latest(dsl);
        if (run == null || run.getChoiceJson() == null) {
            return "";
        }
        StringBuilder h = new StringBuilder("<ul id=\"forecast-candidates\">");
        try {
            for (var c : new ObjectMapper().readTree(run.getChoiceJson()).path("candidates")) {
                h.append("<li><code>").append(SvgMap.escape(c.path("method").asText())).append("</code> ")
                        .append(SvgMap.escape(c.path("status").asText())).append(": ")
                        .append(SvgMap.escape(c.path("reason").asText())).append("</li>");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("forecast_runs.choice_json of " + run.getForecastId() + " is not JSON", e);
        }
        return h.append("</ul>").toString();
    }

    /** Pooled back-test numbers of the latest run per candidate and level, as table rows. */
    private static List<Map<String, Object>> backtest(DSLContext dsl) {
        ForecastRunsRecord run = ForecastFacts.latest(dsl);
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        if (run == null) {
            return List.of();
        }
        for (var m : dsl.selectFrom(FORECAST_BACKTEST_METRICS)
                .where(FORECAST_BACKTEST_METRICS.FORECAST_ID.eq(run.getForecastId())
                        .and(FORECAST_BACKTEST_METRICS.PERIOD.eq("pooled")))
                .orderBy(FORECAST_BACKTEST_METRICS.SCOPE, FORECAST_BACKTEST_METRICS.CANDIDATE).fetch()) {
            Map<String, Object> r = rows.computeIfAbsent(m.getCandidate() + "/" + m.getScope(), k -> row("candidate",
                    m.getCandidate() + (m.getCandidate().equals(run.getMethod()) ? " (chosen)" : ""),
                    "level", m.getScope()));
            r.put(m.getMetric(), m.getMetricValue() == null ? null : Math.round(m.getMetricValue() * 1000) / 1000.0);
        }
        return new ArrayList<>(rows.values());
    }

    /** Months of one area (null: the network) with the normal band and the cold expectation. */
    private static Map<String, Object> band(DSLContext dsl, String areaKey) {
        var where = areaKey == null ? FCT_BREAK_FORECAST.SCOPE.eq("network") : FCT_BREAK_FORECAST.AREA_KEY.eq(areaKey);
        var normal = scenario(dsl, where, "normal");
        return row("months", normal.map(f -> month(f.getMonthKey())),
                "expected", normal.getValues(FCT_BREAK_FORECAST.EXPECTED_BREAKS),
                "lower80", normal.getValues(FCT_BREAK_FORECAST.LOWER_80),
                "upper80", normal.getValues(FCT_BREAK_FORECAST.UPPER_80),
                "lower95", normal.getValues(FCT_BREAK_FORECAST.LOWER_95),
                "upper95", normal.getValues(FCT_BREAK_FORECAST.UPPER_95),
                "cold", scenario(dsl, where, "cold_1_in_10").getValues(FCT_BREAK_FORECAST.EXPECTED_BREAKS));
    }

    /** The forecast months of one scenario where {@code where} holds, in month order. */
    private static Result<FctBreakForecastRecord> scenario(DSLContext dsl, Condition where, String scenario) {
        return dsl.selectFrom(FCT_BREAK_FORECAST).where(where.and(FCT_BREAK_FORECAST.SCENARIO.eq(scenario)))
                .orderBy(FCT_BREAK_FORECAST.MONTH_KEY).fetch();
    }

    private static String month(int monthKey) {
        return String.format(Locale.ROOT, "%d-%02d", monthKey / 10_000, monthKey / 100 % 100);
    }

    private static String card(String canvasId, String title, boolean wide) {
        return "<div class=\"card" + (wide ? " wide" : "") + "\"><h3>" + SvgMap.escape(title)
                + "</h3><div class=\"chart\"><canvas id=\"" + canvasId + "\"></canvas></div></div>";
    }
}
