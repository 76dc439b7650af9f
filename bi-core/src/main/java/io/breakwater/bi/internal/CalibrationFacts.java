package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.DimAssetRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.FctBreakRecord;
import io.breakwater.db.schema.tables.records.FctModelCalibrationRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;

/** {@code fct_model_calibration}: predicted against observed per probability bin, for every model. */
final class CalibrationFacts implements StarStep {
    /** Calibration bins by predicted probability. */
    private static final int CALIBRATION_BINS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DSLContext dsl;

    @Override
    public void build(StarContext context) {
        dsl = context.dsl();
        context.insert(Tables.FCT_MODEL_CALIBRATION, fctCalibration(context.models, context.assets, context.breaks));
    }

    /**
     * Predicted against observed per probability bin. The observation is the feature panel's label for the
     * asset-month when the model's feature set has one; otherwise whether a break on the asset (its pipe or its
     * area) fell in the H months after the score month, for score months whose horizon the break records cover.
     */
    private List<FctModelCalibrationRecord> fctCalibration(Map<String, DimModelRecord> models,
            Map<String, DimAssetRecord> assets, List<FctBreakRecord> breaks) {
        Map<String, TreeSet<Integer>> breakMonthsByKey = new HashMap<>();
        int lastBreakMonth = Integer.MIN_VALUE;
        for (FctBreakRecord b : breaks) {
            lastBreakMonth = Math.max(lastBreakMonth, b.getMonthKey());
            if (b.getAssetKey() != null) {
                breakMonthsByKey.computeIfAbsent(b.getAssetKey(), k -> new TreeSet<>()).add(b.getMonthKey());
            }
            if (b.getAreaKey() != null) {
                breakMonthsByKey.computeIfAbsent("area\u0000" + b.getAreaKey(), k -> new TreeSet<>())
                        .add(b.getMonthKey());
            }
        }
        List<FctModelCalibrationRecord> rows = new ArrayList<>();
        for (DimModelRecord model : models.values()) {
            double[] sumPredicted = new double[CALIBRATION_BINS];
            long[] positives = new long[CALIBRATION_BINS];
            long[] counts = new long[CALIBRATION_BINS];
            var labelled = dsl.select(PIPE_BREAK_RISK_SCORES.PROBABILITY, PIPE_FEATURES_MONTHLY.LABEL_ANY)
                    .from(PIPE_BREAK_RISK_SCORES)
                    .join(PIPE_FEATURES_MONTHLY)
                    .on(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(model.getFeatureSetId())
                            .and(PIPE_FEATURES_MONTHLY.ASSET_ID.eq(PIPE_BREAK_RISK_SCORES.ASSET_ID))
                            .and(PIPE_FEATURES_MONTHLY.MONTH_START.eq(PIPE_BREAK_RISK_SCORES.SCORE_MONTH)))
                    .where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(model.getModelKey()))
                    .and(PIPE_FEATURES_MONTHLY.LABEL_ANY.isNotNull())
                    .fetch();
            for (var r : labelled) {
                add(sumPredicted, positives, counts, r.value1(), r.value2());
            }
            if (labelled.isEmpty()) {
                for (var s : dsl.select(PIPE_BREAK_RISK_SCORES.ASSET_ID, PIPE_BREAK_RISK_SCORES.SCORE_MONTH,
                        PIPE_BREAK_RISK_SCORES.HORIZON_MONTHS, PIPE_BREAK_RISK_SCORES.PROBABILITY)
                        .from(PIPE_BREAK_RISK_SCORES)
                        .where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(model.getModelKey())).fetch()) {
                    LocalDate first = s.value2().withDayOfMonth(1).plusMonths(1);
                    LocalDate last = first.plusMonths(s.value3() - 1L);
                    if (DateDimension.monthKey(last) > lastBreakMonth) {
                        continue; // the horizon runs past the break records: outcome unknown
                    }
                    DimAssetRecord asset = assets.get(s.value1());
                    TreeSet<Integer> months = breakMonthsByKey.get(s.value1());
                    if (months == null && asset != null && "area".equals(asset.getGrain())) {
                        months = breakMonthsByKey.get("area\u0000" + s.value1());
                    }
                    boolean observed = months != null && months.subSet(DateDimension.monthKey(first), true,
                            DateDimension.monthKey(last), true).size() > 0;
                    add(sumPredicted, positives, counts, s.value4(), observed);
                }
            }
            int before = rows.size();
            for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
                if (counts[bin] == 0) {
                    continue;
                }
                rows.add(calibrationRow(model.getModelKey(), bin + 1, sumPredicted[bin] / counts[bin],
                        (double) positives[bin] / counts[bin], counts[bin], "scored outcomes"));
            }
            if (rows.size() == before) {
                heldOutCalibration(model, rows);
            }
        }
        return rows;
    }

    /**
     * The reliability table of a model on held-out data, when none of its scores has a known outcome: an
     * evaluation model's own test year, or, for a final model, the pooled test years of the newest rolling
     * evaluation of its feature set, algorithm and target (bins of equal asset count, as ml-core writes them).
     */
    private void heldOutCalibration(DimModelRecord model, List<FctModelCalibrationRecord> rows) {
        String own = dsl.select(MODEL_REGISTRY.METRICS_JSON).from(MODEL_REGISTRY)
                .where(MODEL_REGISTRY.MODEL_ID.eq(model.getModelKey())).fetchOne(MODEL_REGISTRY.METRICS_JSON);
        JsonNode periods = json(own).path("periods");
        for (var it = periods.fieldNames(); it.hasNext();) {
            String period = it.next();
            if (period.matches("\\d{4}")) {
                addReliability(model.getModelKey(), periods.path(period), "test year " + period, rows);
                return;
            }
        }
        var evaluation = dsl.select(MODEL_EVALUATIONS.EVALUATION_ID, MODEL_EVALUATIONS.TEST_YEARS,
                MODEL_EVALUATIONS.METRICS_JSON).from(MODEL_EVALUATIONS)
                .where(MODEL_EVALUATIONS.FEATURE_SET_ID.eq(model.getFeatureSetId()))
                .and(MODEL_EVALUATIONS.ALGORITHM.eq(model.getAlgorithm()))
                .and(MODEL_EVALUATIONS.TARGET.eq(model.getTarget()))
                .orderBy(MODEL_EVALUATIONS.CREATED_AT.desc(), MODEL_EVALUATIONS.EVALUATION_ID.desc())
                .limit(1).fetchOne();
        if (evaluation != null) {
            addReliability(model.getModelKey(), json(evaluation.value3()).path("periods").path("pooled"),
                    "rolling evaluation " + evaluation.value1() + ", test years " + evaluation.value2(), rows);
        }
    }

    private static void addReliability(String modelKey, JsonNode period, String source,
            List<FctModelCalibrationRecord> rows) {
        for (JsonNode bin : period.path("model").path("reliability")) {
            if (bin.path("assets").asLong() > 0) {
                rows.add(calibrationRow(modelKey, bin.path("bin").asInt(), bin.path("meanPredicted").asDouble(),
                        bin.path("observedRate").asDouble(), bin.path("assets").asLong(), source));
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "model metrics are not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static FctModelCalibrationRecord calibrationRow(String modelKey, int bin, double predicted,
            double observed, long count, String source) {
        FctModelCalibrationRecord r = new FctModelCalibrationRecord();
        r.setModelKey(modelKey);
        r.setBin(bin);
        r.setPredictedMean(predicted);
        r.setObservedRate(observed);
        r.setScoredCount(count);
        r.setSource(source);
        return r;
    }

    private void add(double[] sumPredicted, long[] positives, long[] counts, Double probability,
            Boolean observed) {
        if (probability == null || observed == null) {
            return;
        }
        int bin = Math.min(CALIBRATION_BINS - 1, Math.max(0, (int) Math.floor(probability * CALIBRATION_BINS)));
        sumPredicted[bin] += probability;
        counts[bin]++;
        if (observed) {
            positives[bin]++;
        }
    }

}
