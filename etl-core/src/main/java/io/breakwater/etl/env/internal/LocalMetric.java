package io.breakwater.etl.env.internal;

import io.breakwater.db.LocalPlane;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;

/**
 * Geometries in the shared {@link LocalPlane} around a reference latitude: good to a fraction of a percent across a
 * city, which is all that snapping tolerances and area weights need. Lengths of lines use the haversine formula.
 */
public final class LocalMetric {
    private final LocalPlane plane;

    public LocalMetric(double referenceLat) {
        this.plane = new LocalPlane(0, referenceLat);
    }

    public double x(double lon) {
        return plane.x(lon);
    }

    public double y(double lat) {
        return plane.y(lat);
    }

    public Coordinate toPlane(double lon, double lat) {
        return new Coordinate(x(lon), y(lat));
    }

    /** A copy of a WGS84 geometry in the plane (metres). */
    public Geometry toPlane(Geometry wgs84) {
        return new GeometryTransformer() {
            @Override
            protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                    org.locationtech.jts.geom.CoordinateSequence coords, Geometry parent) {
                Coordinate[] out = new Coordinate[coords.size()];
                for (int i = 0; i < coords.size(); i++) {
                    out[i] = toPlane(coords.getX(i), coords.getY(i));
                }
                return factory.getCoordinateSequenceFactory().create(out);
            }
        }.transform(wgs84);
    }

    /** Great-circle length of a WGS84 line or multi-line, metres. */
    public static double lengthMetres(Geometry wgs84) {
        double total = 0;
        for (int g = 0; g < wgs84.getNumGeometries(); g++) {
            Coordinate[] c = wgs84.getGeometryN(g).getCoordinates();
            for (int i = 1; i < c.length; i++) {
                total += LocalPlane.distanceMetres(c[i - 1].x, c[i - 1].y, c[i].x, c[i].y);
            }
        }
        return total;
    }
}
