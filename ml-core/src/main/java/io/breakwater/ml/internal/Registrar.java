package io.breakwater.ml.internal;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.ml.ModelInfo;
import io.breakwater.ml.ScorerMetrics;
import io.breakwater.ml.TrainingConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a trained model into a registry entry: its id, its artifact file (written here), its row and JSON. */
public record Registrar(BreakwaterStore store, Path artifactDirectory, Clock clock) {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    /**
     * Writes the model's artifact and returns its entry; nothing reaches the registry until the entry is saved
     * (an artifact without a registry row is never used).
     */
    public Registry.Entry entry(TrainingConfig config, FeatureSetInfo fs, ModelTrainer.Trained t, String evaluationId,
            YearMonth testMonth, List<ScorerMetrics> metrics, Map<String, Object> selection) {
        LocalDateTime created = LocalDateTime.now(clock);
        Windows w = t.windows();
        String hyper = Json.write(configMap(config));
        String modelId = t.predictor().algorithm() + "-" + config.target().id().replace("_", "") + "-"
                + w.cutoff().format(MONTH) + "-" + Hashing.sha256(hyper + fs.id() + t.dataHash()
                        + evaluationId).substring(0, 10);
        Path artifact = artifactDirectory.resolve(modelId + ".bwmodel").toAbsolutePath().normalize();
        String sha = Artifacts.write(artifact, modelId, t.predictor());
        Map<String, Object> fingerprint = new LinkedHashMap<>(t.fingerprint());
        fingerprint.put("schema_version", store.schemaVersion());
        ModelInfo info = new ModelInfo(modelId, config.name(), t.predictor().algorithm(), config.target().id(), fs.grain(),
                fs.id(), fs.version(), fs.definitionHash(), fs.horizonMonths(), w.cutoff().atDay(1),
                w.trainStart().atDay(1), w.trainEnd().atDay(1), w.validationStart().atDay(1), w.validationEnd().atDay(1),
                testMonth == null ? null : testMonth.atDay(1), config.seed(), t.sampleRate(), t.rows(), t.positives(),
                t.dataHash(), hyper, Json.write(t.predictor().calibration()), Json.write(fingerprint), artifact.toString(),
                sha, created, BreakwaterVersion.get(), evaluationId, t.note());
        Map<String, Object> windows = new LinkedHashMap<>();
        windows.put("cutoff", w.cutoff().toString());
        windows.put("train", w.trainStart() + ".." + w.trainEnd());
        windows.put("train_labels_end", w.trainLabelsEnd().toString());
        windows.put("validation", w.validationStart() + ".." + w.validationEnd());
        windows.put("test_month", testMonth == null ? null : testMonth.toString());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("windows", windows);
        if (selection != null) {
            extra.put("selection", selection);
        }
        String provenance = Json.gzipBase64(t.predictor().model().provenanceJson());
        return new Registry.Entry(info, metricsJson(metrics, extra), provenance, metrics, t.importance(),
                selection == null ? null : Json.write(selection));
    }

    public static Map<String, Object> configMap(TrainingConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm_requested", c.algorithm().id());
        m.put("target", c.target().id());
        m.put("hyper_parameters", c.hyper());
        m.put("seed", c.seed());
        m.put("negative_sample_rate", Double.isNaN(c.negativeSampleRate()) ? "auto" : c.negativeSampleRate());
        m.put("train_from", c.trainFrom() == null ? null : c.trainFrom().toString());
        return m;
    }

    /** Metrics per period and scorer, with reliability tables, after the {@code extra} keys. */
    public static String metricsJson(List<ScorerMetrics> metrics, Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (extra != null) {
            root.putAll(extra);
        }
        Map<String, Map<String, Object>> periods = new LinkedHashMap<>();
        for (ScorerMetrics sm : metrics) {
            Map<String, Object> values = new LinkedHashMap<>();
            sm.values().forEach((k, v) -> values.put(k, v == null || v.isNaN() || v.isInfinite() ? null : v));
            if (!sm.reliability().isEmpty()) {
                values.put("reliability", sm.reliability());
            }
            periods.computeIfAbsent(sm.period(), k -> new LinkedHashMap<>()).put(sm.scorer(), values);
        }
        root.put("periods", periods);
        return Json.write(root);
    }
}
