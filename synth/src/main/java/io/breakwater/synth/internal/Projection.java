package io.breakwater.synth.internal;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The city's projected CRS, NAD83 / UTM zone 17N (EPSG:26917) unless another is given, and WGS84 lon/lat, through
 * proj4j. Not thread-safe.
 */
public final class Projection {
    public static final String PROJECTED_CRS = "EPSG:26917";
    public static final String GEOGRAPHIC_CRS = "EPSG:4326";

    private final CoordinateTransform toLonLat;
    private final CoordinateTransform toProjected;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    public Projection() {
        this(PROJECTED_CRS);
    }

    /** Between {@code projectedCrs} (an EPSG code proj4j knows, e.g. {@code EPSG:2019}) and WGS84 lon/lat. */
    public Projection(String projectedCrs) {
        CRSFactory crs = new CRSFactory();
        CoordinateReferenceSystem utm = crs.createFromName(projectedCrs);
        CoordinateReferenceSystem wgs = crs.createFromName(GEOGRAPHIC_CRS);
        CoordinateTransformFactory factory = new CoordinateTransformFactory();
        toLonLat = factory.createTransform(utm, wgs);
        toProjected = factory.createTransform(wgs, utm);
    }

    /** Writes lon, lat of the projected point into {@code result[offset]}, {@code result[offset + 1]}. */
    public void lonLat(double x, double y, double[] result, int offset) {
        in.x = x;
        in.y = y;
        toLonLat.transform(in, out);
        result[offset] = out.x;
        result[offset + 1] = out.y;
    }

    /** Writes x, y of the lon/lat point into {@code result[0..1]}. */
    public void projected(double lon, double lat, double[] result) {
        in.x = lon;
        in.y = lat;
        toProjected.transform(in, out);
        result[0] = out.x;
        result[1] = out.y;
    }
}
