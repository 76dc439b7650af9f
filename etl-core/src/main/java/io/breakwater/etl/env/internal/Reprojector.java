package io.breakwater.etl.env.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/** Reprojects geometries from a source CRS (EPSG code or proj string) to WGS84 lon/lat with proj4j. */
public final class Reprojector {
    private final CoordinateTransform transform;

    private Reprojector(CoordinateTransform transform) {
        this.transform = transform;
    }

    /** {@code null} for WGS84 input (nothing to do). */
    public static Reprojector to4326(String crs, String mappingKey) {
        if (crs == null || crs.isBlank() || crs.trim().equalsIgnoreCase("EPSG:4326")) {
            return null;
        }
        CRSFactory factory = new CRSFactory();
        try {
            var source = crs.trim().startsWith("+") ? factory.createFromParameters("source", crs.trim())
                    : factory.createFromName(crs.trim());
            var target = factory.createFromName("EPSG:4326");
            return new Reprojector(new CoordinateTransformFactory().createTransform(source, target));
        } catch (RuntimeException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mappingKey + ": unknown CRS '" + crs + "'", e);
        }
    }

    public Geometry apply(Geometry g) {
        return new GeometryTransformer() {
            @Override
            protected CoordinateSequence transformCoordinates(CoordinateSequence coords, Geometry parent) {
                Coordinate[] out = new Coordinate[coords.size()];
                ProjCoordinate src = new ProjCoordinate();
                ProjCoordinate dst = new ProjCoordinate();
                for (int i = 0; i < coords.size(); i++) {
                    src.x = coords.getX(i);
                    src.y = coords.getY(i);
                    transform.transform(src, dst);
                    out[i] = new Coordinate(dst.x, dst.y);
                }
                return factory.getCoordinateSequenceFactory().create(out);
            }
        }.transform(g);
    }
}
