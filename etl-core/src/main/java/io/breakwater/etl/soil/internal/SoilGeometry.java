package io.breakwater.etl.soil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.breakwater.etl.internal.GeoJsonRecordSource;
import io.breakwater.etl.internal.SpatialFiles;
import java.nio.file.Path;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Soil polygons as published: an unclosed GeoJSON ring is closed (the rest is {@link
 * io.breakwater.etl.env.internal.Polygons}' rule). */
public final class SoilGeometry {
    private SoilGeometry() {
    }

    /**
     * Re-reads feature number {@code ordinal} (1-based) of {@code file} with its rings closed, for a geometry the
     * GeoJSON reader refused; {@code null} when no ring was open or closing them does not make it readable, and for
     * files that are not GeoJSON (the shapefile reader closes open rings itself; WKB rings are read as written).
     */
    public static Geometry readWithRingsClosed(Path file, long ordinal, List<JsonNode>[] cache) {
        if (cache[0] == null && SpatialFiles.kindOf(file) != SpatialFiles.Kind.JSON) {
            return null;
        }
        if (cache[0] == null) {
            cache[0] = GeoJsonRecordSource.geometryNodes(file);
        }
        if (ordinal < 1 || ordinal > cache[0].size()) {
            return null;
        }
        JsonNode geometry = cache[0].get((int) ordinal - 1);
        if (geometry == null || geometry.isNull()) {
            return null;
        }
        JsonNode copy = geometry.deepCopy();
        String type = copy.path("type").asText();
        JsonNode coords = copy.get("coordinates");
        if (coords == null || !coords.isArray()) {
            return null;
        }
        boolean changed = false;
        if (type.equals("Polygon")) {
            changed = close(coords);
        } else if (type.equals("MultiPolygon")) {
            for (JsonNode polygon : coords) {
                changed |= close(polygon);
            }
        }
        if (!changed) {
            return null;
        }
        try {
            return new GeoJsonReader().read(copy.toString());
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean close(JsonNode rings) {
        boolean changed = false;
        for (JsonNode ring : rings) {
            if (ring.isArray() && ring.size() >= 3 && !ring.get(0).equals(ring.get(ring.size() - 1))) {
                ((ArrayNode) ring).add(ring.get(0).deepCopy());
                changed = true;
            }
        }
        return changed;
    }
}
