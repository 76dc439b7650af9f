package io.breakwater.etl.env.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source mapping (docs/source-mappings.md) as a tree, read with Jackson, with lookups that refuse a bad mapping by
 * naming the key before any row is read.
 */
public final class MappingFile {
    private final Path path;
    private final JsonNode root;
    private final String sha256;

    private MappingFile(Path path, JsonNode root, String sha256) {
        this.path = path;
        this.root = root;
        this.sha256 = sha256;
    }

    public static MappingFile read(Path path, String expectedKind) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + " does not exist");
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + ": not valid YAML/JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + ": expected a YAML object");
        }
        MappingFile m = new MappingFile(path, root, StepRecorder.sha256(text));
        String kind = m.required("kind");
        if (!kind.equals(expectedKind)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, m.where("kind") + ": is '" + kind
                    + "', expected '" + expectedKind + "'");
        }
        m.required("source");
        return m;
    }

    public Path path() {
        return path;
    }

    public String sha256() {
        return sha256;
    }

    public String where(String key) {
        return "mapping " + path + ": " + key;
    }

    public JsonNode node(String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    public String text(String dotted) {
        JsonNode n = node(dotted);
        return n == null ? null : n.asText();
    }

    public String text(String dotted, String fallback) {
        String t = text(dotted);
        return t == null || t.isBlank() ? fallback : t;
    }

    public String required(String dotted) {
        String t = text(dotted);
        if (t == null || t.isBlank()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, where(dotted) + ": is missing");
        }
        return t.trim();
    }

    public String oneOf(String dotted, String fallback, String... allowed) {
        String t = text(dotted, fallback);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, where(dotted) + ": '" + t + "' is not one of "
                + String.join(", ", allowed));
    }

    public List<String> list(String dotted) {
        JsonNode n = node(dotted);
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null) {
            out.add(n.asText());
        }
        return out;
    }

    public Map<String, String> map(String dotted) {
        JsonNode n = node(dotted);
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    public Integer integer(String dotted, int fallback) {
        JsonNode n = node(dotted);
        if (n == null) {
            return fallback;
        }
        if (!n.canConvertToInt() && !n.isTextual()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, where(dotted) + ": '" + n.asText()
                    + "' is not a whole number");
        }
        try {
            return Integer.parseInt(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, where(dotted) + ": '" + n.asText()
                    + "' is not a whole number");
        }
    }
}
