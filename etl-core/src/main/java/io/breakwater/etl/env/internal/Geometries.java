package io.breakwater.etl.env.internal;

import io.breakwater.etl.Reprojection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;

/** Geometry helpers on top of the ingest machinery's {@link Reprojection}. */
public final class Geometries {
    private Geometries() {
    }

    /**
     * The geometry in WGS84, or {@code null} when a vertex cannot be projected or falls outside lon/lat range.
     */
    public static Geometry toWgs84(Geometry source, Reprojection projection) {
        boolean[] bad = new boolean[1];
        double[] lonLat = new double[2];
        Geometry out = new GeometryTransformer() {
            @Override
            protected CoordinateSequence transformCoordinates(CoordinateSequence coords, Geometry parent) {
                Coordinate[] c = new Coordinate[coords.size()];
                for (int i = 0; i < coords.size(); i++) {
                    if (!projection.project(coords.getX(i), coords.getY(i), lonLat) || Math.abs(lonLat[0]) > 180
                            || Math.abs(lonLat[1]) > 90) {
                        bad[0] = true;
                        lonLat[0] = 0;
                        lonLat[1] = 0;
                    }
                    c[i] = new Coordinate(lonLat[0], lonLat[1]);
                }
                return factory.getCoordinateSequenceFactory().create(c);
            }
        }.transform(source);
        return bad[0] ? null : out;
    }

    /** Why {@link #toWgs84} gave {@code null}: the first vertex that does not project into lon/lat range. */
    public static String vertexProblem(Geometry source, Reprojection projection) {
        double[] lonLat = new double[2];
        for (Coordinate c : source.getCoordinates()) {
            if (!projection.project(c.x, c.y, lonLat) || Math.abs(lonLat[0]) > 180 || Math.abs(lonLat[1]) > 90) {
                return "the vertex (" + c.x + " " + c.y + ") is not a valid coordinate in " + projection.crs()
                        + " or falls outside lon/lat range (longitude -180..180, latitude -90..90)";
            }
        }
        return "a vertex is not a valid coordinate in " + projection.crs() + " or falls outside lon/lat range";
    }

    /** The first vertex that is not a finite lon/lat, as text, or {@code null}. */
    public static String firstBadVertex(Geometry source) {
        for (Coordinate c : source.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                return c.x + " " + c.y;
            }
        }
        return null;
    }
}
