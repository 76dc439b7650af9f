package io.breakwater.forecast;

import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.EvaluationBacktestScoresRecord;
import io.breakwater.db.schema.tables.records.FeatureAssetsRecord;
import io.breakwater.db.schema.tables.records.ModelEvaluationsRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.jooq.DSLContext;

/** What a risk model stores, written as ml-core writes it, for the tests that read it back. */
final class StoredScores {
    private StoredScores() {
    }

    /** A 12-month break_count evaluation of {@code grain} over {@code testYears} (comma-separated). */
    static void evaluation(DSLContext dsl, String id, String featureSet, String algorithm, String grain,
            String testYears, LocalDateTime created) {
        ModelEvaluationsRecord evaluation = new ModelEvaluationsRecord();
        evaluation.setEvaluationId(id);
        evaluation.setName("synthetic");
        evaluation.setFeatureSetId(featureSet);
        evaluation.setAlgorithm(algorithm);
        evaluation.setTarget("break_count");
        evaluation.setGrain(grain);
        evaluation.setHorizonMonths(12);
        evaluation.setSeed(1L);
        evaluation.setTestYears(testYears);
        evaluation.setConfigJson("{}");
        evaluation.setCreatedAt(created);
        evaluation.setBreakwaterVersion("test");
        BulkRows.insert(dsl, MODEL_EVALUATIONS, List.of(evaluation));
    }

    /**
     * A model as the forecast reads it: the assets of its feature set, its latest risk scores, and the evaluation
     * (see {@link #evaluation}) its back-test scores belong to.
     */
    static void model(DSLContext dsl, List<FeatureAssetsRecord> assets, List<PipeBreakRiskScoresRecord> scores,
            String evaluationId, String featureSet, String algorithm, String grain, String testYears,
            LocalDateTime created) {
        BulkRows.insert(dsl, FEATURE_ASSETS, assets);
        BulkRows.insert(dsl, PIPE_BREAK_RISK_SCORES, scores);
        evaluation(dsl, evaluationId, featureSet, algorithm, grain, testYears, created);
    }

    /** An asset of a feature set, with its area. */
    static FeatureAssetsRecord asset(String featureSet, String assetId, String grain, String areaId) {
        FeatureAssetsRecord asset = new FeatureAssetsRecord();
        asset.setFeatureSetId(featureSet);
        asset.setAssetId(assetId);
        asset.setGrain(grain);
        asset.setAreaId(areaId);
        return asset;
    }

    /** An out-of-sample score of an evaluation's test year, as the back-test stores it (no per-km ranking). */
    static EvaluationBacktestScoresRecord backtestScore(String evaluationId, int year, String assetId, double score,
            int rank, double observed, String ranker) {
        return new EvaluationBacktestScoresRecord(evaluationId, year, assetId, score, null, rank, null, observed, ranker);
    }

    /** One asset's 12-month risk score of {@code month}. */
    static PipeBreakRiskScoresRecord riskScore(String modelId, String assetId, YearMonth month, double probability,
            double expected, LocalDateTime scored) {
        PipeBreakRiskScoresRecord score = new PipeBreakRiskScoresRecord();
        score.setModelId(modelId);
        score.setAssetId(assetId);
        score.setScoreMonth(month.atDay(1));
        score.setHorizonMonths(12);
        score.setProbability(probability);
        score.setExpectedBreaks(expected);
        score.setRiskRank(1);
        score.setPercentile(50.0);
        score.setRiskClass("moderate");
        score.setScoredAt(scored);
        return score;
    }
}
