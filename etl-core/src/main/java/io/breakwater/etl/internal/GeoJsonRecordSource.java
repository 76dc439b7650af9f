package io.breakwater.etl.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.SourceRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * A GeoJSON FeatureCollection read feature by feature (Jackson streaming), so that large files need little memory.
 * Records are numbered by feature ordinal; messages also give the feature's line and column in the file.
 */
public final class GeoJsonRecordSource extends StreamRecordSource {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonParser parser;
    private final GeoJsonReader geometryReader = new GeoJsonReader();
    private final int geometryX; // geometry.x, then geometry.y
    private Set<String> allProperties; // every feature's property names, read when first needed
    private JsonNode pending;
    private long pendingLine;
    private long ordinal;
    private boolean done;

    private GeoJsonRecordSource(Path path) throws IOException {
        super(path, new CountingInputStream(Files.newInputStream(path)));
        this.parser = new JsonFactory(MAPPER).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .createParser(new java.io.BufferedInputStream(counting(), 1 << 16));
        if (parser.nextToken() == null) {
            close();
            throw error(null, "the file is empty; expected a GeoJSON FeatureCollection");
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonLocation at = parser.currentTokenLocation();
            close();
            throw error(at, "expected a GeoJSON FeatureCollection (a JSON object), found " + parser.currentToken());
        }
        String type = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("type".equals(field)) {
                type = parser.getValueAsString();
                if (!"FeatureCollection".equals(type)) {
                    JsonLocation at = parser.currentTokenLocation();
                    close();
                    throw error(at, "expected a GeoJSON FeatureCollection, found type '" + type + "'");
                }
            } else if ("features".equals(field)) {
                if (value != JsonToken.START_ARRAY) {
                    JsonLocation at = parser.currentTokenLocation();
                    close();
                    throw error(at, "'features' must be an array, found " + value);
                }
                break;
            } else {
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            close();
            throw error(null, type == null ? "expected a GeoJSON FeatureCollection: no 'type' and no 'features'"
                    : "the FeatureCollection has no 'features' array");
        }
        advance();
        List<String> names = new ArrayList<>();
        if (pending != null && pending.get("properties") != null && pending.get("properties").isObject()) {
            pending.get("properties").fieldNames().forEachRemaining(names::add);
        }
        this.geometryX = names.size();
        names.add("geometry.x");
        names.add("geometry.y");
        header.addAll(names);
    }

    /**
     * The index of {@code column}. A property the first feature lacks (tools often drop empty properties) is found
     * by reading every feature's property names once, before any record is read; it becomes a column after
     * {@code geometry.y}. Only a property no feature has is refused.
     */
    @Override
    public int requireColumn(String column, String mappingKey) {
        if (column != null && !header.contains(column) && ordinal == 0 && allPropertyNames().contains(column)) {
            header.add(column);
        }
        return super.requireColumn(column, mappingKey);
    }

