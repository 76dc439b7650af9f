package io.breakwater.ml;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A row of {@code model_registry}, as people and reports read it.
 *
 * @param modelId            registry key
 * @param name               given name
 * @param algorithm          the learner that actually ran
 * @param target             any_break or break_count
 * @param grain              asset grain of the feature set
 * @param featureSetId       feature set trained on
 * @param featureSetVersion  its version
 * @param featureSetHash     its definition hash
 * @param horizonMonths      label horizon H
 * @param cutoffMonth        as-of month: training and calibration labels end before it
 * @param trainStart         first training feature month
 * @param trainEnd           last training feature month (its label window ends before validationStart + H)
 * @param validationStart    first feature month of the calibration block
 * @param validationEnd      last feature month of the calibration block
 * @param testMonth          feature month scored for the test year (evaluations), or null
 * @param seed               seed
 * @param negativeSampleRate share of negatives kept
 * @param trainingRows       rows trained on, after sampling
 * @param trainingPositives  positives among them
 * @param trainingDataHash   SHA-256 of the training rows (asset, month, values, label)
 * @param hyperParameters    JSON
 * @param calibration        JSON
 * @param dataFingerprint    JSON: row counts, hashes, schema version
 * @param artifactPath       model file
 * @param artifactSha256     its SHA-256
 * @param createdAt          from the Clock
 * @param breakwaterVersion  build
 * @param evaluationId       evaluation this model belongs to, or null
 * @param trainerNote        e.g. a fallback that happened, or null
 */
public record ModelInfo(String modelId, String name, String algorithm, String target, String grain,
        String featureSetId, String featureSetVersion, String featureSetHash, int horizonMonths, LocalDate cutoffMonth,
        LocalDate trainStart, LocalDate trainEnd, LocalDate validationStart, LocalDate validationEnd, LocalDate testMonth,
        long seed, Double negativeSampleRate, long trainingRows, long trainingPositives, String trainingDataHash,
        String hyperParameters, String calibration, String dataFingerprint, String artifactPath, String artifactSha256,
        LocalDateTime createdAt, String breakwaterVersion, String evaluationId, String trainerNote) {
}
