package io.breakwater.features.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * An equirectangular projection of WGS84 around a reference point, in metres: accurate to a fraction of a percent over
 * a city, which is what neighbour distances and grid cells need.
 */
public final class LocalProjection {
    private static final double METRES_PER_DEGREE_LAT = 110_574.0;
    private static final double METRES_PER_DEGREE_LON_EQUATOR = 111_320.0;

    private final double lon0;
    private final double lat0;
    private final double kx;

    public LocalProjection(double lon0, double lat0) {
        this.lon0 = lon0;
        this.lat0 = lat0;
        this.kx = METRES_PER_DEGREE_LON_EQUATOR * Math.cos(Math.toRadians(lat0));
    }

    public double x(double lon) {
        return (lon - lon0) * kx;
    }

    public double y(double lat) {
        return (lat - lat0) * METRES_PER_DEGREE_LAT;
    }

    public double lon(double x) {
        return lon0 + x / kx;
    }

    public double lat(double y) {
        return lat0 + y / METRES_PER_DEGREE_LAT;
    }

    /** A copy of a WGS84 geometry in local metres. */
    public Geometry toMetres(Geometry wgs84) {
        Geometry copy = wgs84.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                Coordinate c = seq.getCoordinate(i);
                seq.setOrdinate(i, 0, x(c.x));
                seq.setOrdinate(i, 1, y(c.y));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }
}
