package io.breakwater.ml.internal;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.EVALUATION_COMPARISONS;
import static io.breakwater.db.schema.Tables.EVALUATION_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.MODEL_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BulkRows;
import io.breakwater.db.BulkWriter;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.schema.tables.records.EvaluationComparisonsRecord;
import io.breakwater.db.schema.tables.records.EvaluationMetricsRecord;
import io.breakwater.db.schema.tables.records.ModelEvaluationsRecord;
import io.breakwater.db.schema.tables.records.ModelFeatureImportanceRecord;
import io.breakwater.db.schema.tables.records.ModelMetricsRecord;
import io.breakwater.db.schema.tables.records.ModelRegistryRecord;
import io.breakwater.ml.BaselineComparison;
import io.breakwater.ml.FeatureImportance;
import io.breakwater.ml.ModelInfo;
import io.breakwater.ml.ScorerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Reads and writes the model registry tables through the generated jOOQ records. */
public final class Registry {
    private Registry() {
    }

    /**
     * A model ready for the registry: its row, the metrics JSON, the compressed provenance, the metrics rows, its
     * importance, and what its inner validation chose (JSON, or null).
     */
    public record Entry(ModelInfo info, String metricsJson, String provenance, List<ScorerMetrics> metrics,
            List<FeatureImportance> importance, String selectionJson) {
    }

    /** An evaluation's comparison row (see {@code evaluation_comparisons}). */
    public static List<EvaluationComparisonsRecord> comparisonRows(String evaluationId, BaselineComparison c) {
        List<EvaluationComparisonsRecord> rows = new ArrayList<>();
        if (c == null) {
            return rows;
        }
        for (BaselineComparison.Year y : c.years()) {
            rows.add(new EvaluationComparisonsRecord(evaluationId, String.valueOf(y.year()), c.headlineMetric(),
                    c.strongestBaseline(), finite(y.model()), finite(y.baseline()), finite(y.difference()), null, null,
                    null));
        }
        rows.add(new EvaluationComparisonsRecord(evaluationId, Comparisons.MEAN, c.headlineMetric(),
                c.strongestBaseline(), finite(c.meanModel()), finite(c.meanBaseline()), finite(c.meanDifference()),
                finite(c.differenceSd()), c.yearsAhead(), c.years().size()));
        rows.add(new EvaluationComparisonsRecord(evaluationId, Comparisons.POOLED, c.headlineMetric(),
                c.strongestBaseline(), finite(c.pooledModel()), finite(c.pooledBaseline()),
                finite(c.pooledModel() - c.pooledBaseline()), null, null, null));
        return rows;
    }

    /** Writes (or replaces) a model with its metrics and importance, in one transaction. */
    public static void saveModel(BreakwaterStore store, Entry entry) {
        store.dsl().transaction(cfg -> insertModel(org.jooq.impl.DSL.using(cfg), entry));
    }

    private static void deleteModels(DSLContext dsl, org.jooq.Condition which) {
        var ids = dsl.select(MODEL_REGISTRY.MODEL_ID).from(MODEL_REGISTRY).where(which);
        dsl.deleteFrom(MODEL_METRICS).where(MODEL_METRICS.MODEL_ID.in(ids)).execute();
        dsl.deleteFrom(MODEL_FEATURE_IMPORTANCE).where(MODEL_FEATURE_IMPORTANCE.MODEL_ID.in(ids)).execute();
        dsl.deleteFrom(MODEL_REGISTRY).where(which).execute();
    }

