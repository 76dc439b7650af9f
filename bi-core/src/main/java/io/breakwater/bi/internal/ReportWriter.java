package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.DASH_BREAK_TRENDS;
import static io.breakwater.db.schema.Tables.DASH_CLIMATE_DRIVERS;
import static io.breakwater.db.schema.Tables.DASH_HOTSPOTS;
import static io.breakwater.db.schema.Tables.DASH_RISK_RANKING;
import static io.breakwater.db.schema.Tables.DASH_SOIL_DRIVERS;
import static io.breakwater.db.schema.Tables.DIM_MODEL;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;

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
import java.time.ZoneOffset;
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

/**
 * Renders the offline HTML report of one store from the template {@code report.html} (styles in {@code report.css},
 * page script in {@code report.js}): a headline row, the four dashboards, the model card and data quality. Use
 * {@link io.breakwater.bi.Report}.
 *
 * @param store    the store whose star and dashboard tables are drawn
 * @param title    the report's title
 * @param clock    stamps the report
 * @param progress hears the report as one step
 */
public record ReportWriter(BreakwaterStore store, String title, Clock clock, ProgressListener progress) {
    private static final String STEP = "report";
    private static final Pattern CANVAS = Pattern.compile("<canvas id=\"([a-z0-9-]+)\"");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Sections added by other parts of Breakwater, after the model card, in order. */
    static final List<ReportSection> EXTRA_SECTIONS = List.of(ForecastSection.SECTION);

    /** A count model ranks by expected breaks; its probability (of at least one break) saturates on busy assets. */
    static boolean isCountModel(DimModelRecord model) {
        return model != null && "break_count".equals(model.getTarget());
    }

