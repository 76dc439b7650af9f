package io.breakwater.etl.env.internal;

import java.util.Locale;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The one rule for polygons of every source kind (areas, soil zones), in WGS84. A valid polygon is used as published.
 * An invalid one (self-intersection, ...) is repaired with {@link GeometryFixer} only when the repair keeps at least
 * {@value #MIN_KEPT_SHARE} of its published area and of its convex hull: a repair that would lose more is refused
 * with the figures, never loaded as a smaller polygon. A geometry wider than 180 degrees of longitude spans the
 * antimeridian (or is a mistake) and is refused: every planar step would read it as going the long way round.
 */
public final class Polygons {
    /** The least share of its published area (and of its convex hull) a repaired polygon must keep. */
    public static final double MIN_KEPT_SHARE = 0.9;

    /** The outcome: a usable polygon and the repair flag (or {@code null}), or a problem. */
    public record Outcome(Geometry polygon, String repairFlag, String problem) {
    }

    private Polygons() {
    }

    /** Validates (and if needed repairs) a polygonal WGS84 geometry. */
    public static Outcome validate(Geometry g) {
        if (!(g instanceof Polygonal)) {
            return new Outcome(null, null, "geometry is a " + g.getGeometryType() + ", expected a Polygon or "
                    + "MultiPolygon");
        }
        String spans = antimeridianProblem(g);
        if (spans != null) {
            return new Outcome(null, null, spans);
        }
        IsValidOp op = new IsValidOp(g);
        if (op.isValid()) {
            return g.getArea() > 0 ? new Outcome(g, null, null)
                    : new Outcome(null, null, "polygon has no area (all its vertices lie on a line)");
        }
        TopologyValidationError error = op.getValidationError();
        String what = "polygon is invalid (" + error.getMessage() + " at " + error.getCoordinate().x + " "
                + error.getCoordinate().y + ")";
        Geometry fixed = GeometryFixer.fix(g);
        if (fixed.isEmpty() || !(fixed instanceof Polygonal) || !fixed.isValid()) {
            return new Outcome(null, null, what + " and cannot be repaired");
        }
        double published = g.getArea();
        double hull = g.convexHull().getArea();
        double kept = fixed.getArea();
        if (kept < MIN_KEPT_SHARE * published || kept < MIN_KEPT_SHARE * 0.5 * hull || kept == 0) {
            return new Outcome(null, null, String.format(Locale.ROOT, "%s and its repair would change its area too "
                    + "much: %.3f of the published area, %.3f of its convex hull (a repair must keep %.2f of the "
                    + "area); fix the polygon in the source", what, published == 0 ? 0 : kept / published,
                    hull == 0 ? 0 : kept / hull, MIN_KEPT_SHARE));
        }
        return new Outcome(fixed, "repaired_" + error.getMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_"),
                null);
    }

    /**
     * Why a WGS84 geometry cannot be used because it spans more than 180 degrees of longitude, or {@code null}.
     */
    public static String antimeridianProblem(Geometry wgs84) {
        Envelope e = wgs84.getEnvelopeInternal();
        if (e.getWidth() > 180) {
            return String.format(Locale.ROOT, "geometry spans %.1f degrees of longitude (%.4f to %.4f): it crosses the "
                    + "antimeridian or joins far-apart places; split it at 180 degrees or correct it in the source",
                    e.getWidth(), e.getMinX(), e.getMaxX());
        }
        return null;
    }
}
