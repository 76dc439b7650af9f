package io.breakwater.etl.env.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;

/**
 * A local plane in metres around a reference latitude (equirectangular): good to a fraction of a percent across a
 * city, which is all that snapping tolerances and area weights need. Lengths of lines use the haversine formula.
 */
public final class LocalMetric {
    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private final double cosLat;

    public LocalMetric(double referenceLat) {
        this.cosLat = Math.cos(Math.toRadians(referenceLat));
    }

    public double x(double lon) {
        return Math.toRadians(lon) * EARTH_RADIUS_M * cosLat;
    }

    public double y(double lat) {
        return Math.toRadians(lat) * EARTH_RADIUS_M;
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
                total += haversine(c[i - 1].x, c[i - 1].y, c[i].x, c[i].y);
            }
        }
        return total;
    }

    public static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
