package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.DASH_BREAK_TRENDS;
import static io.breakwater.db.schema.Tables.DASH_CLIMATE_DRIVERS;
import static io.breakwater.db.schema.Tables.DASH_HOTSPOTS;
import static io.breakwater.db.schema.Tables.DASH_RISK_RANKING;
import static io.breakwater.db.schema.Tables.DASH_SOIL_DRIVERS;
import static io.breakwater.db.schema.Tables.DIM_MODEL;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.EVALUATION_METRICS;
import static io.breakwater.db.schema.Tables.FCT_DQ_RESULT;
import static io.breakwater.db.schema.Tables.FCT_INGEST_RUN;
import static io.breakwater.db.schema.Tables.FCT_MODEL_CALIBRATION;
import static io.breakwater.db.schema.Tables.FCT_MODEL_FEATURE;
import static io.breakwater.db.schema.Tables.FCT_MODEL_METRIC;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.bi.ReportResult;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.DashBreakTrendsRecord;
import io.breakwater.db.schema.tables.records.DashHotspotsRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Renders the offline HTML report of one store. Use {@link io.breakwater.bi.Report}. */
public final class ReportWriter {
    private static final String STEP = "report";
    /** Metrics the model card plots per year, in order of preference. */
    private static final List<String> PREFERRED_METRICS = List.of("roc_auc", "share_breaks_top_10pct", "pr_auc",
            "brier");
    private static final Pattern CANVAS = Pattern.compile("<canvas id=\"([a-z0-9-]+)\"");

    private final BreakwaterStore store;
    private final String title;
    private final Clock clock;
    private final ProgressListener progress;
    /** Checks of the latest ingest run of each source that warn the run, for the report's first screen. */
    private List<String> warnings = List.of();

    public ReportWriter(BreakwaterStore store, String title, Clock clock, ProgressListener progress) {
        this.store = store;
        this.title = title;
        this.clock = clock;
        this.progress = progress;
    }

