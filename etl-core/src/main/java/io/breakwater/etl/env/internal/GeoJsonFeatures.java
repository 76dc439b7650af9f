package io.breakwater.etl.env.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a GeoJSON FeatureCollection feature by feature, keeping the line each feature starts on. Anything that is not
 * a FeatureCollection is refused with the file and line.
 */
public final class GeoJsonFeatures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One feature: its starting line, its properties (an object node, maybe empty) and its geometry node. */
    public record Feature(long line, JsonNode properties, JsonNode geometry, String raw) {
        public String property(String name) {
            JsonNode v = properties.get(name);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    private GeoJsonFeatures() {
    }

    public static List<Feature> read(Path file) {
        List<Feature> features = new ArrayList<>();
        boolean sawType = false;
        try (InputStream in = Files.newInputStream(file);
                JsonParser p = new JsonFactory(MAPPER).createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line "
                        + p.currentLocation().getLineNr() + ": expected a GeoJSON object, found "
                        + (p.currentToken() == null ? "an empty file" : p.currentToken().asString()));
            }
            boolean sawFeatures = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("type")) {
                    String type = p.getText();
                    if (!"FeatureCollection".equals(type)) {
                        throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line "
                                + p.currentLocation().getLineNr() + ": GeoJSON type is '" + type
                                + "', expected a FeatureCollection");
                    }
                    sawType = true;
                } else if (name.equals("features") && value == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long line = p.currentTokenLocation().getLineNr();
                        JsonNode node = MAPPER.readTree(p);
                        JsonNode props = node.get("properties");
                        features.add(new Feature(line, props == null || !props.isObject()
                                ? MAPPER.createObjectNode() : props, node.get("geometry"), node.toString()));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawType || !sawFeatures) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line 1: not a GeoJSON "
                        + "FeatureCollection (" + (sawType ? "no \"features\" array" : "no \"type\": \"FeatureCollection\"")
                        + ")");
            }
        } catch (NoSuchFileException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": file does not exist");
        } catch (JsonParseException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot read: " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        return features;
    }
}