    private static void insertModel(DSLContext dsl, Entry entry) {
        ModelInfo m = entry.info();
        deleteModels(dsl, MODEL_REGISTRY.MODEL_ID.eq(m.modelId()));
        ModelRegistryRecord r = dsl.newRecord(MODEL_REGISTRY);
        r.setModelId(m.modelId());
        r.setName(m.name());
        r.setAlgorithm(m.algorithm());
        r.setTarget(m.target());
        r.setHyperParameters(m.hyperParameters());
        r.setSeed(m.seed());
        r.setTrainStart(m.trainStart());
        r.setTrainEnd(m.trainEnd());
        r.setCutoffMonth(m.cutoffMonth());
        r.setHorizonMonths(m.horizonMonths());
        r.setGrain(m.grain());
        r.setFeatureSetId(m.featureSetId());
        r.setFeatureSetVersion(m.featureSetVersion());
        r.setFeatureSetHash(m.featureSetHash());
        r.setTrainingRows(m.trainingRows());
        r.setTrainingPositives(m.trainingPositives());
        r.setTrainingDataHash(m.trainingDataHash());
        r.setMetricsJson(entry.metricsJson());
        r.setProvenanceJson(entry.provenance());
        r.setArtifactPath(m.artifactPath());
        r.setArtifactSha256(m.artifactSha256());
        r.setCreatedAt(m.createdAt());
        r.setBreakwaterVersion(m.breakwaterVersion());
        r.setEvaluationId(m.evaluationId());
        r.setValidationStart(m.validationStart());
        r.setValidationEnd(m.validationEnd());
        r.setTestMonth(m.testMonth());
        r.setNegativeSampleRate(m.negativeSampleRate());
        r.setCalibrationJson(m.calibration());
        r.setDataFingerprintJson(m.dataFingerprint());
        r.setTrainerNote(m.trainerNote());
        r.setSelectionJson(entry.selectionJson());
        r.insert();
        List<ModelMetricsRecord> rows = new ArrayList<>();
        for (ScorerMetrics sm : entry.metrics()) {
            for (Map.Entry<String, Double> e : sm.values().entrySet()) {
                rows.add(new ModelMetricsRecord(m.modelId(), sm.scorer(), sm.period(), e.getKey(), finite(e.getValue())));
            }
        }
        dsl.batchInsert(rows).execute();
        List<ModelFeatureImportanceRecord> imp = new ArrayList<>();
        for (FeatureImportance f : entry.importance()) {
            imp.add(new ModelFeatureImportanceRecord(m.modelId(), f.feature(), f.importance(), f.rank()));
        }
        dsl.batchInsert(imp).execute();
    }

    /** A whole evaluation, held until it is written: its row, metrics, fold models, comparison and back-test scores. */
    public record PendingEvaluation(ModelEvaluationsRecord evaluation, List<ScorerMetrics> metrics, List<Entry> folds,
            List<EvaluationComparisonsRecord> comparisons, List<BacktestYear> backtest) {
    }

    /**
     * Writes (or replaces) a whole evaluation in one transaction: its fold models, the evaluation row, its metrics,
     * the comparison with the strongest baseline and the per-asset back-test scores. A reader sees the previous
     * evaluation or this one, never a part of it.
     */
    public static void saveEvaluation(BreakwaterStore store, PendingEvaluation pending) {
        saveAll(store, List.of(pending), List.of());
    }

    /** Writes evaluations and models together in one transaction (a pipeline's whole model stage). */
    public static void saveAll(BreakwaterStore store, List<PendingEvaluation> evaluations, List<Entry> models) {
        store.dsl().transaction(cfg -> {
            DSLContext dsl = org.jooq.impl.DSL.using(cfg);
            for (PendingEvaluation pending : evaluations) {
                writeEvaluation(dsl, pending);
            }
            for (Entry model : models) {
                insertModel(dsl, model);
            }
        });
    }

    private static void writeEvaluation(DSLContext dsl, PendingEvaluation pending) {
        String id = pending.evaluation().getEvaluationId();
        deleteModels(dsl, MODEL_REGISTRY.EVALUATION_ID.eq(id));
        dsl.deleteFrom(EVALUATION_BACKTEST_SCORES).where(EVALUATION_BACKTEST_SCORES.EVALUATION_ID.eq(id)).execute();
        dsl.deleteFrom(EVALUATION_COMPARISONS).where(EVALUATION_COMPARISONS.EVALUATION_ID.eq(id)).execute();
        dsl.deleteFrom(EVALUATION_METRICS).where(EVALUATION_METRICS.EVALUATION_ID.eq(id)).execute();
        dsl.deleteFrom(MODEL_EVALUATIONS).where(MODEL_EVALUATIONS.EVALUATION_ID.eq(id)).execute();
        for (Entry fold : pending.folds()) {
            insertModel(dsl, fold);
        }
        dsl.executeInsert(pending.evaluation());
        List<EvaluationMetricsRecord> rows = new ArrayList<>();
        for (ScorerMetrics sm : pending.metrics()) {
            for (Map.Entry<String, Double> e : sm.values().entrySet()) {
                rows.add(new EvaluationMetricsRecord(id, sm.scorer(), sm.period(), e.getKey(), finite(e.getValue())));
            }
        }
        dsl.batchInsert(rows).execute();
        BulkRows.insert(dsl, EVALUATION_COMPARISONS, pending.comparisons());
        try (BulkWriter writer = BulkWriter.open(dsl, EVALUATION_BACKTEST_SCORES)) {
            pending.backtest().forEach(y -> y.writeTo(writer, id));
        }
    }