    public ReportResult write(Path file) {
        progress.started(STEP, 3, "parts");
        Instant now = clock.instant();
        DSLContext dsl = store.dsl();
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> empty = new LinkedHashMap<>();

        // 1. trends and seasonality
        var trends = dsl.selectFrom(DASH_BREAK_TRENDS).orderBy(DASH_BREAK_TRENDS.MONTH_KEY).fetch();
        List<Map<String, Object>> trendRows = new ArrayList<>();
        Map<Integer, Integer[]> byYear = new TreeMap<>();
        long totalBreaks = 0;
        for (DashBreakTrendsRecord t : trends) {
            trendRows.add(row("month", t.getMonthStart().toString().substring(0, 7), "breaks", t.getBreaks(),
                    "rolling12", t.getBreaksRolling_12m(), "lastYear", t.getBreaksSameMonthLastYear()));
            byYear.computeIfAbsent(t.getYear(), y -> new Integer[12])[t.getMonthOfYear() - 1] = t.getBreaks();
            totalBreaks += t.getBreaks();
        }
        data.put("trends", trendRows);
        List<Map<String, Object>> seasonality = new ArrayList<>();
        List<Integer> years = new ArrayList<>(byYear.keySet());
        for (Integer year : years.subList(Math.max(0, years.size() - 6), years.size())) {
            seasonality.add(row("year", year, "breaks", byYear.get(year)));
        }
        data.put("seasonality", seasonality);

        // 2. drivers
        List<Map<String, Object>> climate = new ArrayList<>();
        String climateSeries = null;
        for (var c : dsl.selectFrom(DASH_CLIMATE_DRIVERS).orderBy(DASH_CLIMATE_DRIVERS.MONTH_KEY).fetch()) {
            climateSeries = c.getSeriesId();
            climate.add(row("month", c.getMonthKey(), "breaks", c.getBreaks(), "freezingIndex", c.getFreezingIndex(),
                    "tDrop", c.getTDrop(), "precip", c.getPrecipMm()));
        }
        data.put("climate", climate);
        List<Map<String, Object>> soil = new ArrayList<>();
        boolean soilSynthetic = false;
        for (var s : dsl.selectFrom(DASH_SOIL_DRIVERS).orderBy(DASH_SOIL_DRIVERS.CORROSIVITY_INDEX.asc().nullsLast(),
                DASH_SOIL_DRIVERS.SOIL_ZONE_KEY).fetch()) {
            soilSynthetic |= Boolean.TRUE.equals(s.getIsSynthetic());
            soil.add(row("zone", s.getSoilZoneKey(), "corrosivity", s.getCorrosivityClass(), "breaks", s.getBreaks(),
                    "perKm2", s.getBreaksPerKm2()));
        }
        data.put("soil", soil);

        // 3. hotspots
        var hotspots = dsl.selectFrom(DASH_HOTSPOTS).orderBy(DASH_HOTSPOTS.BREAKS_RANK).fetch();
        boolean perKm = hotspots.stream().anyMatch(h -> h.getBreaksPerKm() != null);
        String measure = perKm ? "breaks per km of main" : "breaks per km²";
        data.put("hotspotMeasure", measure);
        List<Map<String, Object>> top = new ArrayList<>();
        for (DashHotspotsRecord h : hotspots.subList(0, Math.min(15, hotspots.size()))) {
            top.add(row("name", label(h), "breaks", h.getBreaks(),
                    "value", perKm ? h.getBreaksPerKm() : h.getBreaksPerKm2()));
        }
        data.put("hotspots", top);
        List<SvgMap.Shape> breakShapes = new ArrayList<>();
        List<SvgMap.Shape> riskShapes = new ArrayList<>();
        for (DashHotspotsRecord h : hotspots) {
            breakShapes.add(new SvgMap.Shape(label(h) + " (" + h.getBreaks() + " breaks)", h.getGeometryWkt(),
                    perKm ? h.getBreaksPerKm() : h.getBreaksPerKm2()));
            riskShapes.add(new SvgMap.Shape(label(h), h.getGeometryWkt(), h.getMeanRisk()));
        }
        SvgMap.Drawn breakMap = SvgMap.render("map-breaks", "Breaks by area", measure, breakShapes, 2);
        boolean anyRisk = hotspots.stream().anyMatch(h -> h.getMeanRisk() != null);
        SvgMap.Drawn riskMap = anyRisk
                ? SvgMap.render("map-risk", "Mean risk by area", "mean probability", riskShapes, 3)
                : new SvgMap.Drawn("", 0, 0);
        progress.progressed(STEP, 1);

        // 4. risk ranking of the headline model
        DimModelRecord model = headlineModel(dsl);
        List<Map<String, Object>> riskTop = new ArrayList<>();
        List<Map<String, Object>> riskClasses = new ArrayList<>();
        if (model != null) {
            for (var r : dsl.selectFrom(DASH_RISK_RANKING).where(DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey()))
                    .orderBy(DASH_RISK_RANKING.RISK_RANK).limit(20).fetch()) {
                riskTop.add(row("rank", r.getRiskRank(), "asset", r.getAssetKey(), "area", r.getAreaKey(),
                        "probability", r.getProbability(), "expected", r.getExpectedBreaks(),
                        "riskClass", r.getRiskClass(), "driver1", r.getDriver_1(),
                        "driver2", r.getDriver_2(), "driver3", r.getDriver_3()));
            }
            for (Record r : dsl.select(DASH_RISK_RANKING.RISK_CLASS, DSL.count()).from(DASH_RISK_RANKING)
                    .where(DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey()))
                    .groupBy(DASH_RISK_RANKING.RISK_CLASS)
                    .orderBy(DSL.min(DASH_RISK_RANKING.RISK_RANK)).fetch()) {
                riskClasses.add(row("riskClass", r.get(0, String.class), "assets", r.get(1, Integer.class)));
            }
        }
        data.put("riskTop", riskTop);
        // a count model ranks by expected breaks; its probability (of at least one) saturates near 1 on busy assets
        boolean countModel = model != null && "break_count".equals(model.getTarget());
        data.put("riskMeasure", countModel ? "expected" : "probability");
        data.put("riskMeasureLabel", model == null ? "" : countModel
                ? "expected breaks within " + model.getHorizonMonths() + " months"
                : "probability of a break within " + model.getHorizonMonths() + " months");
        data.put("riskClasses", riskClasses);

        // 5. model card
        data.put("model", modelCard(dsl, model));
        progress.progressed(STEP, 2);

        // 6. data quality
        Map<String, Object> dq = new LinkedHashMap<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (var r : dsl.selectFrom(FCT_INGEST_RUN).orderBy(FCT_INGEST_RUN.RUN_ID).fetch()) {
            runs.add(row("runId", r.getRunId(), "source", r.getSourceName(), "kind", r.getSourceKind(),
                    "status", r.getStatus(), "started", r.getStartedAt().toString().replace('T', ' '),
                    "read", r.getRowsRead(), "loaded", r.getRowsLoaded(), "rejected", r.getRowsRejected(),
                    "filtered", r.getRowsFiltered(), "flagged", r.getRowsFlagged(), "rules", r.getRejectRules()));
        }
        dq.put("runs", runs);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (var q : dsl.selectFrom(FCT_DQ_RESULT).where(FCT_DQ_RESULT.STATUS.ne("passed"))
                .orderBy(FCT_DQ_RESULT.RUN_ID, FCT_DQ_RESULT.CHECK_NAME).limit(200).fetch()) {
            checks.add(row("runId", q.getRunId(), "check", q.getCheckName(), "table", q.getTableName(),
                    "severity", q.getSeverity(), "status", q.getStatus(), "unexpected", q.getUnexpectedCount(),
                    "percent", q.getUnexpectedPercent(), "message", q.getMessage()));
        }
        dq.put("checks", checks);
        List<Map<String, Object>> rejects = new ArrayList<>();
        for (Record r : dsl.select(REJECTED_ROWS.RUN_ID, REJECTED_ROWS.RULE, DSL.count(),
                DSL.min(REJECTED_ROWS.MESSAGE)).from(REJECTED_ROWS)
                .groupBy(REJECTED_ROWS.RUN_ID, REJECTED_ROWS.RULE)
                .orderBy(REJECTED_ROWS.RUN_ID, DSL.count().desc()).limit(200).fetch()) {
            rejects.add(row("runId", r.get(0), "rule", r.get(1), "rows", r.get(2), "example", r.get(3)));
        }
        dq.put("rejects", rejects);
        data.put("dq", dq);
        warnings = runWarnings(dsl);

        String html = html(now, data, breakMap, riskMap, model, totalBreaks, climateSeries, soilSynthetic, measure);
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot write report " + file + ": " + e.getMessage(), e);
        }
        List<String> charts = new ArrayList<>();
        Matcher m = CANVAS.matcher(html);
        while (m.find()) {
            charts.add(m.group(1));
        }
        emptyCharts(data, empty);
        Map<String, Integer> maps = new LinkedHashMap<>();
        maps.put("map-breaks", breakMap.shapes());
        if (anyRisk) {
            maps.put("map-risk", riskMap.shapes());
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReportResult result = new ReportResult(file, bytes, now, charts, empty, maps);
        progress.finished(STEP, String.format(Locale.ROOT, "Report: %s (%,d KiB), %d charts%s, %d areas on the map",
                file, bytes / 1024, charts.size() - empty.size(),
                empty.isEmpty() ? "" : " (" + empty.size() + " without data: " + empty.keySet() + ")",
                breakMap.shapes()));
        return result;
    }

    private static String label(DashHotspotsRecord h) {
        return h.getAreaName() != null ? h.getAreaName() : h.getAreaKey();
    }

    /** The newest model that has latest scores; else the newest model; else none. */
    private static DimModelRecord headlineModel(DSLContext dsl) {
        var models = dsl.selectFrom(DIM_MODEL).orderBy(DIM_MODEL.CREATED_AT.desc(), DIM_MODEL.MODEL_KEY.desc())
                .fetch();
        var scored = new TreeSet<>(dsl.selectDistinct(DASH_RISK_RANKING.MODEL_KEY).from(DASH_RISK_RANKING)
                .fetch(DASH_RISK_RANKING.MODEL_KEY));
        return models.stream().filter(m -> scored.contains(m.getModelKey())).findFirst()
                .orElse(models.isEmpty() ? null : models.get(0));
    }

    /**
     * A final model is trained on all labelled history, so its own metrics hold no test years: the per-year figures
     * are those of the newest rolling evaluation of the same feature set, algorithm and target.
     */
    private static void evaluationMetrics(DSLContext dsl, DimModelRecord model,
            Map<String, Map<String, Double>> byScorer, TreeSet<String> periodSet, List<Map<String, Object>> pooled) {
        String evaluation = dsl.select(MODEL_EVALUATIONS.EVALUATION_ID).from(MODEL_EVALUATIONS)
                .where(MODEL_EVALUATIONS.FEATURE_SET_ID.eq(model.getFeatureSetId()))
                .and(MODEL_EVALUATIONS.ALGORITHM.eq(model.getAlgorithm()))
                .and(MODEL_EVALUATIONS.TARGET.eq(model.getTarget()))
                .orderBy(MODEL_EVALUATIONS.CREATED_AT.desc(), MODEL_EVALUATIONS.EVALUATION_ID.desc())
                .limit(1).fetchOne(MODEL_EVALUATIONS.EVALUATION_ID);
        if (evaluation == null) {
            return;
        }
        String metric = PREFERRED_METRICS.get(0);
        pooled.clear();
        for (var m : dsl.selectFrom(EVALUATION_METRICS).where(EVALUATION_METRICS.EVALUATION_ID.eq(evaluation))
                .orderBy(EVALUATION_METRICS.SCORER, EVALUATION_METRICS.PERIOD, EVALUATION_METRICS.METRIC).fetch()) {
            if (m.getPeriod().matches("[0-9]{4}") && m.getMetric().equals(metric)) {
                byScorer.computeIfAbsent(m.getScorer(), x -> new TreeMap<>()).put(m.getPeriod(), m.getMetricValue());
                periodSet.add(m.getPeriod());
            } else if (m.getPeriod().equals("pooled")) {
                pooled.add(row("scorer", m.getScorer(), "metric", m.getMetric(), "value", m.getMetricValue()));
            }
        }
    }

    private Map<String, Object> modelCard(DSLContext dsl, DimModelRecord model) {
        Map<String, Object> card = new LinkedHashMap<>();
        List<Map<String, Object>> scorers = new ArrayList<>();
        List<String> periods = new ArrayList<>();
        List<Map<String, Object>> pooled = new ArrayList<>();
        List<Map<String, Object>> calibration = new ArrayList<>();
        List<Map<String, Object>> importance = new ArrayList<>();
        String metric = null;
        if (model != null) {
            String key = model.getModelKey();
            card.put("key", key);
            var metrics = dsl.selectFrom(FCT_MODEL_METRIC).where(FCT_MODEL_METRIC.MODEL_KEY.eq(key))
                    .orderBy(FCT_MODEL_METRIC.SCORER, FCT_MODEL_METRIC.PERIOD, FCT_MODEL_METRIC.METRIC).fetch();
            TreeSet<String> yearly = new TreeSet<>();
            for (var m : metrics) {
                if (m.getPeriodYear() != null) {
                    yearly.add(m.getMetric());
                }
            }
            metric = PREFERRED_METRICS.stream().filter(yearly::contains).findFirst()
                    .orElse(yearly.isEmpty() ? null : yearly.first());
            Map<String, Map<String, Double>> byScorer = new TreeMap<>((a, b) -> a.equals("model") ? -1
                    : b.equals("model") ? 1 : a.compareTo(b));
            TreeSet<String> periodSet = new TreeSet<>();
            for (var m : metrics) {
                if (m.getPeriodYear() != null && m.getMetric().equals(metric)) {
                    byScorer.computeIfAbsent(m.getScorer(), s -> new TreeMap<>()).put(m.getPeriod(), m.getMetricValue());
                    periodSet.add(m.getPeriod());
                } else if (m.getPeriodYear() == null) {
                    pooled.add(row("scorer", m.getScorer(), "metric", m.getMetric(), "value", m.getMetricValue()));
                }
            }
            if (periodSet.isEmpty()) {
                evaluationMetrics(dsl, model, byScorer, periodSet, pooled);
                metric = byScorer.isEmpty() ? metric : PREFERRED_METRICS.get(0);
            }
            periods.addAll(periodSet);
            byScorer.forEach((scorer, values) -> scorers.add(row("scorer", scorer,
                    "values", periods.stream().map(values::get).toList())));
            for (var c : dsl.selectFrom(FCT_MODEL_CALIBRATION).where(FCT_MODEL_CALIBRATION.MODEL_KEY.eq(key))
                    .orderBy(FCT_MODEL_CALIBRATION.BIN).fetch()) {
                calibration.add(row("bin", c.getBin(), "predicted", c.getPredictedMean(), "observed",
                        c.getObservedRate(), "n", c.getScoredCount()));
                card.put("calibrationSource", c.getSource());
            }
            for (var f : dsl.selectFrom(FCT_MODEL_FEATURE).where(FCT_MODEL_FEATURE.MODEL_KEY.eq(key))
                    .orderBy(FCT_MODEL_FEATURE.IMPORTANCE_RANK).limit(15).fetch()) {
                importance.add(row("feature", f.getFeature(), "importance", f.getImportance()));
            }
        }
        card.put("metric", metric);
        card.put("periods", periods);
        card.put("scorers", scorers);
        card.put("pooled", pooled);
        card.put("calibration", calibration);
        card.put("importance", importance);
        return card;
    }

    /** The same "no data" decisions the page script makes, so that the result says which charts are empty. */
    @SuppressWarnings("unchecked")
    private static void emptyCharts(Map<String, Object> data, Map<String, String> empty) {
        if (((List<?>) data.get("trends")).isEmpty()) {
            empty.put("chart-trend", "no break records");
            empty.put("chart-seasonality", "no break records");
        }
        List<Map<String, Object>> climate = (List<Map<String, Object>>) data.get("climate");
        for (String[] c : new String[][] {{"chart-freezing", "freezingIndex", "no temperature for the break months"},
            {"chart-tdrop", "tDrop", "no temperature for the break months"},
            {"chart-precip", "precip", "no precipitation for the break months"}}) {
            if (climate.stream().noneMatch(r -> r.get(c[1]) != null)) {
                empty.put(c[0], c[2]);
            }
        }
        if (((List<?>) data.get("soil")).isEmpty()) {
            empty.put("chart-soil", "no soil zones");
        }
        if (((List<?>) data.get("hotspots")).isEmpty()) {
            empty.put("chart-hotspots", "no areas");
        }
        if (((List<?>) data.get("riskTop")).isEmpty()) {
            empty.put("chart-risk-top", "no risk scores");
            empty.put("chart-risk-class", "no risk scores");
        }
        Map<String, Object> model = (Map<String, Object>) data.get("model");
        if (((List<?>) model.get("scorers")).isEmpty() || ((List<?>) model.get("periods")).isEmpty()) {
            empty.put("chart-metrics", "no per-year metrics");
        }
        if (((List<?>) model.get("calibration")).isEmpty()) {
            empty.put("chart-calibration", "no scores with a known outcome");
        }
        if (((List<?>) model.get("importance")).isEmpty()) {
            empty.put("chart-importance", "no feature importance");
        }
        if (((List<?>) ((Map<String, Object>) data.get("dq")).get("runs")).isEmpty()) {
            empty.put("chart-dq", "no ingest runs");
        }
    }

    private String html(Instant now, Map<String, Object> data, SvgMap.Drawn breakMap, SvgMap.Drawn riskMap,
            DimModelRecord model, long totalBreaks, String climateSeries, boolean soilSynthetic, String measure) {
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String e = SvgMap.escape(title);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> trends = (List<Map<String, Object>>) data.get("trends");
        String span = trends.isEmpty() ? "no break records"
                : trends.get(0).get("month") + " to " + trends.get(trends.size() - 1).get("month");
        StringBuilder h = new StringBuilder(400_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Breakwater ").append(BreakwaterVersion.get()).append("\">\n")
                .append("<title>").append(e).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(e).append("</h1><p>")
                .append(String.format(Locale.ROOT, "%,d breaks, %s", totalBreaks, span))
                .append(" &middot; generated ").append(DateTimeFormatter.ISO_INSTANT.format(now))
                .append(" from ").append(SvgMap.escape(store.location().describe()))
                .append(" by Breakwater ").append(SvgMap.escape(BreakwaterVersion.get()))
                .append(". Offline: everything is in this file.</p>\n<nav>")
                .append("<a href=\"#trends\">Trends</a><a href=\"#drivers\">Drivers</a><a href=\"#hotspots\">Hotspots</a>")
                .append("<a href=\"#risk\">Risk ranking</a><a href=\"#model\">Model card</a>")
                .append("<a href=\"#quality\">Data quality</a><a href=\"#forecast\">Forecast</a></nav></header>\n<main>\n");
        if (!warnings.isEmpty()) {
            h.append("<section id=\"warnings\" class=\"warnings\"><h2>Warnings: ").append(warnings.size())
                    .append(warnings.size() == 1 ? " check" : " checks").append(" of the latest ingest runs need a look")
                    .append("</h2><ul>");
            for (String w : warnings) {
                h.append("<li>").append(SvgMap.escape(w)).append("</li>");
            }
            h.append("</ul></section>\n");
        }

        section(h, "trends", "Break trends and seasonality",
                "Breaks per month with the rolling 12-month total; each year's months side by side.");
        h.append("<div class=\"grid\">").append(card("chart-trend", "Monthly breaks and rolling 12 months", true))
                .append(card("chart-seasonality", "Year over year by month (last six years)", false))
                .append("</div></section>\n");

        section(h, "drivers", "Environmental and geotechnical drivers",
                "Breaks per month against the climate of the month"
                        + (climateSeries == null ? "" : " (series " + SvgMap.escape(climateSeries) + ")")
                        + "; breaks per km² of each soil zone by corrosivity."
                        + (soilSynthetic ? " <strong>The soil layer is synthetic</strong> (no public soil polygons)."
                                : ""));
        h.append("<div class=\"grid\">").append(card("chart-freezing", "Breaks against freezing index", false))
                .append(card("chart-tdrop", "Breaks against temperature drop", false))
                .append(card("chart-precip", "Breaks against precipitation", false))
                .append(card("chart-soil", "Breaks per km² by soil zone", false)).append("</div></section>\n");

        section(h, "hotspots", "Geographic hotspots",
                "Areas coloured by " + SvgMap.escape(measure) + " (five classes by rank; hover for values). Drawn from the "
                        + "store's own area polygons, no map tiles.");
        h.append("<div class=\"grid\"><div class=\"card").append(riskMap.svg().isEmpty() ? " wide" : "")
                .append("\"><h3>Breaks by area</h3>")
                .append(breakMap.svg().isEmpty() ? "<p class=\"empty\">No data: no area geometry</p>" : breakMap.svg())
                .append("</div>");
        if (!riskMap.svg().isEmpty()) {
            h.append("<div class=\"card\"><h3>Mean latest risk by area</h3>").append(riskMap.svg())
                    .append("</div>");
        }
        h.append(card("chart-hotspots", "Top areas by " + measure, true)).append("</div></section>\n");

        section(h, "risk", "Risk ranking",
                model == null ? "No model has been trained yet."
                        : "Latest scores of model <code>" + SvgMap.escape(model.getModelKey()) + "</code> ("
                                + SvgMap.escape(model.getAlgorithm()) + ", " + model.getHorizonMonths()
                                + "-month horizon, " + SvgMap.escape(model.getGrain()) + " grain).");
        h.append("<div class=\"grid\">").append(card("chart-risk-top", "Top 20 assets", false))
                .append(card("chart-risk-class", "Assets per risk class", false))
                .append("<div class=\"card wide\"><h3>Top 20 with their main drivers</h3><table id=\"table-risk\">"
                        + "</table></div></div></section>\n");

        section(h, "model", "Model card", model == null ? "No model has been trained yet." : modelSummary(model));
        h.append("<div class=\"grid\">").append(card("chart-metrics", "Metric per test year against baselines", false))
                .append(card("chart-calibration", "Calibration", false))
                .append(card("chart-importance", "Global feature importance", false))
                .append("<div class=\"card\"><h3>Pooled metrics</h3><table id=\"table-metrics\"></table></div>")
                .append("</div></section>\n");

        section(h, "quality", "Data quality", "Rows rejected and flagged per ingest run, checks that did not pass, "
                + "and rejected rows by rule.");
        h.append("<div class=\"grid\">").append(card("chart-dq", "Rejected and flagged rows per run", true))
                .append("<div class=\"card wide\"><h3>Ingest runs</h3><table id=\"table-runs\"></table></div>")
                .append("<div class=\"card wide\"><h3>Checks not passed</h3><table id=\"table-checks\"></table></div>")
                .append("<div class=\"card wide\"><h3>Rejected rows by rule</h3><table id=\"table-rejects\"></table>"
                        + "</div></div></section>\n");

        h.append(ForecastSection.render(store.dsl()));   // issue 19: forecast and anomalies
        h.append("</main>\n<footer>").append(footer(Attributions.read(store.dsl()))).append("</footer>\n")
                .append("<pre id=\"render-status\" data-complete=\"false\"></pre>\n")
                .append("<script id=\"report-data\" type=\"application/json\">").append(json).append("</script>\n")
                .append("<script>\n").append(chartLibrary()).append("\n</script>\n")
                .append("<script>\n").append(resource("report.js")).append("</script>\n")
                .append("<script>\n").append(ForecastSection.script()).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The sources' own attribution texts, and nothing they did not declare. */
    static String footer(Attributions.Declared declared) {
        StringBuilder f = new StringBuilder();
        if (declared.texts().isEmpty()) {
            f.append("No source in this store declares an attribution (the <code>attribution:</code> key of a source "
                    + "mapping).");
        } else {
            f.append("Sources: ");
            for (int i = 0; i < declared.texts().size(); i++) {
                f.append(i == 0 ? "" : " ").append("<span class=\"attribution\">")
                        .append(SvgMap.escape(sentence(declared.texts().get(i)))).append("</span>");
            }
        }
        if (!declared.texts().isEmpty() && !declared.undeclared().isEmpty()) {
            f.append(" No attribution declared for ").append(SvgMap.escape(String.join(", ", declared.undeclared())))
                    .append('.');
        }
        return f.toString();
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static String modelSummary(DimModelRecord m) {
        return "<code>" + SvgMap.escape(m.getModelKey()) + "</code>: " + SvgMap.escape(m.getName()) + ", "
                + SvgMap.escape(m.getAlgorithm()) + ", target " + SvgMap.escape(m.getTarget()) + ", trained on "
                + m.getTrainStart() + " to " + m.getTrainEnd() + " (" + String.format(Locale.ROOT, "%,d",
                        m.getTrainingRows()) + " rows), cut-off " + m.getCutoffMonth() + ", feature set <code>"
                + SvgMap.escape(m.getFeatureSetId()) + "</code>. Baselines are drawn dashed.";
    }

    /**
     * The checks that warned the latest successful ingest run of each source: run-level warnings, and row checks
     * failed by more rows than their threshold allows (a mapping that misreads a column), with their message.
     */
    static List<String> runWarnings(org.jooq.DSLContext dsl) {
        var latest = dsl.select(INGEST_RUNS.SOURCE_NAME, DSL.max(INGEST_RUNS.RUN_ID).as("run_id")).from(INGEST_RUNS)
                .where(INGEST_RUNS.STATUS.in("succeeded", "unchanged")).groupBy(INGEST_RUNS.SOURCE_NAME).asTable("latest");
        List<String> out = new ArrayList<>();
        for (Record r : dsl.select(latest.field(0), DQ_RESULTS.CHECK_NAME, DQ_RESULTS.MESSAGE, INGEST_RUNS.SOURCE_KIND)
                .from(DQ_RESULTS).join(latest).on(DQ_RESULTS.RUN_ID.eq(latest.field("run_id", Long.class)))
                .join(INGEST_RUNS).on(INGEST_RUNS.RUN_ID.eq(DQ_RESULTS.RUN_ID))
                .where(DQ_RESULTS.STATUS.ne("passed"))
                .and(DQ_RESULTS.SEVERITY.in("warn_run", "fail_run").or(DQ_RESULTS.THRESHOLD.isNotNull()
                        .and(DQ_RESULTS.ELEMENT_COUNT.gt(0L))
                        .and(DQ_RESULTS.ELEMENT_COUNT.minus(DQ_RESULTS.UNEXPECTED_COUNT).cast(Double.class)
                                .lt(DQ_RESULTS.THRESHOLD.mul(DQ_RESULTS.ELEMENT_COUNT.cast(Double.class))))))
                .orderBy(latest.field(0), DQ_RESULTS.CHECK_NAME).limit(50).fetch()) {
            out.add(r.get(0) + " (" + r.get(3) + "): " + r.get(1) + ": " + r.get(2));
        }
        return out;
    }

    private static void section(StringBuilder h, String id, String title, String intro) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2><p>").append(intro)
                .append("</p>\n");
    }

    private static String card(String canvasId, String title, boolean wide) {
        return "<div class=\"card" + (wide ? " wide" : "") + "\"><h3>" + SvgMap.escape(title)
                + "</h3><div class=\"chart\"><canvas id=\"" + canvasId + "\"></canvas></div></div>";
    }

    /** Chart.js from its webjar on the classpath, inlined so that the page fetches nothing. */
    static String chartLibrary() {
        Properties properties = new Properties();
        try (InputStream in = ReportWriter.class.getResourceAsStream("bi-core.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bi-core.properties missing from the build", e);
        }
        String path = "/META-INF/resources/webjars/chart.js/" + properties.getProperty("chartjs.version")
                + "/dist/chart.umd.js";
        try (InputStream in = ReportWriter.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static final String CSS = """
            :root { --ink: #1d2a33; --muted: #5b6b76; --line: #d8dee3; --accent: #1f5f8b; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
                   background: #f4f6f8; }
            header { background: var(--accent); color: #fff; padding: 18px 28px 10px; }
            header h1 { margin: 0 0 4px; font-size: 24px; }
            header p { margin: 0 0 8px; opacity: .9; }
            nav a { color: #fff; margin-right: 16px; text-decoration: none; border-bottom: 1px solid rgba(255,255,255,.5); }
            main { padding: 8px 28px 28px; max-width: 1500px; }
            section { margin-top: 18px; }
            h2 { font-size: 19px; margin: 10px 0 2px; border-bottom: 2px solid var(--accent); padding-bottom: 3px; }
            h3 { font-size: 14px; margin: 0 0 6px; color: var(--muted); font-weight: 600; }
            section > p { color: var(--muted); margin: 4px 0 10px; }
            .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; min-width: 0; }
            .card.wide { grid-column: 1 / -1; }
            .chart { position: relative; height: 290px; }
            svg.map { width: 100%; height: auto; max-height: 620px; display: block; }
            svg.map path:hover { stroke: #000; stroke-width: 1.5; }
            table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
            th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; }
            th { background: #eef2f5; }
            .empty { color: var(--muted); font-style: italic; }
            .warnings { background: #fff4e5; border: 1px solid #e6a23c; border-radius: 6px; padding: 4px 14px; }
            .warnings h2 { border-bottom-color: #e6a23c; color: #8a4b00; }
            .warnings li { margin: 3px 0; }
            footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
            #render-status { display: none; }
            """;
}
