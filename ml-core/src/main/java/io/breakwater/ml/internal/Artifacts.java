package io.breakwater.ml.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Model artifacts: one zip per model holding {@code model.json} (columns, calibration, learner) and
 * {@code learner.bin} (XGBoost booster bytes, Tribuo model protobuf, or the pure-Java GBM's trees). Entries carry a
 * fixed timestamp, so the same model gives the same bytes and the same SHA-256.
 */
public final class Artifacts {
    static final int FORMAT = 1;
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private Artifacts() {
    }

    /** Writes the artifact and returns its SHA-256. */
    public static String write(Path file, String modelId, Predictor predictor) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("model_id", modelId);
        meta.put("algorithm", predictor.algorithm());
        meta.put("count", predictor.count());
        meta.put("numeric_columns", predictor.schema().numeric());
        meta.put("materials", predictor.schema().materials());
        if (!predictor.schema().categories().isEmpty()) {
            meta.put("categories", predictor.schema().categories());  // absent before extra attributes existed
        }
        meta.put("calibration", predictor.calibration());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                entry(zip, "model.json", Json.write(meta).getBytes(StandardCharsets.UTF_8));
                entry(zip, "learner.bin", predictor.model().toBytes());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot write model artifact " + file + ": " + e.getMessage(), e);
        }
        return Hashing.sha256(file);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(EPOCH);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Reads an artifact after checking it against the registry's checksum. */
    public static Predictor read(Path file, String expectedSha256, String modelId) {
        if (!Files.isRegularFile(file)) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID,
                    "model " + modelId + ": artifact " + file + " does not exist");
        }
        String actual = Hashing.sha256(file);
        if (expectedSha256 == null || !expectedSha256.equalsIgnoreCase(actual)) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "model " + modelId + ": artifact " + file
                    + " has SHA-256 " + actual + " but the registry recorded " + expectedSha256
                    + " (the file changed after training); refusing to score with it");
        }
        byte[] json = null;
        byte[] learner = null;
        try (InputStream is = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals("model.json")) {
                    json = zip.readAllBytes();
                } else if (e.getName().equals("learner.bin")) {
                    learner = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "model " + modelId + ": artifact " + file
                    + " is not a readable model file: " + e.getMessage(), e);
        }
        if (json == null || learner == null) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "model " + modelId + ": artifact " + file
                    + " lacks model.json or learner.bin");
        }
        var meta = Json.read(new String(json, StandardCharsets.UTF_8));
        List<String> numeric = Json.MAPPER.convertValue(meta.get("numeric_columns"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        List<String> materials = Json.MAPPER.convertValue(meta.get("materials"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        Map<String, List<String>> categories = meta.has("categories")
                ? Json.MAPPER.convertValue(meta.get("categories"), Json.MAPPER.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, Json.MAPPER.getTypeFactory().constructType(String.class),
                                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class)))
                : Map.of();
        FeatureSchema schema = new FeatureSchema(numeric, materials, categories);
        Calibration calibration = Json.MAPPER.convertValue(meta.get("calibration"), Calibration.class);
        String algorithm = meta.get("algorithm").asText();
        FittedModel model;
        try {
            model = switch (algorithm) {
                case "xgboost" -> XGBoostLearner.load(learner, schema.width());
                case "logistic" -> LogisticLearner.load(learner, schema.columnNames());
                case "java_gbm" -> JavaGbmLearner.load(learner);
                default -> throw new BreakwaterException(ErrorCode.MODEL_INVALID, "names unknown algorithm " + algorithm);
            };
        } catch (BreakwaterException e) {
            throw new BreakwaterException(e.errorCode(), "model " + modelId + ": artifact " + file + ": " + e.getMessage(), e);
        }
        return new Predictor(algorithm, meta.get("count").asBoolean(), schema, model, calibration);
    }
}
