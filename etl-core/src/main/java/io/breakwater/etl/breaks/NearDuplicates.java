package io.breakwater.etl.breaks;

import io.breakwater.db.LocalPlane;
import io.breakwater.etl.Reprojection;
import io.breakwater.etl.internal.LongIntMap;
import java.util.Arrays;

/**
 * Same-day points on a grid of cells at least {@code metres} wide, every point kept in its cell; a point within
 * {@code metres} of an earlier point of the same day is a near duplicate. Such a point lies in the same row of
 * cells or the next, and within {@code reach} columns, where one column is {@code metres} wide at the latitude of
 * the first point (scaled down by 1 %) and {@code reach} grows where meridians converge further; so no pair is
 * missed, whichever cells the two points fall in.
 */
final class NearDuplicates {
    private static final double METRES_PER_DEGREE = LocalPlane.METRES_PER_DEGREE; // as Reprojection.distanceMetres
    private final double metres;
    private final LongIntMap cells; // cell -> newest point in it
    private double columnDegrees = Double.NaN; // set by the first point
    private double columnCos;
    private double[] lons = new double[1 << 12];
    private double[] lats = new double[1 << 12];
    private int[] previous = new int[1 << 12]; // point -> the point before it in the same cell, or -1
    private int n;

    NearDuplicates(double metres, int expectedRows) {
        this.metres = metres;
        this.cells = new LongIntMap(expectedRows);
    }

    /** Whether a point of the same day lies within the distance; the point is then kept for the next calls. */
    boolean seen(long day, double lon, double lat) {
        boolean found = find(day, lon, lat) >= 0;
        add(day, lon, lat);
        return found;
    }

    /** The index (in the order added) of a kept point of the same day within the distance, or -1. */
    int find(long day, double lon, double lat) {
        columnsAt(lat);
        double rowDegrees = metres / METRES_PER_DEGREE;
        long ix = (long) Math.floor(lon / columnDegrees);
        long iy = (long) Math.floor(lat / rowDegrees);
        double cosHere = Math.cos(Math.toRadians(Math.min(90, Math.abs(lat) + rowDegrees)));
        long reach = cosHere >= columnCos ? 1 : (long) Math.min(1_000, Math.ceil(columnCos / Math.max(cosHere, 1e-9)));
        for (long dy = -1; dy <= 1; dy++) {
            for (long dx = -reach; dx <= reach; dx++) {
                for (int at = cells.get(cellKey(day, ix + dx, iy + dy), -1); at >= 0; at = previous[at]) {
                    if (Reprojection.distanceMetres(lon, lat, lons[at], lats[at]) <= metres) {
                        return at;
                    }
                }
            }
        }
        return -1;
    }

    /** Keeps a point; its index is the number of points kept before it. */
    void add(long day, double lon, double lat) {
        columnsAt(lat);
        long ix = (long) Math.floor(lon / columnDegrees);
        long iy = (long) Math.floor(lat / (metres / METRES_PER_DEGREE));
        if (n == lons.length) {
            lons = Arrays.copyOf(lons, n * 2);
            lats = Arrays.copyOf(lats, n * 2);
            previous = Arrays.copyOf(previous, n * 2);
        }
        long own = cellKey(day, ix, iy);
        lons[n] = lon;
        lats[n] = lat;
        previous[n] = cells.get(own, -1);
        cells.put(own, n++);
    }

    /** Sets the column width from the first point's latitude; later points keep it. */
    private void columnsAt(double lat) {
        if (Double.isNaN(columnDegrees)) {
            columnCos = 0.99 * Math.max(Math.cos(Math.toRadians(lat)), 1e-6);
            columnDegrees = metres / (METRES_PER_DEGREE * columnCos);
        }
    }

    private static long cellKey(long day, long ix, long iy) {
        long h = day * 0x9E3779B97F4A7C15L;
        h ^= ix * 0xC2B2AE3D27D4EB4FL;
        h ^= iy * 0x165667B19E3779F9L;
        return h;
    }
}
