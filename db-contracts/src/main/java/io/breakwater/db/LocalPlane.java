package io.breakwater.db;

/**
 * Metres around a point: the one local projection of WGS84 longitude and latitude that every module uses for
 * distances, snapping tolerances, grid cells and neighbour searches. Equirectangular on the sphere of the WGS84 mean
 * radius ({@value #EARTH_RADIUS_M} m, IUGG), scaled at the reference latitude: across a city it is within a fraction
 * of a percent of the ellipsoid, and it agrees with {@link #distanceMetres} (haversine on the same sphere). Not for
 * areas or lengths that span hundreds of kilometres.
 */
public final class LocalPlane {
    /** The WGS84 mean Earth radius, metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** Metres per degree of latitude (and of longitude on the equator) on that sphere, about 111,195 m. */
    public static final double METRES_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180;

    private final double lon0;
    private final double lat0;
    private final double metresPerDegreeLon;

    /** The plane whose origin is ({@code lon0}, {@code lat0}), degrees. */
    public LocalPlane(double lon0, double lat0) {
        this.lon0 = lon0;
        this.lat0 = lat0;
        this.metresPerDegreeLon = METRES_PER_DEGREE * Math.cos(Math.toRadians(lat0));
    }

    /** Metres east of the origin. */
    public double x(double lon) {
        return (lon - lon0) * metresPerDegreeLon;
    }

    /** Metres north of the origin. */
    public double y(double lat) {
        return (lat - lat0) * METRES_PER_DEGREE;
    }

    /** The longitude {@code x} metres east of the origin. */
    public double lon(double x) {
        return lon0 + x / metresPerDegreeLon;
    }

    /** The latitude {@code y} metres north of the origin. */
    public double lat(double y) {
        return lat0 + y / METRES_PER_DEGREE;
    }

    /** Great-circle distance in metres between two longitude/latitude points (haversine, same sphere). */
    public static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
