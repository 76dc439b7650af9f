package io.breakwater.etl.soil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.env.SourceReject;
import io.breakwater.etl.env.internal.GeoJsonFeatures;
import io.breakwater.etl.env.internal.MappingFile;
import io.breakwater.etl.env.internal.Reprojector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads soil zones through a mapping. Polygons are validated with {@link IsValidOp}; an unclosed ring is closed, an
 * invalid polygon (self-intersection, ...) is repaired with {@link GeometryFixer} when the result is polygonal and
 * keeps at least {@value #MIN_KEPT_SHARE} of the surface of the polygon's outline; both are accepted with a flag.
 * Anything else is rejected with the JTS reason.
 */
public final class SoilZoneReader {
    static final double MIN_KEPT_SHARE = 0.4;

    /** A zone ready to store (WGS84). */
    public record Zone(String zoneId, String soilType, Double corrosivityIndex, String corrosivityClass,
            Double shrinkSwellIndex, String shrinkSwellClass, Geometry geometry, List<String> flags, long line) {
    }

    public record Result(long rowsRead, List<Zone> zones, List<SourceReject> rejects) {
    }

    private final MappingFile mapping;
    private final String idColumn;
    private final Reprojector reprojector;

    public SoilZoneReader(MappingFile mapping) {
        this.mapping = mapping;
        mapping.oneOf("format.type", null, "geojson");
        List<String> ids = mapping.list("id.columns");
        if (ids.size() != 1) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mapping.where("id.columns")
                    + ": expected exactly one column");
        }
        this.idColumn = ids.get(0);
        if (mapping.text("attributes.soilType.column") == null && mapping.text("attributes.corrosivity.column") == null
                && mapping.text("attributes.shrinkSwell.column") == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mapping.where("attributes")
                    + ": maps none of soilType, corrosivity, shrinkSwell");
        }
        this.reprojector = Reprojector.to4326(mapping.text("crs"), mapping.where("crs"));
    }

    public Result read(Path file) {
        List<GeoJsonFeatures.Feature> features = GeoJsonFeatures.read(file);
        if (features.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the FeatureCollection has no features");
        }
        GeoJsonReader reader = new GeoJsonReader();
        List<Zone> zones = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GeoJsonFeatures.Feature f : features) {
            String raw = f.raw().length() > 2000 ? f.raw().substring(0, 2000) + "..." : f.raw();
            String where = file + ": line " + f.line();
            String id = f.property(idColumn);
            if (id == null || id.isBlank()) {
                rejects.add(new SourceReject(file.toString(), f.line(), idColumn, id, raw, "not_null",
                        where + ", property " + idColumn + ": zone id is empty"));
                continue;
            }
            if (!seen.add(id)) {
                rejects.add(new SourceReject(file.toString(), f.line(), idColumn, id, raw, "unique",
                        where + ": zone id '" + id + "' appears more than once"));
                continue;
            }
            List<String> flags = new ArrayList<>();
            JsonNode geometryNode = f.geometry();
            if (geometryNode == null || geometryNode.isNull()) {
                rejects.add(new SourceReject(file.toString(), f.line(), "geometry", null, raw, "geometry",
                        where + ": zone '" + id + "' has no geometry"));
                continue;
            }
            geometryNode = geometryNode.deepCopy();
            if (closeRings(geometryNode)) {
                flags.add("repaired_unclosed_ring");
            }
            Geometry g;
            try {
                g = reader.read(geometryNode.toString());
            } catch (Exception e) {
                rejects.add(new SourceReject(file.toString(), f.line(), "geometry", null, raw, "geometry",
                        where + ": zone '" + id + "' geometry cannot be read: " + e.getMessage()));
                continue;
            }
            if (!(g instanceof Polygonal)) {
                rejects.add(new SourceReject(file.toString(), f.line(), "geometry", g.getGeometryType(), raw,
                        "geometry_type", where + ": zone '" + id + "' is a " + g.getGeometryType()
                                + ", expected a Polygon or MultiPolygon"));
                continue;
            }
            if (reprojector != null) {
                g = reprojector.apply(g);
            }
            IsValidOp valid = new IsValidOp(g);
            if (!valid.isValid()) {
                TopologyValidationError error = valid.getValidationError();
                Geometry fixed = GeometryFixer.fix(g);
                double outline = g.getEnvelopeInternal().getArea() == 0 ? 0 : g.convexHull().getArea();
                if (fixed.isEmpty() || !(fixed instanceof Polygonal) || !fixed.isValid()
                        || outline == 0 || fixed.getArea() < MIN_KEPT_SHARE * outline) {
                    rejects.add(new SourceReject(file.toString(), f.line(), "geometry", error.getMessage(), raw,
                            "geometry_invalid", where + ": zone '" + id + "' is invalid (" + error.getMessage()
                                    + " at " + error.getCoordinate() + ") and cannot be repaired safely"));
                    continue;
                }
                flags.add("repaired_" + error.getMessage().toLowerCase(Locale.ROOT).replace(' ', '_')
                        .replace("-", "_"));
                g = fixed;
            }
            Double corrosivity;
            Double shrink;
            try {
                corrosivity = index(f.property(mapping.text("attributes.corrosivity.column", "")), CORROSIVITY);
                shrink = index(f.property(mapping.text("attributes.shrinkSwell.column", "")), SHRINK);
            } catch (IllegalArgumentException e) {
                rejects.add(new SourceReject(file.toString(), f.line(), "attributes", e.getMessage(), raw,
                        "accepted_values", where + ": zone '" + id + "': " + e.getMessage()));
                continue;
            }
            zones.add(new Zone(id, f.property(mapping.text("attributes.soilType.column", "")), corrosivity,
                    cls(corrosivity, CORROSIVITY), shrink, cls(shrink, SHRINK), g, flags, f.line()));
        }
        return new Result(features.size(), zones, rejects);
    }

    static final String[] CORROSIVITY = {"low", "moderate", "high", "severe"};
    static final String[] SHRINK = {"low", "moderate", "high"};

    /** A 0..1 index, or a class turned into the middle of its band; {@code null} when absent. */
    static Double index(String text, String[] classes) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i].equals(t)) {
                return (i + 0.5) / classes.length;
            }
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a 0..1 index nor one of "
                    + String.join(", ", classes));
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("index " + text + " is outside 0..1");
        }
        return v;
    }

    static String cls(Double index, String[] classes) {
        return index == null ? null : classes[Math.min(classes.length - 1, (int) (index * classes.length))];
    }

    /** Closes every ring of a Polygon / MultiPolygon node whose last position differs from its first. */
    private static boolean closeRings(JsonNode geometry) {
        String type = geometry.path("type").asText();
        JsonNode coords = geometry.get("coordinates");
        boolean changed = false;
        if (coords == null || !coords.isArray()) {
            return false;
        }
        if (type.equals("Polygon")) {
            changed = closePolygon(coords);
        } else if (type.equals("MultiPolygon")) {
            for (JsonNode polygon : coords) {
                changed |= closePolygon(polygon);
            }
        }
        return changed;
    }

    private static boolean closePolygon(JsonNode rings) {
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
