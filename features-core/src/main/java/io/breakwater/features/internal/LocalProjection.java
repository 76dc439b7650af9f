package io.breakwater.features.internal;

import io.breakwater.db.LocalPlane;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Geometries in the shared {@link LocalPlane} (equirectangular, WGS84 mean radius) around a reference point, in
 * metres: accurate to a fraction of a percent over a city, which is what neighbour distances and grid cells need.
 */
public final class LocalProjection {
    private final LocalPlane plane;

    public LocalProjection(double lon0, double lat0) {
        this.plane = new LocalPlane(lon0, lat0);
    }

    public double x(double lon) {
        return plane.x(lon);
    }

    public double y(double lat) {
        return plane.y(lat);
    }

    public double lon(double x) {
        return plane.lon(x);
    }

    public double lat(double y) {
        return plane.lat(y);
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