    private Set<String> allPropertyNames() {
        if (allProperties != null) {
            return allProperties;
        }
        allProperties = new LinkedHashSet<>();
        try (JsonParser p = new JsonFactory(MAPPER).createParser(new java.io.BufferedInputStream(
                Files.newInputStream(path), 1 << 16))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return allProperties;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean features = "features".equals(p.currentName());
                if (p.nextToken() != JsonToken.START_ARRAY || !features) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        boolean properties = "properties".equals(p.currentName());
                        if (p.nextToken() == JsonToken.START_OBJECT && properties) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                allProperties.add(p.currentName());
                                p.nextToken();
                                p.skipChildren();
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                break;
            }
        } catch (IOException e) {
            // a malformed file is reported where the records are read
        }
        return allProperties;
    }

    public static GeoJsonRecordSource open(Path path) {
        try {
            return new GeoJsonRecordSource(path);
        } catch (JsonParseException e) {
            throw error(path, e.getLocation(), jsonProblem(e));
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot read " + path + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
    }

    /**
     * The {@code geometry} member of every feature of {@code path}, in order ({@code null} where a feature has none),
     * as written: for a second look at a geometry the reader refused. Read like the records, with the same refusals.
     */
    public static List<JsonNode> geometryNodes(Path path) {
        List<JsonNode> geometries = new ArrayList<>();
        try (GeoJsonRecordSource in = open(path)) {
            while (in.pending != null) {
                geometries.add(in.pending.get("geometry"));
                in.next();
            }
        }
        return geometries;
    }

    private void advance() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY || t == null) {
            pending = null;
            done = true;
            if (t == JsonToken.END_ARRAY) {
                requireNothingAfterTheCollection();
            }
            return;
        }
        JsonLocation at = parser.currentTokenLocation();
        if (t != JsonToken.START_OBJECT) {
            throw error(at, "feature " + (ordinal + 1) + ": expected a Feature object, found " + t);
        }
        pendingLine = at.getLineNr();
        pending = parser.readValueAsTree();
    }

    /** The rest of the FeatureCollection (members after "features"), then the end of the file: nothing may follow. */
    private void requireNothingAfterTheCollection() throws IOException {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            if (t == null) {
                throw error(parser.currentLocation(), "the file ends inside the FeatureCollection");
            }
            parser.nextToken();
            parser.skipChildren();
        }
        if (parser.nextToken() != null) {
            throw error(parser.currentTokenLocation(), "content after the end of the FeatureCollection; expected the "
                    + "end of the file (two documents in one file?)");
        }
    }

    /**
     * Why a geometry's {@code coordinates} cannot be positions, or {@code null}: every position needs x and y as
     * finite numbers (a one-number position would otherwise be read with y = 0, a point on the equator).
     */
    static String positionsProblem(JsonNode coordinates) {
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            return null; // no coordinates: an empty geometry, or a GeometryCollection; the reader decides
        }
        if (coordinates.get(0).isNumber()) {
            if (coordinates.size() < 2) {
                return "a position has " + coordinates.size() + " number " + coordinates + "; expected x and y";
            }
            for (JsonNode n : coordinates) {
                if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                    return "a position holds " + n + "; expected numbers";
                }
            }
            return null;
        }
        for (JsonNode inner : coordinates) {
            String problem = inner.isArray() ? positionsProblem(inner) : "a position holds " + inner;
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** A JSON syntax problem in Breakwater's words. */
    static String jsonProblem(JsonParseException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Duplicate field")) {
            return "a key appears twice in one object (" + m.substring("Duplicate field".length()).strip()
                    + "): which value is meant cannot be told";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "not valid JSON: the document ends before it is complete (is the file cut short?)";
        }
        return "not valid JSON: " + m;
    }

    @Override
    public SourceRecord next() {
        if (done || pending == null) {
            return null;
        }
        JsonNode feature = pending;
        long line = pendingLine;
        ordinal++;
        try {
            advance();
        } catch (JsonParseException e) {
            throw error(e.getLocation(), jsonProblem(e));
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot read " + path + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        if (!"Feature".equals(feature.path("type").asText())) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + " line " + line + ": feature " + ordinal
                    + ": expected an object of type 'Feature', found type '" + feature.path("type").asText() + "'");
        }
        String[] fields = new String[header.size()];
        JsonNode properties = feature.get("properties");
        for (int i = 0; i < header.size(); i++) {
            if (i == geometryX || i == geometryX + 1) {
                continue;
            }
            JsonNode v = properties == null ? null : properties.get(header.get(i));
            fields[i] = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        }
        Geometry geometry = null;
        String geometryError = null;
        JsonNode g = feature.get("geometry");
        if (g == null || g.isNull()) {
            geometryError = "feature " + ordinal + " (line " + line + ") has no geometry";
        } else {
            String positions = positionsProblem(g.get("coordinates"));
            try {
                if (positions != null) {
                    throw new IllegalArgumentException(positions);
                }
                geometry = geometryReader.read(g.toString());
                if (geometry instanceof Point p && !p.isEmpty()) {
                    fields[geometryX] = Double.toString(p.getX());
                    fields[geometryX + 1] = Double.toString(p.getY());
                }
            } catch (ParseException | RuntimeException e) {
                geometryError = "feature " + ordinal + " (line " + line + "): unreadable geometry: " + e.getMessage();
            }
        }
        return new SourceRecord(ordinal, fields, geometry, geometryError);
    }

    @Override
    Closeable reader() {
        return parser;
    }

    private BreakwaterException error(JsonLocation at, String message) {
        return error(path, at, message);
    }

    private static BreakwaterException error(Path path, JsonLocation at, String message) {
        String where = at == null ? "" : " line " + at.getLineNr() + " column " + at.getColumnNr();
        return new BreakwaterException(ErrorCode.INVALID_INPUT, path + where + ": " + message);
    }
}
