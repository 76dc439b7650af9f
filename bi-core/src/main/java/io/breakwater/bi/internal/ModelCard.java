package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.DIM_MODEL;
import static io.breakwater.db.schema.Tables.FCT_MODEL_CALIBRATION;
import static io.breakwater.db.schema.Tables.FCT_MODEL_FEATURE;
import static io.breakwater.db.schema.Tables.FCT_MODEL_METRIC;

import io.breakwater.db.schema.tables.records.DimModelRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The model card's data: the headline metric per test year for the model and each baseline (one line each, the
 * model's years joined across its yearly evaluation models of the same name), every metric pivoted by scorer (mean
 * over the test years), calibration and feature importance.
 */
final class ModelCard {
    /** Metrics that count things: summed over the test years and shown as integers. */
    private static final java.util.Set<String> COUNTS = java.util.Set.of("assets", "breaks", "positives");

    private ModelCard() {
    }

    static Map<String, Object> data(DSLContext dsl, DimModelRecord model) {
        List<Object> series = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        List<String> scorers = new ArrayList<>();
        List<Object> calibration = new ArrayList<>();
        List<Object> importance = new ArrayList<>();
        String metric = null;
        String pivotPeriod = "";
        String calibrationSource = null;
        if (model != null) {
            metric = LiftOverBaseline.headlineMetric(dsl, model.getName(), model.getGrain());
            // metric -> scorer -> year -> mean value over the same-name models tested on that year
            Map<String, Map<String, TreeMap<Integer, Double>>> byMetric = new TreeMap<>();
            for (Record r : dsl.select(FCT_MODEL_METRIC.METRIC, FCT_MODEL_METRIC.SCORER, FCT_MODEL_METRIC.PERIOD_YEAR,
                            DSL.avg(FCT_MODEL_METRIC.METRIC_VALUE))
                    .from(FCT_MODEL_METRIC).join(DIM_MODEL).on(DIM_MODEL.MODEL_KEY.eq(FCT_MODEL_METRIC.MODEL_KEY))
                    .where(DIM_MODEL.NAME.eq(model.getName())).and(FCT_MODEL_METRIC.PERIOD_YEAR.isNotNull())
                    .and(FCT_MODEL_METRIC.METRIC_VALUE.isNotNull())
                    .groupBy(FCT_MODEL_METRIC.METRIC, FCT_MODEL_METRIC.SCORER, FCT_MODEL_METRIC.PERIOD_YEAR).fetch()) {
                byMetric.computeIfAbsent(r.get(0, String.class), k -> new TreeMap<>())
                        .computeIfAbsent(r.get(1, String.class), k -> new TreeMap<>())
                        .put(r.get(2, Integer.class), r.get(3, Double.class));
            }
            if (byMetric.isEmpty()) {
                pivotPeriod = ownPeriod(dsl, model, byMetric);
            } else {
                TreeSet<Integer> all = new TreeSet<>();
                byMetric.values().forEach(s -> s.values().forEach(y -> all.addAll(y.keySet())));
                years.addAll(all);
                pivotPeriod = "mean over the test years " + all.first() + "\u2013" + all.last() + "; counts summed";
            }
            Map<String, TreeMap<Integer, Double>> headline = byMetric.getOrDefault(metric, Map.of());
            scorers.addAll(scorerOrder(byMetric));
            for (String scorer : scorers) {
                TreeMap<Integer, Double> values = headline.get(scorer);
                if (values != null && !years.isEmpty()) {
                    series.add(row("scorer", scorer, "values", years.stream().map(values::get).toList()));
                }
            }
            for (var e : byMetric.entrySet()) {
                boolean count = COUNTS.contains(e.getKey());
                rows.add(row("metric", e.getKey(), "count", count, "values", scorers.stream()
                        .map(s -> count ? sum(e.getValue().get(s)) : mean(e.getValue().get(s))).toList()));
            }
            rows.sort(Comparator.comparing((Object o) -> !((Map<?, ?>) o).get("metric").equals(
                    LiftOverBaseline.BY_ASSETS) && !((Map<?, ?>) o).get("metric").equals(LiftOverBaseline.BY_LENGTH)));
            for (var c : dsl.selectFrom(FCT_MODEL_CALIBRATION).where(FCT_MODEL_CALIBRATION.MODEL_KEY
                    .eq(model.getModelKey())).orderBy(FCT_MODEL_CALIBRATION.BIN).fetch()) {
                calibration.add(row("bin", c.getBin(), "predicted", c.getPredictedMean(), "observed",
                        c.getObservedRate(), "n", c.getScoredCount()));
                calibrationSource = c.getSource();
            }
            for (var f : dsl.selectFrom(FCT_MODEL_FEATURE).where(FCT_MODEL_FEATURE.MODEL_KEY.eq(model.getModelKey()))
                    .orderBy(FCT_MODEL_FEATURE.IMPORTANCE_RANK).limit(15).fetch()) {
                importance.add(row("feature", f.getFeature(), "importance", f.getImportance()));
            }
        }
        return row("metric", metric, "metricLabel", metric == null ? "" : LiftOverBaseline.metricLabel(metric),
                "years", years, "series", series, "scorers", scorers, "pivot", rows, "pivotPeriod", pivotPeriod,
                "calibration", calibration, "calibrationSource", calibrationSource, "importance", importance);
    }

    /** Without test years: the model's own held-out period (pooled, else validation), one value per metric. */
    private static String ownPeriod(DSLContext dsl, DimModelRecord model,
            Map<String, Map<String, TreeMap<Integer, Double>>> byMetric) {
        String period = dsl.select(FCT_MODEL_METRIC.PERIOD).from(FCT_MODEL_METRIC)
                .where(FCT_MODEL_METRIC.MODEL_KEY.eq(model.getModelKey())).orderBy(FCT_MODEL_METRIC.PERIOD.desc())
                .limit(1).fetchOne(FCT_MODEL_METRIC.PERIOD);
        if (period == null) {
            return "";
        }
        for (var m : dsl.selectFrom(FCT_MODEL_METRIC).where(FCT_MODEL_METRIC.MODEL_KEY.eq(model.getModelKey()))
                .and(FCT_MODEL_METRIC.PERIOD.eq(period)).and(FCT_MODEL_METRIC.METRIC_VALUE.isNotNull()).fetch()) {
            byMetric.computeIfAbsent(m.getMetric(), k -> new TreeMap<>())
                    .computeIfAbsent(m.getScorer(), k -> new TreeMap<>()).put(0, m.getMetricValue());
        }
        return "period \u201c" + period + "\u201d of the model itself (no test years)";
    }

    /** The model first, then the baselines by name. */
    private static List<String> scorerOrder(Map<String, Map<String, TreeMap<Integer, Double>>> byMetric) {
        TreeSet<String> all = new TreeSet<>();
        byMetric.values().forEach(s -> all.addAll(s.keySet()));
        List<String> order = new ArrayList<>();
        if (all.remove("model")) {
            order.add("model");
        }
        order.addAll(all);
        return order;
    }

    private static Double sum(TreeMap<Integer, Double> values) {
        return values == null || values.isEmpty() ? null
                : (double) Math.round(values.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    private static Double mean(TreeMap<Integer, Double> values) {
        return values == null || values.isEmpty() ? null
                : values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
