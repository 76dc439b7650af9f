package io.breakwater.etl.soil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.breakwater.etl.env.internal.GeoJsonFeatures;
import io.breakwater.etl.internal.SpatialFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validation and safe repair of soil polygons. An unclosed ring is closed; an invalid polygon (self-intersection, ...)
 * is repaired with {@link GeometryFixer} when the result is a valid, non-empty polygon keeping at least
 * {@value #MIN_KEPT_SHARE} of the surface of the input's convex hull. Anything else is refused with JTS's reason.
 */
public final class SoilGeometry {
    static final double MIN_KEPT_SHARE = 0.4;

    /** The outcome: a usable polygon and the repair flag (or {@code null}), or a problem. */
    public record Outcome(Geometry polygon, String repairFlag, String problem) {
    }

    private SoilGeometry() {
    }

    /** Validates (and if needed repairs) a polygonal geometry. */
    public static Outcome validate(Geometry g) {
        if (!(g instanceof Polygonal)) {
            return new Outcome(null, null, "geometry is a " + g.getGeometryType() + ", expected a Polygon or "
                    + "MultiPolygon");
        }
        IsValidOp op = new IsValidOp(g);
        if (op.isValid()) {
            return new Outcome(g, null, null);
        }
        TopologyValidationError error = op.getValidationError();
        Geometry fixed = GeometryFixer.fix(g);
        double hull = g.convexHull().getArea();
        if (fixed.isEmpty() || !(fixed instanceof Polygonal) || !fixed.isValid() || hull == 0
                || fixed.getArea() < MIN_KEPT_SHARE * hull) {
            return new Outcome(null, null, "polygon is invalid (" + error.getMessage() + " at "
                    + error.getCoordinate() + ") and cannot be repaired safely");
        }
        return new Outcome(fixed, "repaired_" + error.getMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_"),
                null);
    }

    /**
     * Re-reads feature number {@code ordinal} (1-based) of {@code file} with its rings closed, for a geometry the
     * GeoJSON reader refused; {@code null} when no ring was open or closing them does not make it readable, and for
     * files that are not GeoJSON (the shapefile reader closes open rings itself; WKB rings are read as written).
     */
    public static Geometry readWithRingsClosed(Path file, long ordinal, List<GeoJsonFeatures.Feature>[] cache) {
        if (cache[0] == null && SpatialFiles.kindOf(file) != SpatialFiles.Kind.JSON) {
            return null;
        }
        if (cache[0] == null) {
            cache[0] = GeoJsonFeatures.read(file);
        }
        if (ordinal < 1 || ordinal > cache[0].size()) {
            return null;
        }
        JsonNode geometry = cache[0].get((int) ordinal - 1).geometry();
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