    static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    public static List<ModelInfo> list(BreakwaterStore store) {
        List<ModelInfo> out = new ArrayList<>();
        for (ModelRegistryRecord r : store.dsl().selectFrom(MODEL_REGISTRY)
                .orderBy(MODEL_REGISTRY.CREATED_AT, MODEL_REGISTRY.MODEL_ID).fetch()) {
            out.add(info(r));
        }
        return out;
    }

    public static ModelInfo get(BreakwaterStore store, String modelId) {
        ModelRegistryRecord r = store.dsl().selectFrom(MODEL_REGISTRY).where(MODEL_REGISTRY.MODEL_ID.eq(modelId)).fetchOne();
        if (r == null) {
            List<String> known = store.dsl().select(MODEL_REGISTRY.MODEL_ID).from(MODEL_REGISTRY)
                    .orderBy(MODEL_REGISTRY.CREATED_AT.desc()).limit(5).fetch(MODEL_REGISTRY.MODEL_ID);
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "model '" + modelId + "' is not in the registry of "
                    + store.location() + (known.isEmpty() ? ", which holds no model" : "; newest there: "
                    + String.join(", ", known)));
        }
        return info(r);
    }

    public static String selection(BreakwaterStore store, String modelId) {
        return store.dsl().select(MODEL_REGISTRY.SELECTION_JSON).from(MODEL_REGISTRY)
                .where(MODEL_REGISTRY.MODEL_ID.eq(modelId)).fetchOne(MODEL_REGISTRY.SELECTION_JSON);
    }

    public static String provenance(BreakwaterStore store, String modelId) {
        return store.dsl().select(MODEL_REGISTRY.PROVENANCE_JSON).from(MODEL_REGISTRY)
                .where(MODEL_REGISTRY.MODEL_ID.eq(modelId)).fetchOne(MODEL_REGISTRY.PROVENANCE_JSON);
    }

    public static List<ScorerMetrics> metrics(BreakwaterStore store, String modelId) {
        Map<String, Map<String, Double>> grouped = new LinkedHashMap<>();
        for (ModelMetricsRecord r : store.dsl().selectFrom(MODEL_METRICS).where(MODEL_METRICS.MODEL_ID.eq(modelId))
                .orderBy(MODEL_METRICS.PERIOD, MODEL_METRICS.SCORER, MODEL_METRICS.METRIC).fetch()) {
            grouped.computeIfAbsent(r.getScorer() + "\u0000" + r.getPeriod(), k -> new LinkedHashMap<>())
                    .put(r.getMetric(), r.getMetricValue() == null ? Double.NaN : r.getMetricValue());
        }
        List<ScorerMetrics> out = new ArrayList<>();
        grouped.forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            out.add(new ScorerMetrics(parts[0], parts[1], v, List.of()));
        });
        return out;
    }

    public static List<FeatureImportance> importance(BreakwaterStore store, String modelId) {
        return store.dsl().selectFrom(MODEL_FEATURE_IMPORTANCE).where(MODEL_FEATURE_IMPORTANCE.MODEL_ID.eq(modelId))
                .orderBy(MODEL_FEATURE_IMPORTANCE.IMPORTANCE_RANK).fetch()
                .map(r -> new FeatureImportance(r.getFeature(), r.getImportance(), r.getImportanceRank()));
    }

    private static ModelInfo info(ModelRegistryRecord r) {
        return new ModelInfo(r.getModelId(), r.getName(), r.getAlgorithm(), r.getTarget(), r.getGrain(),
                r.getFeatureSetId(), r.getFeatureSetVersion(), r.getFeatureSetHash(), r.getHorizonMonths(),
                r.getCutoffMonth(), r.getTrainStart(), r.getTrainEnd(), r.getValidationStart(), r.getValidationEnd(),
                r.getTestMonth(), r.getSeed(), r.getNegativeSampleRate(), r.getTrainingRows(), r.getTrainingPositives(),
                r.getTrainingDataHash(), r.getHyperParameters(), r.getCalibrationJson(), r.getDataFingerprintJson(),
                r.getArtifactPath(), r.getArtifactSha256(), r.getCreatedAt(), r.getBreakwaterVersion(),
                r.getEvaluationId(), r.getTrainerNote());
    }
}
