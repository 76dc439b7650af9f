package io.breakwater.etl;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.LocalPlane;
import io.breakwater.etl.internal.SpatialFiles;
import java.nio.file.Path;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Reprojects coordinates from a source CRS (an EPSG code such as {@code EPSG:2019}, or a proj string such as
 * {@code +proj=tmerc ...}) to WGS84 lon/lat, with proj4j. One instance per thread (it reuses its buffers).
 */
public final class Reprojection {
    private static final CRSFactory CRS = new CRSFactory();
    private final String crs;
    private final CoordinateTransform transform;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    private Reprojection(String crs, CoordinateTransform transform) {
        this.crs = crs;
        this.transform = transform;
    }

    /**
     * The reprojection of a geometry file's coordinates to WGS84 as the mapping alone says: its {@code crs}, else
     * {@code format.crs}, else WGS84 itself; an unknown CRS is refused naming the mapping and the key {@code crs}.
     * Prefer {@link #ofGeometry(SourceMapping.File, Path)}, which also reads the CRS the file declares.
     */
    public static Reprojection ofGeometry(SourceMapping.File mappingFile) {
        return ofGeometry(mappingFile, null);
    }

    /**
     * The reprojection of a geometry file's coordinates to WGS84. The CRS the file declares (a shapefile's .prj, a
     * GeoPackage's {@code gpkg_spatial_ref_sys}, a GeoJSON {@code crs} member) is used; the mapping's {@code crs} (or
     * {@code format.crs}) gives the CRS of a file that declares none. A mapping CRS that contradicts the file's (it
     * puts the middle of the data more than {@value #CONTRADICTION_METRES} m elsewhere) is refused naming both; one
     * that agrees is used (it may define the datum shift better). Without either, WGS84. A CRS that cannot be
     * understood is refused naming where it was read.
     */
    public static Reprojection ofGeometry(SourceMapping.File mappingFile, Path file) {
        SourceMapping m = mappingFile.mapping();
        String key = m.crs() != null ? "crs" : "format.crs";
        String mapped = m.crs() != null ? m.crs() : m.format() == null ? null : m.format().crs();
        SpatialFiles.FileCrs declared = file == null || m.format() == null ? null
                : SpatialFiles.crsOf(file, m.format().type(), m.format().layer());
        Reprojection fromMapping = null;
        if (mapped != null) {
            try {
                fromMapping = toWgs84(mapped, key);
            } catch (BreakwaterException e) {
                throw mappingFile.invalid(key, "unknown CRS '" + mapped + "'");
            }
        }
        if (declared == null || declared.crs() == null) {
            return fromMapping != null ? fromMapping : toWgs84("EPSG:4326", key);
        }
        Reprojection fromFile;
        try {
            fromFile = toWgs84(declared.crs(), key);
        } catch (BreakwaterException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, declared.source() + ": the CRS '" + declared.crs()
                    + "' is not one proj4j can use (" + e.getMessage() + "); give the CRS in the mapping key crs:");
        }
        if (fromMapping == null) {
            return fromFile;
        }
        if (contradicts(fromMapping, fromFile, declared.sample())) {
            throw mappingFile.invalid(key, "'" + mapped + "' contradicts the CRS the file declares in "
                    + declared.source() + " ('" + declared.crs() + "'); remove " + key + " to use the file's CRS, "
                    + "or correct it");
        }
        return fromMapping; // it agrees with the file, and may define the datum shift better (NAD27, towgs84)
    }

    /** Metres by which two CRSs must place the middle of the data apart to contradict each other. */
    static final double CONTRADICTION_METRES = 50;

    private static boolean contradicts(Reprojection a, Reprojection b, double[] sample) {
        if (a.crs.equalsIgnoreCase(b.crs)) {
            return false;
        }
        if (sample == null) {
            return !(a.isIdentity() && b.isIdentity());
        }
        double[] p = new double[2];
        double[] q = new double[2];
        boolean okA = a.project(sample[0], sample[1], p);
        boolean okB = b.project(sample[0], sample[1], q);
        if (!okA || !okB) {
            return okA != okB;
        }
        return distanceMetres(p[0], p[1], q[0], q[1]) > CONTRADICTION_METRES;
    }

    /** A reprojection from {@code crs} to WGS84; a CRS proj4j does not know is refused naming {@code mappingKey}. */
    public static Reprojection toWgs84(String crs, String mappingKey) {
        if (crs == null || crs.isBlank()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mappingKey + ": missing CRS (e.g. EPSG:4326)");
        }
        String c = crs.strip();
        if (isWgs84(c)) {
            return new Reprojection(c, null);
        }
        try {
            CoordinateReferenceSystem source = c.startsWith("+") ? CRS.createFromParameters("source", c)
                    : CRS.createFromName(c.toUpperCase(java.util.Locale.ROOT));
            CoordinateReferenceSystem wgs84 = CRS.createFromName("EPSG:4326");
            return new Reprojection(c, new CoordinateTransformFactory().createTransform(source, wgs84));
        } catch (Proj4jException | IllegalArgumentException | IllegalStateException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    mappingKey + ": unknown CRS '" + c + "' (" + e.getMessage() + ")");
        }
    }

    public String crs() {
        return crs;
    }

    public boolean isIdentity() {
        return transform == null;
    }

    /**
     * Reprojects (x, y) into {@code lonLat} [lon, lat]; returns false when the point cannot be projected (NaN,
     * infinite, or outside the projection's domain).
     */
    public boolean project(double x, double y, double[] lonLat) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return false;
        }
        if (transform == null) {
            lonLat[0] = x;
            lonLat[1] = y;
            return true;
        }
        try {
            in.x = x;
            in.y = y;
            transform.transform(in, out);
        } catch (Proj4jException | ArithmeticException e) {
            return false;
        }
        lonLat[0] = out.x;
        lonLat[1] = out.y;
        return Double.isFinite(out.x) && Double.isFinite(out.y);
    }

    /** Great-circle distance in metres between two lon/lat points (haversine, mean Earth radius; {@link LocalPlane}). */
    public static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
        return LocalPlane.distanceMetres(lon1, lat1, lon2, lat2);
    }

    private static boolean isWgs84(String c) {
        String u = c.toUpperCase(java.util.Locale.ROOT);
        return u.equals("EPSG:4326") || u.equals("WGS84") || u.equals("CRS:84") || u.equals("OGC:CRS84");
    }
}
