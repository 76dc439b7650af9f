package io.breakwater.etl.breaks;

import io.breakwater.etl.Reprojection;
import io.breakwater.etl.SourceRecord;

/**
 * The coordinate pairs of one file: which pair places a row, and how far the others lie from it. The pair used is the
 * first that parses, reprojects to a valid lon/lat and lies in the service area (when one is set), else the first
 * that is valid; so a row whose MTM pair is broken but whose lon/lat pair is right is placed by the latter. One
 * instance per run reuses its buffers: not thread-safe.
 */
final class CoordinatePairs {
    private final BreakMapping mapping;
    private final int[] xCols;
    private final int[] yCols;
    private final double[] lonLat = new double[2];
    private final double[] other = new double[2];

    CoordinatePairs(BreakMapping mapping, BreakMapping.Columns columns) {
        this.mapping = mapping;
        this.xCols = columns.x();
        this.yCols = columns.y();
    }

    /** The pair that places {@code r}; see {@link Point} for a row that has none. */
    Point choose(SourceRecord r) {
        int used = -1;
        int firstValid = -1;
        boolean anyPresent = false;
        String firstX = null;
        String firstY = null;
        double lon = Double.NaN;
        double lat = Double.NaN;
        double srcX = Double.NaN;
        double srcY = Double.NaN;
        for (int i = 0; i < xCols.length && used < 0; i++) {
            String xs = r.trimmed(xCols[i]);
            String ys = r.trimmed(yCols[i]);
            if (xs == null || ys == null) {
                continue;
            }
            if (!anyPresent) {
                firstX = xs;
                firstY = ys;
            }
            anyPresent = true;
            double x = Decimals.parseDouble(xs);
            double y = Decimals.parseDouble(ys);
            if (mapping.projection(i).project(x, y, lonLat) && validLonLat(lonLat)) {
                boolean inside = mapping.inServiceArea(lonLat[0], lonLat[1]);
                if (firstValid < 0 || inside) {
                    lon = lonLat[0];
                    lat = lonLat[1];
                    srcX = x;
                    srcY = y;
                }
                if (firstValid < 0) {
                    firstValid = i;
                }
                if (inside) {
                    used = i;
                }
            }
        }
        return new Point(anyPresent, firstX, firstY, used < 0 ? firstValid : used, lon, lat, srcX, srcY);
    }

    /** The largest distance in metres between {@code p} and another pair of {@code r} that reprojects; 0 if none. */
    double worstDisagreement(SourceRecord r, Point p) {
        double worst = 0;
        for (int i = 0; i < xCols.length; i++) {
            String xs = r.trimmed(xCols[i]);
            String ys = r.trimmed(yCols[i]);
            if (i != p.pair() && xs != null && ys != null
                    && mapping.projection(i).project(Decimals.parseDouble(xs), Decimals.parseDouble(ys), other)) {
                worst = Math.max(worst, Reprojection.distanceMetres(p.lon(), p.lat(), other[0], other[1]));
            }
        }
        return worst;
    }

    private static boolean validLonLat(double[] p) {
        return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90;
    }

    /**
     * Where a row lies.
     *
     * @param present whether any pair holds two values ({@code firstX}, {@code firstY}: the first such)
     * @param pair    the pair used, or -1 when none is valid
     * @param lon     WGS84 longitude of the pair used
     * @param lat     WGS84 latitude of the pair used
     * @param x       the pair's x as read
     * @param y       the pair's y as read
     */
    record Point(boolean present, String firstX, String firstY, int pair, double lon, double lat, double x, double y) {
        boolean valid() {
            return pair >= 0;
        }
    }
}