    public ReportResult write(Path file) {
        progress.started(STEP, 3, "parts");
        Instant now = clock.instant();
        DSLContext dsl = store.dsl();
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> page = new LinkedHashMap<>();
        DimModelRecord model = headlineModel(dsl);

        trends(dsl, data, page);
        drivers(dsl, data, page);
        Map<String, Integer> maps = hotspots(dsl, model, data, page);
        progress.progressed(STEP, 1);
        risk(dsl, model, data, page);
        data.put("model", ModelCard.data(dsl, model));
        page.put("modelSummary", model == null ? "No model has been trained yet." : modelSummary(model));
        Object metric = ((Map<?, ?>) data.get("model")).get("metricLabel");
        page.put("metricTitle", metric == null || metric.toString().isEmpty() ? "Headline metric"
                : capitalised(metric.toString()));
        page.put("pivotPeriod", ((Map<?, ?>) data.get("model")).get("pivotPeriod"));
        data.put("dq", DataQuality.data(dsl));
        progress.progressed(STEP, 2);
        page.putAll(Headline.values(dsl, now.atZone(ZoneOffset.UTC).toLocalDate(), model, runWarnings(dsl)));
        extraSections(dsl, data, page);

        page.put("title", title);
        page.put("version", BreakwaterVersion.get());
        page.put("generated", STAMP.format(now));
        page.put("footer", footer(Attributions.read(dsl)));
        page.put("css", ReportTemplate.resourceText("report.css"));
        page.put("data", json(data));
        page.put("chartjs", chartLibrary());
        page.put("reportjs", ReportTemplate.resourceText("report.js"));
        String html = ReportTemplate.resource("report.html").render(page);
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot write the report to " + file + ": "
                    + e.getMessage(), e);
        }
        List<String> charts = new ArrayList<>();
        Matcher m = CANVAS.matcher(html);
        while (m.find()) {
            charts.add(m.group(1));
        }
        Map<String, String> empty = new LinkedHashMap<>();
        emptyCharts(data, empty);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReportResult result = new ReportResult(file, bytes, now, charts, empty, maps);
        progress.finished(STEP, String.format(Locale.ROOT, "Report: %s (%,d KiB), %d charts with data%s, %d areas on the map",
                file, bytes / 1024, charts.size() - empty.size(),
                empty.isEmpty() ? "" : " and " + empty.size() + " without " + empty.keySet(),
                maps.getOrDefault("map-breaks", 0)));
        return result;
    }

    private static void trends(DSLContext dsl, Map<String, Object> data, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Integer, Integer[]> byYear = new TreeMap<>();
        long total = 0;
        for (DashBreakTrendsRecord t : dsl.selectFrom(DASH_BREAK_TRENDS).orderBy(DASH_BREAK_TRENDS.MONTH_KEY).fetch()) {
            rows.add(ModelCard.row("month", t.getMonthStart().toString().substring(0, 7), "breaks", t.getBreaks(),
                    "rolling12", t.getBreaksRolling_12m(), "lastYear", t.getBreaksSameMonthLastYear()));
            byYear.computeIfAbsent(t.getYear(), y -> new Integer[12])[t.getMonthOfYear() - 1] = t.getBreaks();
            total += t.getBreaks();
        }
        data.put("trends", rows);
        List<Map<String, Object>> seasonality = new ArrayList<>();
        List<Integer> years = new ArrayList<>(byYear.keySet());
        for (Integer year : years.subList(Math.max(0, years.size() - 6), years.size())) {
            seasonality.add(ModelCard.row("year", year, "breaks", byYear.get(year)));
        }
        data.put("seasonality", seasonality);
        page.put("breaks", String.format(Locale.ROOT, "%,d", total));
        page.put("span", rows.isEmpty() ? "no break records"
                : rows.get(0).get("month") + " to " + rows.get(rows.size() - 1).get("month"));
    }

    private static void drivers(DSLContext dsl, Map<String, Object> data, Map<String, Object> page) {
        List<Map<String, Object>> climate = new ArrayList<>();
        String series = null;
        for (var c : dsl.selectFrom(DASH_CLIMATE_DRIVERS).orderBy(DASH_CLIMATE_DRIVERS.MONTH_KEY).fetch()) {
            series = c.getSeriesId();
            climate.add(ModelCard.row("month", c.getMonthKey(), "breaks", c.getBreaks(), "freezingIndex",
                    c.getFreezingIndex(), "tDrop", c.getTDrop(), "precip", c.getPrecipMm()));
        }
        data.put("climate", climate);
        // breaks per km² by corrosivity class (zones ordered by their index): dozens of zones read as four bars
        Map<String, double[]> byClass = new LinkedHashMap<>();
        boolean synthetic = false;
        for (var s : dsl.selectFrom(DASH_SOIL_DRIVERS).orderBy(DASH_SOIL_DRIVERS.CORROSIVITY_INDEX.asc().nullsLast(),
                DASH_SOIL_DRIVERS.SOIL_ZONE_KEY).fetch()) {
            synthetic |= Boolean.TRUE.equals(s.getIsSynthetic());
            double[] acc = byClass.computeIfAbsent(s.getCorrosivityClass() == null ? "unknown"
                    : s.getCorrosivityClass(), k -> new double[3]);
            acc[0] += s.getBreaks();
            acc[1] += s.getAreaKm2() == null ? 0 : s.getAreaKm2();
            acc[2]++;
        }
        List<Map<String, Object>> soil = new ArrayList<>();
        byClass.forEach((corrosivity, acc) -> soil.add(ModelCard.row("corrosivity", corrosivity, "zones", (int) acc[2],
                "breaks", (int) acc[0], "perKm2", acc[1] > 0 ? acc[0] / acc[1] : null)));
        data.put("soil", soil);
        page.put("climateSeries", series);
        page.put("soilSynthetic", synthetic);
    }

    /**
     * The hotspot maps and bars: breaks per km of main (per km² without lengths), and risk by area: expected breaks
     * per km or km² for a count model, mean probability only for a classifier.
     */
    private static Map<String, Integer> hotspots(DSLContext dsl, DimModelRecord model, Map<String, Object> data,
            Map<String, Object> page) {
        var hotspots = dsl.selectFrom(DASH_HOTSPOTS).orderBy(DASH_HOTSPOTS.BREAKS_RANK).fetch();
        boolean perKm = hotspots.stream().anyMatch(h -> h.getBreaksPerKm() != null);
        String measure = perKm ? "breaks per km of main" : "breaks per km²";
        data.put("hotspotMeasure", measure);
        page.put("hotspotMeasure", measure);
        List<Map<String, Object>> top = new ArrayList<>();
        for (DashHotspotsRecord h : hotspots.subList(0, Math.min(15, hotspots.size()))) {
            top.add(ModelCard.row("name", label(h), "breaks", h.getBreaks(),
                    "value", perKm ? h.getBreaksPerKm() : h.getBreaksPerKm2()));
        }
        data.put("hotspots", top);
        boolean count = isCountModel(model) && hotspots.stream().anyMatch(h -> h.getExpectedBreaks() != null);
        String riskMeasure = count ? "expected breaks per " + (perKm ? "km" : "km²") + " in the next "
                + model.getHorizonMonths() + " months" : "mean probability of a break";
        List<SvgMap.Shape> breakShapes = new ArrayList<>();
        List<SvgMap.Shape> riskShapes = new ArrayList<>();
        for (DashHotspotsRecord h : hotspots) {
            breakShapes.add(new SvgMap.Shape(label(h) + " (" + h.getBreaks() + " breaks)", h.getGeometryWkt(),
                    perKm ? h.getBreaksPerKm() : h.getBreaksPerKm2()));
            Double per = perKm ? h.getPipeLengthKm() : h.getAreaKm2();
            Double expected = h.getExpectedBreaks() == null || per == null || per <= 0 ? null
                    : h.getExpectedBreaks() / per;
            riskShapes.add(new SvgMap.Shape(label(h), h.getGeometryWkt(), count ? expected : h.getMeanRisk()));
        }
        SvgMap.Drawn breakMap = SvgMap.render("map-breaks", "Breaks by area", measure, breakShapes, 2);
        boolean anyRisk = riskShapes.stream().anyMatch(s -> s.value() != null);
        SvgMap.Drawn riskMap = anyRisk ? SvgMap.render("map-risk", "Risk by area: " + riskMeasure,
                count ? "expected per " + (perKm ? "km" : "km²") : "mean probability", riskShapes, 3)
                : new SvgMap.Drawn("", 0, 0);
        page.put("breakMap", breakMap.svg());
        page.put("riskMap", riskMap.svg());
        page.put("riskMapMeasure", anyRisk ? riskMeasure : null);
        Map<String, Integer> maps = new LinkedHashMap<>();
        maps.put("map-breaks", breakMap.shapes());
        if (anyRisk) {
            maps.put("map-risk", riskMap.shapes());
        }
        return maps;
    }

    /** The ranking of the headline model, by name: the area's name at area grain, the asset key and its area else. */
    private static void risk(DSLContext dsl, DimModelRecord model, Map<String, Object> data,
            Map<String, Object> page) {
        List<Map<String, Object>> top = new ArrayList<>();
        List<Map<String, Object>> classes = new ArrayList<>();
        if (model != null) {
            for (var r : dsl.selectFrom(DASH_RISK_RANKING).where(DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey()))
                    .orderBy(DASH_RISK_RANKING.RISK_RANK).limit(20).fetch()) {
                String name = r.getAssetName() == null ? r.getAssetKey() : r.getAssetName();
                top.add(ModelCard.row("rank", r.getRiskRank(), "name", name, "area",
                        r.getAreaName() == null || r.getAreaName().equals(name) ? "" : r.getAreaName(),
                        "probability", r.getProbability(), "expected", r.getExpectedBreaks(),
                        "riskClass", r.getRiskClass(), "driver1", r.getDriver_1(),
                        "driver2", r.getDriver_2(), "driver3", r.getDriver_3()));
            }
            for (Record r : dsl.select(DASH_RISK_RANKING.RISK_CLASS, DSL.count()).from(DASH_RISK_RANKING)
                    .where(DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey())).groupBy(DASH_RISK_RANKING.RISK_CLASS)
                    .orderBy(DSL.min(DASH_RISK_RANKING.RISK_RANK)).fetch()) {
                classes.add(ModelCard.row("riskClass", r.get(0, String.class), "assets", r.get(1, Integer.class)));
            }
        }
        boolean count = isCountModel(model);
        String label = model == null ? "risk" : count ? "expected breaks within " + model.getHorizonMonths()
                + " months" : "probability of a break within " + model.getHorizonMonths() + " months";
        data.put("riskTop", top);
        data.put("riskMeasure", count ? "expected" : "probability");
        data.put("riskMeasureLabel", label);
        data.put("riskClasses", classes);
        page.put("riskMeasureLabel", label);
        page.put("riskIntro", model == null ? "No model has been trained yet."
                : "Latest scores of " + model.getName() + " (" + model.getAlgorithm() + ", "
                        + (count ? "expected break counts" : "break probabilities") + ", " + model.getHorizonMonths()
                        + "-month horizon, " + model.getGrain() + " grain), ranked by " + label + ".");
    }

    private void extraSections(DSLContext dsl, Map<String, Object> data, Map<String, Object> page) {
        StringBuilder nav = new StringBuilder();
        StringBuilder html = new StringBuilder();
        StringBuilder scripts = new StringBuilder();
        Map<String, Object> sectionData = new LinkedHashMap<>();
        for (ReportSection section : EXTRA_SECTIONS) {
            ReportSection.Rendered r = section.render(dsl);
            nav.append("<a href=\"#").append(SvgMap.escape(section.id())).append("\">")
                    .append(SvgMap.escape(section.title())).append("</a>");
            html.append(r.html()).append('\n');
            scripts.append(r.script() == null ? "" : r.script()).append('\n');
            sectionData.put(section.id(), r.data());
        }
        data.put("sections", sectionData);
        page.put("extraNav", nav.toString());
        page.put("extraSections", html.toString());
        page.put("extraScripts", scripts.toString());
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

    /** The same "no data" decisions the page script makes, so that the result says which charts are empty. */
    @SuppressWarnings("unchecked")
    private static void emptyCharts(Map<String, Object> data, Map<String, String> empty) {
        Map<String, Object> model = (Map<String, Object>) data.get("model");
        Map<String, Object> dq = (Map<String, Object>) data.get("dq");
        noneIn(data, "trends", "no break records", empty, "chart-trend", "chart-seasonality");
        List<Map<String, Object>> climate = (List<Map<String, Object>>) data.get("climate");
        for (String[] c : new String[][] {{"chart-freezing", "freezingIndex", "no temperature for the break months"},
            {"chart-tdrop", "tDrop", "no temperature for the break months"},
            {"chart-precip", "precip", "no precipitation for the break months"}}) {
            if (climate.stream().noneMatch(r -> r.get(c[1]) != null)) {
                empty.put(c[0], c[2]);
            }
        }
        noneIn(data, "soil", "no soil zones", empty, "chart-soil");
        noneIn(data, "hotspots", "no areas", empty, "chart-hotspots");
        noneIn(data, "riskTop", "no risk scores", empty, "chart-risk-top", "chart-risk-class");
        noneIn(model, "series", "no per-year metrics", empty, "chart-metrics");
        noneIn(model, "calibration", "no scores with a known outcome", empty, "chart-calibration");
        noneIn(model, "importance", "no feature importance", empty, "chart-importance");
        noneIn(dq, "sources", "no rejected, filtered or flagged rows", empty, "chart-dq");
    }

    /** Marks {@code charts} empty with {@code why} when the list {@code key} of {@code data} holds nothing. */
    private static void noneIn(Map<String, Object> data, String key, String why, Map<String, String> empty,
            String... charts) {
        if (((List<?>) data.get(key)).isEmpty()) {
            for (String chart : charts) {
                empty.put(chart, why);
            }
        }
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

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String modelSummary(DimModelRecord m) {
        return m.getName() + ": " + m.getAlgorithm() + ", target " + m.getTarget().replace('_', ' ') + ", "
                + m.getGrain() + " grain, trained on " + m.getTrainStart() + " to " + m.getTrainEnd() + " ("
                + String.format(Locale.ROOT, "%,d", m.getTrainingRows()) + " rows), cut-off " + m.getCutoffMonth()
                + ", feature set " + m.getFeatureSetId() + " (model " + m.getModelKey() + "). Baselines are dashed.";
    }

    /**
     * The checks that warned the latest successful ingest run of each source: run-level warnings, and row checks
     * failed by more rows than their threshold allows (a mapping that misreads a column), with their message.
     */
    static List<String> runWarnings(DSLContext dsl) {
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

    private static String json(Map<String, Object> data) {
        try {
            return new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
}
